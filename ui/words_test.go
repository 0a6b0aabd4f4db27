package ui

import (
	"strings"
	"testing"

	"unstuck/device"
	"unstuck/device/tr"
)

// TestEveryModeHasALook: a mode added to the model without a row in
// modeLooks would be shown as "Unknown" in grey.
func TestEveryModeHasALook(t *testing.T) {
	for _, m := range device.Modes() {
		l, ok := modeLooks[m]
		switch {
		case !ok:
			t.Errorf("mode %q has no row in modeLooks", m)
		case l.colour.A == 0:
			t.Errorf("mode %q has no colour: %+v", m, l)
		}
	}
	defer tr.Use(tr.Current())
	unknown := device.Mode("no-such-mode")
	for _, lang := range tr.Languages() {
		tr.Use(lang.Tag)
		for _, m := range device.Modes() {
			pill, words, meaning := modeName(m), modeWords(string(m)), modeMeaning(m)
			switch {
			case pill == "" || words == "" || meaning == "" || strings.Contains(pill+words+meaning, "«"):
				t.Errorf("%s: mode %q lacks words: %q, %q, %q", lang.Tag, m, pill, words, meaning)
			case pill == modeName(unknown) || words == modeWords(string(unknown)):
				t.Errorf("%s: mode %q reads as an unknown mode: %q, %q", lang.Tag, m, pill, words)
			}
		}
	}
	if len(modeLooks) != len(device.Modes()) {
		t.Errorf("modeLooks has %d rows for %d modes", len(modeLooks), len(device.Modes()))
	}
}
