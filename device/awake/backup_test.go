package awake

import (
	"testing"

	"unstuck/device"
	"unstuck/device/fixture"
	"unstuck/device/tr"
)

func TestReasonWithBackup(t *testing.T) {
	normal := fixture.State(fixture.IPhoneX(device.ModeNormal))
	restore := fixture.State(fixture.IPhoneX(device.ModeRestore))
	for _, tc := range []struct {
		name              string
		state             device.State
		procedure, backup bool
		why               tr.Text
		hold              bool
	}{
		{"a backup moving", normal, false, true, WhyBackup, true},
		{"no backup", normal, false, false, tr.Text{}, false},
		{"a procedure and a backup", normal, true, true, WhyProcedure, true},
		{"an update", restore, false, true, WhyUpdating, true},
	} {
		why, hold := ReasonWithBackup(tc.state, tc.procedure, tc.backup)
		if why != tc.why || hold != tc.hold {
			t.Errorf("%s: %q, %v; want %q, %v", tc.name, why, hold, tc.why, tc.hold)
		}
	}
}
