package guide

import (
	"context"
	"errors"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"unstuck/device"
	"unstuck/device/catalog"
	"unstuck/device/procedure"
)

func assisted(t *testing.T) procedure.Procedure {
	p, ok := procedure.For(catalog.IPhone7, procedure.AssistedDFU)
	if !ok {
		t.Fatal("no assisted DFU procedure for the iPhone 7")
	}
	return p
}

// The engine restarts the phone 2 s into the both-buttons step, once, and
// the phone that leaves recovery and comes back in DFU ends the run.
func TestAssistedDFURestartsThePhoneOnTime(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var calls []time.Duration
		start := time.Now()
		var r *Run
		r = New(Options{Procedure: assisted(t), Phone: key, Reboot: func(context.Context) error {
			calls = append(calls, time.Since(start))
			go func() {
				r.Observe(device.State{})
				time.Sleep(3 * time.Second) // the phone reboots into DFU while the user holds
				r.Observe(phoneIn(device.ModeDFU))
			}()
			return nil
		}})
		r.Observe(phoneIn(device.ModeRecovery))
		if v := r.Start(context.Background()); v != DFUReached {
			t.Fatalf("verdict %s", v)
		}
		if len(calls) != 1 || calls[0] != 5*time.Second { // 3 s get ready + 2 s into the hold
			t.Errorf("restarts at %v, want one at 5s", calls)
		}
	})
}

// A pause before the restart holds it back by the pause's length.
func TestAssistedRestartWaitsOutAPause(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		var at time.Duration
		r := New(Options{Procedure: assisted(t), Phone: key, Reboot: func(context.Context) error {
			at = time.Since(start)
			return errors.New("stop here")
		}})
		go func() {
			time.Sleep(time.Second)
			r.Pause()
			time.Sleep(4 * time.Second)
			r.Resume()
		}()
		r.Observe(phoneIn(device.ModeRecovery))
		r.Start(context.Background())
		if d := at - 9*time.Second; d < 0 || d > 60*time.Millisecond {
			t.Errorf("restarted at %s, want 9s (5 s plus a 4 s pause)", at)
		}
	})
}

// A restart that fails ends the run at once with what went wrong.
func TestAssistedRestartFailure(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var notes []device.Event
		r := New(Options{Procedure: assisted(t), Phone: key,
			Note:   func(e device.Event) { notes = append(notes, e) },
			Reboot: func(context.Context) error { return errors.New("no permission to open the USB device") }})
		r.Observe(phoneIn(device.ModeRecovery))
		if v := r.Start(context.Background()); v != RebootFailed {
			t.Fatalf("verdict %s", v)
		}
		if len(notes) != 1 || !strings.Contains(notes[0].Detail.In("en"), "no permission") || notes[0].From != string(procedure.AssistedDFU) {
			t.Errorf("notes %+v", notes)
		}
		if RebootFailed.Advice().IsZero() {
			t.Error("no advice for a failed restart")
		}
	})
}

// Without a way to restart the phone, an assisted procedure does not start.
func TestAssistedNeedsAReboot(t *testing.T) {
	if v := New(Options{Procedure: assisted(t)}).Start(context.Background()); v != Cancelled {
		t.Errorf("verdict %s", v)
	}
}
