//go:build linux && cgo

package e2e

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"unstuck/device"
	"unstuck/device/catalog"
	"unstuck/device/guide"
	"unstuck/device/live"
	"unstuck/device/procedure"
	"unstuck/device/usbsim"
)

// attempt runs a guided procedure against the live watcher while act, on
// the test's goroutine, plays what the phone does on the emulated bus once
// the user is holding the buttons (the run's first step has begun); it
// returns the verdict and the timeline with the attempt noted in it.
func attempt(t *testing.T, tb *usbsim.Testbed, p procedure.Procedure, grace time.Duration, act func(rec *recorder)) (guide.Verdict, []device.Event) {
	t.Helper()
	w, rec := watchLive(t, live.Options{NoMux: true, SysfsRoot: tb.Dir() + "/sys"})
	s := rec.waitFor(t, "the phone, identified", func(s device.State) bool { return len(s.Devices) == 1 && s.Devices[0].ECID != 0 })
	holding := make(chan struct{})
	var once sync.Once
	r := guide.New(guide.Options{Procedure: p, Phone: s.Devices[0].Key, GetReady: 100 * time.Millisecond, Grace: grace, Note: w.Note,
		OnTick: func(k guide.Tick) {
			if k.Phase == guide.PhaseStep {
				once.Do(func() { close(holding) })
			}
		}})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	go r.Follow(ctx, w)
	verdict := make(chan guide.Verdict, 1)
	go func() { verdict <- r.Start(ctx) }()
	select {
	case <-holding:
	case <-ctx.Done():
		t.Fatal("the run never reached its first step")
	}
	act(rec)
	v := <-verdict
	noted := rec.waitFor(t, "the attempt in the timeline", func(s device.State) bool {
		tl := s.Timeline
		return len(tl) > 0 && tl[len(tl)-1].Kind == device.EventAttempt
	})
	return v, noted.Timeline
}

// gone waits until the watcher has seen the phone leave the bus.
func gone(t *testing.T, rec *recorder) {
	t.Helper()
	rec.waitFor(t, "the phone off the bus", func(s device.State) bool { return len(s.Devices) == 0 })
}

func TestGuideSeesDFUReachedOnTheBus(t *testing.T) {
	tb := newTestbed(t)
	rec, err := tb.Add(onBus(device.ModeRecovery))
	if err != nil {
		t.Fatal(err)
	}
	p, _ := procedure.For(catalog.Side, procedure.DFU)
	v, timeline := attempt(t, tb, p, 10*time.Second, func(watched *recorder) {
		tb.Remove(rec) // the held buttons power the phone off
		gone(t, watched)
		if _, err := tb.Add(onBus(device.ModeDFU)); err != nil {
			t.Error(err)
		}
	})
	if v != guide.DFUReached {
		t.Fatalf("verdict %s, want dfu-reached", v)
	}
	last := timeline[len(timeline)-1]
	if last.Kind != device.EventAttempt || !strings.Contains(last.Detail.In("en"), "the phone reached DFU mode") || strings.Contains(last.Detail.In("en"), "dfu-reached") {
		t.Errorf("the attempt is not in the timeline: %+v", last)
	}
}

func TestGuideSeesRecoveryInsteadAndNothingReconnecting(t *testing.T) {
	tb := newTestbed(t)
	rec, err := tb.Add(onBus(device.ModeRecovery))
	if err != nil {
		t.Fatal(err)
	}
	p, _ := procedure.For(catalog.Side, procedure.DFU)
	v, _ := attempt(t, tb, p, 10*time.Second, func(watched *recorder) {
		tb.Remove(rec)
		gone(t, watched)
		if rec, err = tb.Add(onBus(device.ModeRecovery)); err != nil {
			t.Fatal(err)
		}
	})
	if v != guide.RecoveryInstead {
		t.Fatalf("verdict %s, want recovery-instead", v)
	}

	short := procedure.Procedure{Kind: procedure.ForceRestart, Steps: []procedure.Step{{Buttons: []procedure.Button{procedure.Side}, Action: "hold", Seconds: 0.5}}}
	v, _ = attempt(t, tb, short, 700*time.Millisecond, func(*recorder) {
		tb.Remove(rec) // and it never comes back
	})
	if v != guide.NoReconnect {
		t.Fatalf("verdict %s, want no-reconnect", v)
	}
}
