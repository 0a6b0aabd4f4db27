package awake

import (
	"slices"
	"testing"
)

// The exact command lines the helpers run; macOS cannot be run here, so
// this is what a Mac would execute.
func TestHelperCommandLines(t *testing.T) {
	cases := []struct {
		c    Child
		want []string
	}{
		{SystemdInhibit(), []string{"systemd-inhibit", "--what=sleep:idle", "--who=Unstuck", "--why=Keeping this computer awake while your iPhone updates", "--mode=block", "cat"}},
		{Caffeinate(4321), []string{"caffeinate", "-i", "-s", "-w", "4321"}},
	}
	for _, tc := range cases {
		if got := tc.c.Command(WhyUpdating.String()); !slices.Equal(got, tc.want) {
			t.Errorf("%s: %q, want %q", tc.c.Name, got, tc.want)
		}
	}
	if !SystemdInhibit().Handshake || Caffeinate(1).Handshake {
		t.Error("systemd-inhibit must run cat with a handshake; caffeinate -w has none")
	}
	if SystemdInhibit().Name != MethodSystemdInhibit || Caffeinate(1).Name != MethodCaffeinate {
		t.Error("wrong method names")
	}
}
