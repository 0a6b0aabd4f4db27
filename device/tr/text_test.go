package tr

import (
	"encoding/json"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// A Text is said in the language that reads it, nested Texts and numbers
// too, and JSON carries it in English.
func TestTextInEachLanguage(t *testing.T) {
	defer Use(Current())
	Use("de")
	inner := Msg("month.12")
	outer := Msg("format.daymonth", "Day", "1", "Month", inner)
	if got := outer.String(); got != "1. Dezember" {
		t.Errorf("German: %q", got)
	}
	if got := outer.In("ja"); got != "12月1日" {
		t.Errorf("Japanese: %q", got)
	}
	b, err := json.Marshal(struct{ Said Text }{outer})
	if err != nil || string(b) != `{"Said":"1 December"}` {
		t.Errorf("JSON: %s %v", b, err)
	}
	var back struct{ Said Text }
	if err := json.Unmarshal(b, &back); err != nil || back.Said.String() != "1 December" || back.Said.ID() != "" {
		t.Errorf("read back: %+v %v", back, err)
	}
	if got := Plural("stability.dropped", 3).String(); got != N("stability.dropped", 3) {
		t.Errorf("plural: %q", got)
	}
	if got := Plural("stability.dropped", 1).In("en"); !strings.HasPrefix(got, "Dropped once") {
		t.Errorf("English one: %q", got)
	}
	if one, again := Msg("a", "X", 1), Msg("a", "X", 1); one != again || one == Msg("a", "X", 2) {
		t.Error("Texts compare by message and values")
	}
	if !(Text{}).IsZero() || Raw("x").IsZero() || Raw("x").String() != "x" {
		t.Error("zero and raw")
	}
	if got := Both(Raw("A."), Text{}); got != Raw("A.") {
		t.Errorf("Both with an empty second: %v", got)
	}
}

// Values with the encoding's own characters (quotes, spaces, '=') come back
// as they went in, nested too.
func TestTextValuesRoundTrip(t *testing.T) {
	odd := `a "quoted" = b\n` + "\x00é"
	useCatalogue(t, fstest.MapFS{
		"i/en.json": {Data: []byte(`{"m": "<{{.A}}|{{.B}}>", "n": "({{.C}})"}`)},
	})
	got := Msg("m", "A", odd, "B", Msg("n", "C", odd)).In("en")
	if want := "<" + odd + "|(" + odd + ")>"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
}

func TestNumbersDatesAndSizesPerLanguage(t *testing.T) {
	for tag, want := range map[string]string{"en": "1,234,567", "de": "1.234.567", "fr": "1\u00a0234\u00a0567", "ja": "1,234,567"} {
		if got := NumberIn(tag, 1234567); got != want {
			t.Errorf("%s number %q, want %q", tag, got, want)
		}
	}
	day := time.Date(2026, 3, 7, 15, 4, 0, 0, time.UTC)
	for tag, want := range map[string]string{"en": "7 March 2026", "de": "7. März 2026", "es": "7 de marzo de 2026",
		"pt-BR": "7 de março de 2026", "fr": "7 mars 2026", "ja": "2026年3月7日", "zh-Hans": "2026年3月7日"} {
		if got := Date(day).In(tag); got != want {
			t.Errorf("%s date %q, want %q", tag, got, want)
		}
	}
	for tag, want := range map[string]string{"en": "1.5 GB", "de": "1,5 GB", "fr": "1,5 GB"} {
		if got := Size(1_500_000_000).In(tag); got != want {
			t.Errorf("%s size %q, want %q", tag, got, want)
		}
	}
	if got := Size(999).In("de"); got != "999 B" {
		t.Errorf("bytes: %q", got)
	}
}

// An area's file needs its language's own file, and an ID is defined once.
func TestAreas(t *testing.T) {
	c := parseFS(fstest.MapFS{
		"i/en.json":   {Data: []byte(`{"a": "A"}`)},
		"i/x/en.json": {Data: []byte(`{"b": "B"}`)},
	}, "i")
	if c.err != nil || c.raw["en"]["b"] == nil || len(c.langs) != 1 {
		t.Errorf("area not read: %v %v", c.err, c.langs)
	}
	for name, fsys := range map[string]fstest.MapFS{
		"no language file": {"i/en.json": {Data: []byte(`{"a": "A"}`)}, "i/x/de.json": {Data: []byte(`{"b": "B"}`)}},
		"defined twice":    {"i/en.json": {Data: []byte(`{"a": "A"}`)}, "i/x/en.json": {Data: []byte(`{"a": "B"}`)}},
	} {
		if c := parseFS(fsys, "i"); c.err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// Map changes the values and raw texts, never the message or numbers.
func TestMap(t *testing.T) {
	up := strings.ToUpper
	if got := Raw("ecid 1a").Map(up); got != Raw("ECID 1A") {
		t.Errorf("raw: %#v", got)
	}
	m := Msg("sentences.two", "First", Msg("format.size", "Value", 1234, "Unit", "kb"), "Second", Raw("x"))
	if got := m.Map(up).In("de"); got != "1.234 KB. X" {
		t.Errorf("nested: %q", got)
	}
}

func TestUnbracketed(t *testing.T) {
	for in, want := range map[string]string{
		"[Mode]: normal": ": normal", "[a [b] c] d": " d", "x]y": "x]y", "[open": "", "": "",
	} {
		if got := Unbracketed(in); got != want {
			t.Errorf("Unbracketed(%q) = %q, want %q", in, got, want)
		}
	}
}
