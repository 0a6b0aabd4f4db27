package procedure

import (
	"slices"
	"testing"
)

func TestOffered(t *testing.T) {
	plain := []Kind{ForceRestart, Recovery, DFU}
	all := append(slices.Clone(plain), AssistedDFU)
	for _, tc := range []struct {
		name                   string
		inRecovery, canRestart bool
		chosen                 Kind
		want                   []Kind
	}{
		{"a running phone", false, true, ForceRestart, plain},
		{"recovery mode", true, true, DFU, all},
		{"recovery mode, no way to restart it", true, false, DFU, plain},
		{"left recovery while the assisted entry is chosen", false, true, AssistedDFU, all},
	} {
		if got := Offered(tc.inRecovery, tc.canRestart, tc.chosen); !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestNamesRoundTrip(t *testing.T) {
	for _, k := range []Kind{ForceRestart, Recovery, DFU, AssistedDFU} {
		if got, ok := KindNamed(k.Name().String()); !ok || got != k || k.Name().In("en") == string(k) {
			t.Errorf("%s: named %q, back to %q %v", k, k.Name(), got, ok)
		}
	}
	if _, ok := KindNamed("Reboot"); ok {
		t.Error("an unknown name found a procedure")
	}
}
