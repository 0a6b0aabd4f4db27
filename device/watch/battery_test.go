package watch

import (
	"testing"
	"testing/synctest"
	"time"

	"unstuck/device"
	"unstuck/device/fixture"
)

// step is one reading given to a tracker and the Falling it must give.
type step struct {
	mode    device.Mode
	percent int // -1: no battery read
	charge  bool
	falling bool
}

func runSteps(t *testing.T, tr *batteryTracker, key string, steps []step) {
	t.Helper()
	for i, s := range steps {
		var in *device.Battery
		if s.percent >= 0 {
			in = &device.Battery{Percent: s.percent, Charging: s.charge}
		}
		var before device.Battery
		if in != nil {
			before = *in
		}
		out := tr.Update(key, s.mode, in)
		switch {
		case in == nil && out != nil:
			t.Fatalf("step %d: a battery out of none: %+v", i, out)
		case in == nil:
			continue
		case out == in || *in != before:
			t.Fatalf("step %d: the input was changed or returned", i)
		case out.Falling != s.falling || out.Percent != s.percent:
			t.Errorf("step %d (%s %d%% charging %v): falling %v, want %v", i, s.mode, s.percent, s.charge, out.Falling, s.falling)
		}
	}
}

func TestBatteryTracker(t *testing.T) {
	tr := newBatteryTracker()
	runSteps(t, tr, "ecid:1", []step{
		{device.ModeNormal, 60, false, false}, // first reading: the baseline
		{device.ModeNormal, 60, false, false},
		{device.ModeNormal, 58, false, true}, // lower, not charging
		{device.ModeNormal, 57, true, false}, // charging: never falling; baseline follows
		{device.ModeNormal, 59, true, false},
		{device.ModeNormal, 59, false, false}, // unplugged at 59
		{device.ModeNormal, 58, false, true},
		{device.ModeNormal, 62, false, false}, // higher: the baseline follows up
		{device.ModeNormal, 61, false, true},
		// An update: the phone leaves normal mode at 61 and reads nothing
		// while restored runs; it comes back lower than it went in.
		{device.ModeRestore, -1, false, false},
		{device.ModeNormal, 61, false, false},
		{device.ModeRestore, -1, false, false},
		{device.ModeNormal, 54, false, true},
	})
	// Another phone has its own baseline.
	runSteps(t, tr, "ecid:2", []step{{device.ModeNormal, 30, false, false}, {device.ModeNormal, 31, false, false}})
	// Recovery and back: the level when the phone left normal mode counts,
	// not the higher one it had long before.
	runSteps(t, tr, "ecid:3", []step{
		{device.ModeNormal, 90, false, false},
		{device.ModeNormal, 70, false, true},
		{device.ModeRecovery, -1, false, false},
		{device.ModeNormal, 70, false, false},
	})
	// A procedure that keeps the phone in normal mode: Rebase.
	runSteps(t, tr, "ecid:4", []step{{device.ModeNormal, 80, false, false}, {device.ModeNormal, 75, false, true}})
	tr.Rebase("ecid:4")
	runSteps(t, tr, "ecid:4", []step{{device.ModeNormal, 75, false, false}, {device.ModeNormal, 74, false, true}})
	tr.Forget("ecid:4")
	runSteps(t, tr, "ecid:4", []step{{device.ModeNormal, 74, false, false}})
	// Rebase and Forget of unknown phones are harmless; an out-of-range
	// level gets no verdict and does not move the baseline.
	tr.Rebase("nobody")
	tr.Forget("nobody")
	runSteps(t, tr, "ecid:5", []step{{device.ModeNormal, 50, false, false}, {device.ModeNormal, 150, false, false}, {device.ModeNormal, 49, false, true}})
}

// TestWatcherMarksFallingBattery runs the tracker inside the watcher: a
// trusted phone whose level drops while not charging is Falling, a new
// baseline clears it, and the source's Battery value is never modified.
func TestWatcherMarksFallingBattery(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mux := fixture.NewMux()
		w, _ := runWatcher(t, Options{Mux: mux})
		phone := func(percent int, charging bool) device.MuxDevice {
			p := fixture.IPhone12OnMux()
			p.Trust, p.Battery = device.TrustTrusted, &device.Battery{Percent: percent, Charging: charging}
			return p
		}
		battery := func() device.Battery {
			t.Helper()
			s := w.State()
			if len(s.Devices) != 1 || s.Devices[0].Battery == nil {
				t.Fatalf("devices %+v", s.Devices)
			}
			return *s.Devices[0].Battery
		}
		mux.Set([]device.MuxDevice{phone(40, false)}, nil)
		settle(100 * time.Millisecond)
		if b := battery(); b.Falling || b.Percent != 40 {
			t.Fatalf("first reading: %+v", b)
		}
		p := phone(35, false)
		mux.Set([]device.MuxDevice{p}, nil)
		settle(100 * time.Millisecond)
		if b := battery(); !b.Falling || b.Percent != 35 || b.Low() {
			t.Fatalf("after dropping to 35%%: %+v", b)
		}
		if p.Battery.Falling {
			t.Error("the watcher changed the source's Battery")
		}
		w.MarkBatteryBaseline(w.State().Devices[0].Key)
		mux.Set([]device.MuxDevice{phone(35, false)}, nil)
		settle(100 * time.Millisecond)
		if b := battery(); b.Falling {
			t.Errorf("after a new baseline at 35%%: %+v", b)
		}
		mux.Set([]device.MuxDevice{phone(34, true)}, nil)
		settle(100 * time.Millisecond)
		if b := battery(); b.Falling || !b.Charging {
			t.Errorf("charging: %+v", b)
		}
	})
}
