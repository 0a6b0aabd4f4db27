package ui

import (
	"testing"

	"unstuck/device"
)

// TestEveryModeHasALook: a mode added to the model without a row in
// modeLooks would be shown as "Unknown" in grey.
func TestEveryModeHasALook(t *testing.T) {
	for _, m := range device.Modes() {
		l, ok := modeLooks[m]
		switch {
		case !ok:
			t.Errorf("mode %q has no row in modeLooks", m)
		case l.pill == "" || l.words == "" || l.meaning == "" || l.colour.A == 0:
			t.Errorf("mode %q has an incomplete row: %+v", m, l)
		case l.pill == unknownLook.pill || l.words == unknownLook.words:
			t.Errorf("mode %q reads as an unknown mode: %+v", m, l)
		}
	}
	if len(modeLooks) != len(device.Modes()) {
		t.Errorf("modeLooks has %d rows for %d modes", len(modeLooks), len(device.Modes()))
	}
}
