package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"unstuck/device"
)

func TestActionBarFitsTheMode(t *testing.T) {
	test.NewTempApp(t)
	a := NewActionBar()
	test.NewTempWindow(t, a.Content())
	var exited, entered []string
	a.OnExitRecovery = func(d device.Device) { exited = append(exited, d.Key) }
	a.OnEnterRecovery = func(d device.Device) { entered = append(entered, d.Key) }

	a.Apply(device.State{Devices: []device.Device{{Key: "k", Mode: device.ModeRecovery}}}, "k")
	if !a.ExitRecovery.Visible() || a.EnterRecovery.Visible() {
		t.Fatal("recovery: want only Leave recovery mode")
	}
	test.Tap(a.ExitRecovery)
	a.Apply(device.State{Devices: []device.Device{{Key: "k", Mode: device.ModeNormal, Trust: device.TrustPending}}}, "k")
	if a.ExitRecovery.Visible() || a.EnterRecovery.Visible() {
		t.Fatal("an untrusted running phone: no action")
	}
	a.Apply(device.State{Devices: []device.Device{{Key: "k", Mode: device.ModeNormal, Trust: device.TrustTrusted}}}, "k")
	if !a.EnterRecovery.Visible() {
		t.Fatal("a trusted running phone: want Restart into recovery mode")
	}
	test.Tap(a.EnterRecovery)
	for _, m := range []device.Mode{device.ModeDFU, device.ModeRestore} {
		a.Apply(device.State{Devices: []device.Device{{Key: "k", Mode: m}}}, "k")
		if a.ExitRecovery.Visible() || a.EnterRecovery.Visible() {
			t.Errorf("%s: software can do nothing here, yet a button shows", m)
		}
	}
	a.Apply(device.State{}, "k")
	if a.ExitRecovery.Visible() || a.EnterRecovery.Visible() {
		t.Error("no phone: a button shows")
	}
	if len(exited) != 1 || len(entered) != 1 || exited[0] != "k" {
		t.Errorf("callbacks: exit %v enter %v", exited, entered)
	}
}
