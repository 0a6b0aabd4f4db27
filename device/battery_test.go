package device

import (
	"encoding/json"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

func TestBatteryLow(t *testing.T) {
	for _, c := range []struct {
		percent int
		low     bool
	}{{0, true}, {1, true}, {19, true}, {20, false}, {21, false}, {100, false}} {
		if got := (Battery{Percent: c.percent}).Low(); got != c.low {
			t.Errorf("Low at %d%% = %v, want %v", c.percent, got, c.low)
		}
	}
}

func TestBatteryHealthPercent(t *testing.T) {
	for _, c := range []struct {
		design, full, want int
	}{
		{2716, 2390, 88},  // 87.997 rounds up
		{2716, 2716, 100}, // new
		{3227, 3300, 102}, // a new battery may read above its design
		{3000, 2985, 100}, // 99.5 rounds to 100
		{3000, 2984, 99},
		{0, 2390, 0}, // unknown design
		{2716, 0, 0}, // unknown full charge
		{-5, 100, 0}, // nonsense is unknown, not a division by zero
	} {
		b := Battery{DesignCapacity: c.design, FullChargeCapacity: c.full}
		if got := b.HealthPercent(); got != c.want {
			t.Errorf("HealthPercent(%d of %d) = %d, want %d", c.full, c.design, got, c.want)
		}
		if b.HealthKnown() != (c.want > 0) {
			t.Errorf("HealthKnown(%d of %d) = %v", c.full, c.design, b.HealthKnown())
		}
	}
}

func TestBatteryJSON(t *testing.T) {
	b, err := json.Marshal(Battery{Percent: 15, ExternalPower: true})
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"percent":15,"charging":false,"external_power":true}` {
		t.Errorf("unknown health: %s", b)
	}
	b, _ = json.Marshal(Battery{Percent: 15, CycleCount: 312, DesignCapacity: 2716, FullChargeCapacity: 2390, Falling: true})
	for _, want := range []string{`"cycle_count":312`, `"design_capacity":2716`, `"full_charge_capacity":2390`, `"falling":true`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("%s lacks %s", b, want)
		}
	}
}

// step is one reading given to a tracker and the Falling it must give.
type step struct {
	mode    Mode
	percent int // -1: no battery read
	charge  bool
	falling bool
}

func runSteps(t *testing.T, tr *BatteryTracker, key string, steps []step) {
	t.Helper()
	for i, s := range steps {
		var in *Battery
		if s.percent >= 0 {
			in = &Battery{Percent: s.percent, Charging: s.charge}
		}
		var before Battery
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
	tr := NewBatteryTracker()
	runSteps(t, tr, "ecid:1", []step{
		{ModeNormal, 60, false, false}, // first reading: the baseline
		{ModeNormal, 60, false, false},
		{ModeNormal, 58, false, true}, // lower, not charging
		{ModeNormal, 57, true, false}, // charging: never falling; baseline follows
		{ModeNormal, 59, true, false},
		{ModeNormal, 59, false, false}, // unplugged at 59
		{ModeNormal, 58, false, true},
		{ModeNormal, 62, false, false}, // higher: the baseline follows up
		{ModeNormal, 61, false, true},
		// An update: the phone leaves normal mode at 61 and reads nothing
		// while restored runs; it comes back lower than it went in.
		{ModeRestore, -1, false, false},
		{ModeNormal, 61, false, false},
		{ModeRestore, -1, false, false},
		{ModeNormal, 54, false, true},
	})
	// Another phone has its own baseline.
	runSteps(t, tr, "ecid:2", []step{{ModeNormal, 30, false, false}, {ModeNormal, 31, false, false}})
	// Recovery and back: the level when the phone left normal mode counts,
	// not the higher one it had long before.
	runSteps(t, tr, "ecid:3", []step{
		{ModeNormal, 90, false, false},
		{ModeNormal, 70, false, true},
		{ModeRecovery, -1, false, false},
		{ModeNormal, 70, false, false},
	})
	// A procedure that keeps the phone in normal mode: Rebase.
	runSteps(t, tr, "ecid:4", []step{{ModeNormal, 80, false, false}, {ModeNormal, 75, false, true}})
	tr.Rebase("ecid:4")
	runSteps(t, tr, "ecid:4", []step{{ModeNormal, 75, false, false}, {ModeNormal, 74, false, true}})
	tr.Forget("ecid:4")
	runSteps(t, tr, "ecid:4", []step{{ModeNormal, 74, false, false}})
	// Rebase and Forget of unknown phones are harmless; an out-of-range
	// level gets no verdict and does not move the baseline.
	tr.Rebase("nobody")
	tr.Forget("nobody")
	runSteps(t, tr, "ecid:5", []step{{ModeNormal, 50, false, false}, {ModeNormal, 150, false, false}, {ModeNormal, 49, false, true}})
}

// TestWatcherMarksFallingBattery runs the tracker inside the watcher: a
// trusted phone whose level drops while not charging is Falling, a new
// baseline clears it, and the source's Battery value is never modified.
func TestWatcherMarksFallingBattery(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mux := newScriptedMux()
		w, _ := runWatcher(t, Options{Mux: mux})
		phone := func(percent int, charging bool) MuxDevice {
			p := normalPhone()
			p.Trust, p.Battery = TrustTrusted, &Battery{Percent: percent, Charging: charging}
			return p
		}
		battery := func() Battery {
			t.Helper()
			s := w.State()
			if len(s.Devices) != 1 || s.Devices[0].Battery == nil {
				t.Fatalf("devices %+v", s.Devices)
			}
			return *s.Devices[0].Battery
		}
		mux.set([]MuxDevice{phone(40, false)}, nil)
		settle(100 * time.Millisecond)
		if b := battery(); b.Falling || b.Percent != 40 {
			t.Fatalf("first reading: %+v", b)
		}
		p := phone(35, false)
		mux.set([]MuxDevice{p}, nil)
		settle(100 * time.Millisecond)
		if b := battery(); !b.Falling || b.Percent != 35 || b.Low() {
			t.Fatalf("after dropping to 35%%: %+v", b)
		}
		if p.Battery.Falling {
			t.Error("the watcher changed the source's Battery")
		}
		w.MarkBatteryBaseline(w.State().Devices[0].Key)
		mux.set([]MuxDevice{phone(35, false)}, nil)
		settle(100 * time.Millisecond)
		if b := battery(); b.Falling {
			t.Errorf("after a new baseline at 35%%: %+v", b)
		}
		mux.set([]MuxDevice{phone(34, true)}, nil)
		settle(100 * time.Millisecond)
		if b := battery(); b.Falling || !b.Charging {
			t.Errorf("charging: %+v", b)
		}
	})
}
