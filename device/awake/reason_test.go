package awake

import (
	"strings"
	"testing"

	"unstuck/device"
)

func TestReason(t *testing.T) {
	phone := func(key string, m device.Mode) device.Device { return device.Device{Key: key, Mode: m} }
	cases := []struct {
		name      string
		state     device.State
		procedure bool
		why       string
		hold      bool
	}{
		{"no phone", device.State{}, false, "", false},
		{"normal", device.State{Devices: []device.Device{phone("a", device.ModeNormal)}}, false, "", false},
		{"usb-only", device.State{Devices: []device.Device{phone("a", device.ModeUSBOnly)}}, false, "", false},
		{"restore", device.State{Devices: []device.Device{phone("a", device.ModeRestore)}}, false, WhyUpdating, true},
		{"recovery", device.State{Devices: []device.Device{phone("a", device.ModeRecovery)}}, false, WhyRecovery, true},
		{"dfu", device.State{Devices: []device.Device{phone("a", device.ModeDFU)}}, false, WhyDFU, true},
		{"port dfu", device.State{Devices: []device.Device{phone("a", device.ModePortDFU)}}, false, WhyWaitRestore, true},
		{"wtf", device.State{Devices: []device.Device{phone("a", device.ModeWTF)}}, false, WhyWaitRestore, true},
		{"procedure, no phone", device.State{}, true, WhyProcedure, true},
		{"procedure beats recovery", device.State{Devices: []device.Device{phone("a", device.ModeRecovery)}}, true, WhyProcedure, true},
		{"an update beats the procedure", device.State{Devices: []device.Device{phone("a", device.ModeRestore)}}, true, WhyUpdating, true},
		{"restore among several", device.State{Devices: []device.Device{phone("a", device.ModeNormal), phone("b", device.ModeDFU), phone("c", device.ModeRestore)}}, false, WhyUpdating, true},
		{"recovery beats dfu", device.State{Devices: []device.Device{phone("b", device.ModeDFU), phone("a", device.ModeRecovery)}}, false, WhyRecovery, true},
		{"rebooting mid-restore", device.State{Departed: []device.Device{phone("a", device.ModeRestore)}}, false, WhyRestarting, true},
		{"back from restore, running", device.State{Devices: []device.Device{phone("a", device.ModeNormal)}, Departed: []device.Device{phone("a", device.ModeRestore)}}, false, "", false},
		{"left from recovery", device.State{Departed: []device.Device{phone("a", device.ModeRecovery)}}, false, "", false},
	}
	for _, tc := range cases {
		why, hold := Reason(tc.state, tc.procedure)
		if why != tc.why || hold != tc.hold {
			t.Errorf("%s: Reason = %q, %v; want %q, %v", tc.name, why, hold, tc.why, tc.hold)
		}
	}
}

// Every reason is a catalogue sentence, said in the person's language.
func TestWordsOfEveryReason(t *testing.T) {
	for _, why := range []string{WhyUpdating, WhyRestarting, WhyProcedure, WhyRecovery, WhyDFU, WhyWaitRestore, WhyBackup} {
		if got := Words(why).In("en"); got != why+"." {
			t.Errorf("%q in English: %q", why, got)
		}
		if got := Words(why).In("de"); !strings.HasPrefix(got, "Dieser Computer bleibt wach") {
			t.Errorf("%q in German: %q", why, got)
		}
	}
	if got := Words("the system's own").In("de"); got != "the system's own" {
		t.Errorf("another text: %q", got)
	}
}
