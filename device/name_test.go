package device

import (
	"strings"
	"testing"

	"unstuck/device/tr"
	"unstuck/device/tr/trtest"
)

// A phone's name is its model, else its product type, else the
// catalogue's words for an Apple device, in the current language.
func TestNameInEveryLanguage(t *testing.T) {
	if got := (Device{Model: "iPhone 8", ProductType: "iPhone10,1"}).Name(); got != "iPhone 8" {
		t.Errorf("with a model: %q", got)
	}
	if got := (Device{ProductType: "iPhone10,1"}).Name(); got != "iPhone10,1" {
		t.Errorf("with a product type: %q", got)
	}
	if got := (Device{}).Name(); got != "Apple device" {
		t.Errorf("in English: %q", got)
	}
	trtest.Speak(t, "de")
	if got := (Device{}).Name(); got != "Apple-Gerät" {
		t.Errorf("in German: %q", got)
	}
	for _, l := range tr.Languages() {
		tr.Use(l.Tag)
		if got := (Device{}).Name(); got == "" || strings.HasPrefix(got, "«") || (l.Tag != "en" && got == "Apple device") {
			t.Errorf("%s: no name of its own: %q", l.Tag, got)
		}
	}
}
