//go:build linux && cgo

package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"unstuck/device"
	"unstuck/device/catalog"
	"unstuck/device/guide"
	"unstuck/device/live"
	"unstuck/device/procedure"
	"unstuck/device/usbsim"
)

// attempt runs a guided procedure against the live watcher while act plays
// what the phone does on the emulated bus, and returns the verdict.
func attempt(t *testing.T, tb *usbsim.Testbed, p procedure.Procedure, grace time.Duration, act func()) (guide.Verdict, []device.Event) {
	t.Helper()
	w, rec := watchLive(t, live.Options{NoMux: true, SysfsRoot: tb.Dir() + "/sys"})
	s := rec.waitFor(t, "the phone, identified", func(s device.State) bool { return len(s.Devices) == 1 && s.Devices[0].ECID != 0 })
	r := guide.New(guide.Options{Procedure: p, Phone: s.Devices[0].Key, GetReady: 100 * time.Millisecond, Grace: grace, Note: w.Note})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	go r.Follow(ctx, w)
	go act()
	v := r.Start(ctx)
	time.Sleep(100 * time.Millisecond) // let the note reach the state
	return v, w.State().Timeline
}

func TestGuideSeesDFUReachedOnTheBus(t *testing.T) {
	tb := newTestbed(t)
	rec, err := tb.Add(usbsim.Phone{Mode: device.ModeRecovery, PID: 0x1281, Serial: recSerial})
	if err != nil {
		t.Fatal(err)
	}
	p, _ := procedure.For(catalog.Side, procedure.DFU)
	v, timeline := attempt(t, tb, p, 10*time.Second, func() {
		time.Sleep(400 * time.Millisecond)
		tb.Remove(rec) // the held buttons power the phone off
		time.Sleep(400 * time.Millisecond)
		if _, err := tb.Add(usbsim.Phone{Mode: device.ModeDFU, Serial: dfuSerial}); err != nil {
			t.Error(err)
		}
	})
	if v != guide.DFUReached {
		t.Fatalf("verdict %s, want dfu-reached", v)
	}
	last := timeline[len(timeline)-1]
	if last.Kind != device.EventAttempt || !strings.Contains(last.Detail, "dfu-reached") {
		t.Errorf("the attempt is not in the timeline: %+v", last)
	}
}

func TestGuideSeesRecoveryInsteadAndNothingReconnecting(t *testing.T) {
	tb := newTestbed(t)
	rec, err := tb.Add(usbsim.Phone{Mode: device.ModeRecovery, PID: 0x1281, Serial: recSerial})
	if err != nil {
		t.Fatal(err)
	}
	p, _ := procedure.For(catalog.Side, procedure.DFU)
	again := make(chan *usbsim.Device, 1)
	v, _ := attempt(t, tb, p, 10*time.Second, func() {
		time.Sleep(300 * time.Millisecond)
		tb.Remove(rec)
		time.Sleep(400 * time.Millisecond)
		d, err := tb.Add(usbsim.Phone{Mode: device.ModeRecovery, PID: 0x1281, Serial: recSerial})
		if err != nil {
			t.Error(err)
		}
		again <- d
	})
	if v != guide.RecoveryInstead {
		t.Fatalf("verdict %s, want recovery-instead", v)
	}
	rec = <-again

	short := procedure.Procedure{Kind: procedure.ForceRestart, Steps: []procedure.Step{{Buttons: []procedure.Button{procedure.Side}, Action: "hold", Seconds: 0.5}}}
	v, _ = attempt(t, tb, short, 700*time.Millisecond, func() {
		time.Sleep(200 * time.Millisecond)
		tb.Remove(rec) // and it never comes back
	})
	if v != guide.NoReconnect {
		t.Fatalf("verdict %s, want no-reconnect", v)
	}
}
