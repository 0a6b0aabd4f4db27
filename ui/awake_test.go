package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"unstuck/device/awake"
	"unstuck/device/tr"
)

func TestAwakeBarSaysWhatTheKeeperDoes(t *testing.T) {
	test.NewTempApp(t)
	b := NewAwakeBar()
	test.NewTempWindow(t, b.Content())
	var switched []bool
	b.OnSwitch = func(on bool) { switched = append(switched, on) }
	for _, c := range []struct {
		s    awake.Status
		want string
	}{
		{awake.Status{Enabled: true}, "Keeps this computer awake"},
		{awake.Status{Enabled: true, Held: true, Why: awake.WhyUpdating, Method: "logind"}, awake.WhyUpdating.String()},
		{awake.Status{Enabled: true, Err: tr.Raw("no logind and no systemd-inhibit")}, "Cannot keep this computer awake"},
		{awake.Status{Enabled: false}, "Off: the computer may sleep"},
	} {
		b.Apply(c.s)
		if !strings.Contains(b.Text.Text, c.want) || b.Switch.Checked != c.s.Enabled {
			t.Errorf("%+v: %q (switch %v)", c.s, b.Text.Text, b.Switch.Checked)
		}
	}
	test.Tap(b.Switch)
	if len(switched) != 1 || !switched[0] {
		t.Errorf("switched %v", switched)
	}
}
