package awake

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"unstuck/device"
	"unstuck/device/tr"
	"unstuck/device/tr/trtest"
)

func TestReason(t *testing.T) {
	phone := func(key string, m device.Mode) device.Device { return device.Device{Key: key, Mode: m} }
	cases := []struct {
		name      string
		state     device.State
		procedure bool
		why       tr.Text
		hold      bool
	}{
		{"no phone", device.State{}, false, tr.Text{}, false},
		{"normal", device.State{Devices: []device.Device{phone("a", device.ModeNormal)}}, false, tr.Text{}, false},
		{"usb-only", device.State{Devices: []device.Device{phone("a", device.ModeUSBOnly)}}, false, tr.Text{}, false},
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
		{"back from restore, running", device.State{Devices: []device.Device{phone("a", device.ModeNormal)}, Departed: []device.Device{phone("a", device.ModeRestore)}}, false, tr.Text{}, false},
		{"left from recovery", device.State{Departed: []device.Device{phone("a", device.ModeRecovery)}}, false, tr.Text{}, false},
	}
	for _, tc := range cases {
		why, hold := Reason(tc.state, tc.procedure)
		if why != tc.why || hold != tc.hold {
			t.Errorf("%s: Reason = %q, %v; want %q, %v", tc.name, why, hold, tc.why, tc.hold)
		}
	}
}

// The reason reads in the person's language through the catalogue, and the
// system is asked for the lock in it; Status's JSON stays English.
func TestReasonInGerman(t *testing.T) {
	trtest.Speak(t, "de")
	why, _ := Reason(device.State{Devices: []device.Device{{Key: "a", Mode: device.ModeRecovery}}}, false)
	if got := why.String(); got != "Dieser Computer bleibt wach, während dein iPhone im Wiederherstellungsmodus ist" {
		t.Errorf("German reason %q", got)
	}
	f := &fakeInhibitor{}
	k := NewKeeperWith(f, nil, fastRetry)
	defer k.Close()
	k.Update(why, true)
	deadline := time.Now().Add(2 * time.Second)
	for _, n := f.counts(); n == 0 && time.Now().Before(deadline); _, n = f.counts() {
		time.Sleep(5 * time.Millisecond)
	}
	f.mu.Lock()
	asked := ""
	if len(f.locks) > 0 {
		asked = f.locks[0].why
	}
	f.mu.Unlock()
	if asked != why.String() {
		t.Errorf("the system was asked with %q", asked)
	}
	raw, _ := json.Marshal(Status{Held: true, Why: why})
	if !strings.Contains(string(raw), `"why":"Keeping this computer awake while your iPhone is in recovery mode"`) {
		t.Errorf("JSON %s", raw)
	}
}
