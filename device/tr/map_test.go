package tr

import (
	"strings"
	"testing"
)

// Map reaches Raw texts and string values, nested ones too, and leaves the
// message and its numbers alone.
func TestMapReachesEveryValue(t *testing.T) {
	upper := strings.ToUpper
	if got := Raw("abc").Map(upper).In(English); got != "ABC" {
		t.Errorf("Raw: %q", got)
	}
	inner := Msg("sentences.two", "First", "one", "Second", Raw("two"))
	outer := Msg("sentences.two", "First", inner, "Second", 1234)
	want := Msg("sentences.two", "First", Msg("sentences.two", "First", "ONE", "Second", Raw("TWO")), "Second", 1234)
	if got := outer.Map(upper); got != want {
		t.Errorf("Map: %q, want %q", got.In(English), want.In(English))
	}
	if got := Plural("sentences.two", 3).Map(upper); got != Plural("sentences.two", 3) {
		t.Errorf("a plural's count changed: %q", got.In(English))
	}
}
