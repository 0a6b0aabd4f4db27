package guide

import (
	"context"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"unstuck/device"
	"unstuck/device/catalog"
	"unstuck/device/fixture"
	"unstuck/device/procedure"
)

// lateClock wakes every After a little late, like a loaded machine: the
// countdown must not add the lateness up.
type lateClock struct{ late time.Duration }

func (c lateClock) Now() time.Time                         { return time.Now() }
func (c lateClock) After(d time.Duration) <-chan time.Time { return time.After(d + c.late) }

type ticks struct {
	mu  sync.Mutex
	all []Tick
}

func (t *ticks) add(k Tick) { t.mu.Lock(); t.all = append(t.all, k); t.mu.Unlock() }
func (t *ticks) last() Tick {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.all[len(t.all)-1]
}

func dfuSide(t *testing.T) procedure.Procedure {
	p, ok := procedure.For(catalog.Side, procedure.DFU)
	if !ok {
		t.Fatal("no side-family DFU procedure")
	}
	return p
}

// key is the guided phone: the fixtures' iPhone X.
const key = fixture.XKey

func phoneIn(m device.Mode) device.State {
	return device.State{Devices: []device.Device{{Key: key, Mode: m}}}
}

var nothing = device.State{Devices: []device.Device{}}

// besideOne adds a second phone, in recovery mode, to a state.
func besideOne(s device.State) device.State {
	s.Devices = append([]device.Device{{Key: "ecid:0000000000000002", Mode: device.ModeRecovery}}, s.Devices...)
	return s
}

// Every verdict has words, advice and a title of its own, never its id.
func TestEveryVerdictInWords(t *testing.T) {
	for _, v := range []Verdict{DFUReached, RecoveryReached, RecoveryInstead, BootedNormally, Restarted, NoReconnect, NeverRestarted, PhoneAppeared, AlreadyInMode, Cancelled, RebootFailed} {
		if w := v.Words().In("en"); w == string(v) || w == "" || strings.HasPrefix(w, "«") {
			t.Errorf("%s has no words", v)
		}
		if v != Cancelled && v.Advice().IsZero() {
			t.Errorf("%s has no advice", v)
		}
	}
}

func TestCountdownFollowsDeadlinesNotSleeps(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		p := dfuSide(t)
		var tk ticks
		r := New(Options{Procedure: p, Phone: key, Clock: lateClock{late: 7 * time.Millisecond}, OnTick: tk.add})
		start := time.Now()
		v := r.Start(context.Background())
		took := time.Since(start)
		want := 3*time.Second + time.Duration(p.Seconds()*float64(time.Second)) + 10*time.Second
		if v != NoReconnect {
			t.Fatalf("verdict %s", v)
		}
		if took < want || took > want+60*time.Millisecond {
			t.Errorf("took %s, want %s within one tick: lateness piled up", took, want)
		}
		steps := 0
		var at []time.Duration
		for _, k := range tk.all {
			if k.NewStep {
				steps++
				at = append(at, k.Elapsed)
			}
		}
		if steps != len(p.Steps) {
			t.Fatalf("%d step starts, want %d", steps, len(p.Steps))
		}
		// Step 3 (hold side 10 s) starts 3 s + 0.5 + 0.5 in; step 4 ten seconds later.
		for i, wantAt := range []time.Duration{3 * time.Second, 3500 * time.Millisecond, 4 * time.Second, 14 * time.Second, 19 * time.Second} {
			if d := at[i] - wantAt; d < 0 || d > 60*time.Millisecond {
				t.Errorf("step %d started at %s, want %s", i+1, at[i], wantAt)
			}
		}
		if last := tk.last(); last.Phase != PhaseDone || last.Verdict != NoReconnect || last.Observed.IsZero() {
			t.Errorf("last tick %+v", last)
		}
	})
}

func TestPauseDoesNotCount(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		p, _ := procedure.For(catalog.HomeTop, procedure.ForceRestart) // 10 s
		r := New(Options{Procedure: p, Phone: key})
		done := make(chan Verdict)
		start := time.Now()
		go func() { done <- r.Start(context.Background()) }()
		time.Sleep(5 * time.Second)
		r.Pause()
		time.Sleep(30 * time.Second)
		r.Resume()
		v := <-done
		took := time.Since(start)
		if want := 3*time.Second + 10*time.Second + 10*time.Second + 30*time.Second; v != NoReconnect || took < want || took > want+100*time.Millisecond {
			t.Errorf("verdict %s after %s, want no-reconnect after %s", v, took, want)
		}
	})
}

func TestRestartStartsOver(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		p, _ := procedure.For(catalog.HomeTop, procedure.ForceRestart)
		var tk ticks
		r := New(Options{Procedure: p, Phone: key, OnTick: tk.add})
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan Verdict)
		go func() { done <- r.Start(ctx) }()
		time.Sleep(8 * time.Second)
		r.Restart()
		time.Sleep(time.Second)
		synctest.Wait()
		if k := tk.last(); k.Phase != PhaseGetReady || k.Elapsed > 1100*time.Millisecond {
			t.Errorf("after restart: %+v", k)
		}
		cancel()
		if v := <-done; v != Cancelled {
			t.Errorf("verdict %s", v)
		}
	})
}

