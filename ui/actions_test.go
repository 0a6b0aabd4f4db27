package ui

import (
	"context"
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"unstuck/device"
	"unstuck/device/action"
)

func TestActionBarFitsTheMode(t *testing.T) {
	test.NewTempApp(t)
	a := NewActionBar(ActionBarOptions{Post: NewQueue().Post})
	test.NewTempWindow(t, a.Content())
	a.Apply(device.State{Devices: []device.Device{{Key: "k", Mode: device.ModeRecovery}}}, "k")
	if !a.ExitRecovery.Visible() || a.EnterRecovery.Visible() {
		t.Fatal("recovery: want only Leave recovery mode")
	}
	a.Apply(device.State{Devices: []device.Device{{Key: "k", Mode: device.ModeNormal, Trust: device.TrustPending}}}, "k")
	if a.ExitRecovery.Visible() || a.EnterRecovery.Visible() {
		t.Fatal("an untrusted running phone: no action")
	}
	a.Apply(device.State{Devices: []device.Device{{Key: "k", Mode: device.ModeNormal, Trust: device.TrustTrusted}}}, "k")
	if !a.EnterRecovery.Visible() {
		t.Fatal("a trusted running phone: want Restart into recovery mode")
	}
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
}

// With two phones the bar speaks of the one on show.
func TestActionBarFollowsTheFocus(t *testing.T) {
	test.NewTempApp(t)
	a := NewActionBar(ActionBarOptions{Post: NewQueue().Post})
	s := device.State{Devices: []device.Device{{Key: "a", Mode: device.ModeNormal}, {Key: "b", Mode: device.ModeRecovery}}}
	a.Apply(s, "b")
	if !a.ExitRecovery.Visible() {
		t.Error("the second phone, in recovery mode, is on show: want Leave recovery mode")
	}
	a.Apply(s, "a")
	if a.ExitRecovery.Visible() {
		t.Error("the first phone, running, is on show: no Leave recovery mode")
	}
}

// A confirmed action runs off the UI goroutine; a success is noted in the
// timeline, a failure goes to the report's errors; both are said.
func TestActionBarRunsAndReports(t *testing.T) {
	test.NewTempApp(t)
	q := NewQueue()
	var did []string
	var noted []device.Event
	var failed []error
	fail := errors.New("no permission to open the USB device")
	w := test.NewTempWindow(t, nil)
	a := NewActionBar(ActionBarOptions{Ctx: context.Background(), Window: w, Post: q.Post,
		Do: func(_ context.Context, act action.Action, d device.Device) error {
			did = append(did, act.ID+" "+d.Key)
			if act.ID == action.EnterRecovery.ID {
				return fail
			}
			return nil
		},
		Note:   func(e device.Event) { noted = append(noted, e) },
		Failed: func(err error) { failed = append(failed, err) },
	})
	phone := device.Device{Key: "k", Mode: device.ModeRecovery}
	a.Run(action.ExitRecovery, phone)
	<-q.Posted()
	q.Drain()
	a.Run(action.EnterRecovery, phone)
	<-q.Posted()
	q.Drain()
	if strings.Join(did, ",") != "exit-recovery k,enter-recovery k" {
		t.Errorf("done: %v", did)
	}
	if len(noted) != 1 || noted[0].Detail != action.ExitRecovery.Note {
		t.Errorf("noted %+v", noted)
	}
	if len(failed) != 1 || !errors.Is(failed[0], fail) || !strings.HasPrefix(failed[0].Error(), "restart into recovery mode") {
		t.Errorf("failures %v", failed)
	}
}