// Each verdict from the sequence of states a real attempt produces.
func TestVerdicts(t *testing.T) {
	cases := []struct {
		name   string
		kind   procedure.Kind
		phone  string
		states []device.State
		want   Verdict
	}{
		{"dfu reached from recovery", procedure.DFU, key, []device.State{phoneIn(device.ModeRecovery), nothing, phoneIn(device.ModeDFU)}, DFUReached},
		{"dfu reached, phone unknown at start", procedure.DFU, "", []device.State{nothing, phoneIn(device.ModeDFU)}, DFUReached},
		{"recovery instead", procedure.DFU, key, []device.State{phoneIn(device.ModeNormal), nothing, phoneIn(device.ModeRecovery)}, RecoveryInstead},
		{"booted normally", procedure.DFU, key, []device.State{phoneIn(device.ModeRecovery), nothing, phoneIn(device.ModeNormal)}, BootedNormally},
		{"already in DFU", procedure.DFU, key, []device.State{phoneIn(device.ModeDFU)}, AlreadyInMode},
		{"recovery reached", procedure.Recovery, key, []device.State{phoneIn(device.ModeNormal), nothing, phoneIn(device.ModeRecovery)}, RecoveryReached},
		{"recovery: released too early", procedure.Recovery, key, []device.State{phoneIn(device.ModeNormal), nothing, phoneIn(device.ModeNormal)}, BootedNormally},
		{"force restart", procedure.ForceRestart, key, []device.State{phoneIn(device.ModeRecovery), nothing, phoneIn(device.ModeNormal)}, Restarted},
		{"nothing reconnects", procedure.ForceRestart, key, []device.State{phoneIn(device.ModeNormal), nothing}, NoReconnect},
		{"nothing ever attached", procedure.ForceRestart, "", []device.State{nothing, nothing}, NoReconnect},
		{"force restart: the phone stayed on", procedure.ForceRestart, key, []device.State{phoneIn(device.ModeNormal), phoneIn(device.ModeNormal)}, NeverRestarted},
		{"dfu: the phone stayed on", procedure.DFU, key, []device.State{phoneIn(device.ModeNormal), phoneIn(device.ModeNormal), phoneIn(device.ModeNormal)}, NeverRestarted},
		{"recovery: the phone stayed in recovery", procedure.DFU, key, []device.State{phoneIn(device.ModeRecovery), phoneIn(device.ModeRecovery)}, NeverRestarted},
		{"dfu: a mode change without a detach is a restart", procedure.DFU, key, []device.State{phoneIn(device.ModeRecovery), phoneIn(device.ModeNormal)}, BootedNormally},
		{"force restart: a phone appears after the start", procedure.ForceRestart, "", []device.State{nothing, phoneIn(device.ModeDFU)}, PhoneAppeared},
		{"force restart: the first state seen already has the phone", procedure.ForceRestart, "", []device.State{phoneIn(device.ModeDFU)}, PhoneAppeared},
		{"dfu: a phone appears after the start, running", procedure.DFU, "", []device.State{nothing, phoneIn(device.ModeNormal)}, PhoneAppeared},
		{"another phone is not the guided one", procedure.Recovery, key, []device.State{besideOne(phoneIn(device.ModeNormal)), besideOne(nothing), besideOne(phoneIn(device.ModeNormal))}, BootedNormally},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				p, _ := procedure.For(catalog.Side, c.kind)
				var notes []device.Event
				var tk ticks
				r := New(Options{Procedure: p, Phone: c.phone, OnTick: tk.add, Note: func(e device.Event) { notes = append(notes, e) }})
				done := make(chan Verdict)
				go func() { done <- r.Start(context.Background()) }()
				for _, s := range c.states {
					time.Sleep(4 * time.Second)
					r.Observe(s)
				}
				v := <-done
				if v != c.want {
					t.Fatalf("verdict %s, want %s", v, c.want)
				}
				if len(notes) != 1 || notes[0].Kind != device.EventAttempt || !strings.Contains(notes[0].Detail.In("en"), c.want.Words().In("en")) || strings.Contains(string(c.want), "-") && strings.Contains(notes[0].Detail.In("en"), string(c.want)) {
					t.Errorf("timeline notes %+v: the verdict in words, not %q", notes, c.want)
				}
				last := tk.last()
				if last.Verdict != c.want || v.Advice().IsZero() || last.Observed.IsZero() {
					t.Errorf("last tick %+v", last)
				}
				// What was observed matches the phone's last state.
				if end := c.states[len(c.states)-1]; len(end.Devices) > 0 && last.Mode != end.Devices[len(end.Devices)-1].Mode {
					t.Errorf("verdict tick mode %q, the phone was last in %q", last.Mode, end.Devices[len(end.Devices)-1].Mode)
				}
				if strings.Contains(last.Observed.In("en"), "-") {
					t.Errorf("observed %q names an internal value", last.Observed)
				}
			})
		})
	}
}
