// Package guide runs a button procedure as a countdown and watches the
// phone while the user presses: it ends with a verdict ("DFU reached", "that
// was recovery: release sooner", "it booted normally", "nothing reconnected")
// as soon as the phone shows what happened. Every step's end is a deadline
// measured from the start, so the countdown never drifts, and the clock is
// injectable for tests. No Fyne: the UI and the CLI render its Ticks.
package guide

import (
	"context"
	"math"
	"slices"
	"time"

	"unstuck/device"
	"unstuck/device/procedure"
	"unstuck/device/tr"
)

// Verdict is how an attempt ended.
type Verdict string

const (
	DFUReached      Verdict = "dfu-reached"
	RecoveryReached Verdict = "recovery-reached"
	RecoveryInstead Verdict = "recovery-instead" // DFU wanted; the side/top button was held too long
	BootedNormally  Verdict = "booted-normally"  // released too early, or the Apple logo came
	Restarted       Verdict = "restarted"        // a force restart worked: the phone came back
	NoReconnect     Verdict = "no-reconnect"     // nothing on USB in time: cable, port, or the phone is off
	NeverRestarted  Verdict = "never-restarted"  // the phone stayed connected, in the same mode, the whole time
	PhoneAppeared   Verdict = "phone-appeared"   // no phone at the start; one appeared, in a mode the procedure does not lead to
	AlreadyInMode   Verdict = "already-in-mode"
	Cancelled       Verdict = "cancelled"
	RebootFailed    Verdict = "reboot-failed" // an assisted procedure could not restart the phone
)

// Words says a verdict as the end of a sentence ("Tried at 14:02: the
// phone never restarted"), for the timeline, the report and the CLI:
// message guide.words.<verdict>.
func (v Verdict) Words() tr.Text {
	if slices.Contains(verdicts, v) {
		return tr.Msg("guide.words." + string(v))
	}
	return tr.Raw(string(v))
}

// verdicts are every verdict a run ends with.
var verdicts = []Verdict{DFUReached, RecoveryReached, RecoveryInstead, BootedNormally, Restarted, NoReconnect,
	NeverRestarted, PhoneAppeared, AlreadyInMode, Cancelled, RebootFailed}

// Worked says the attempt did what the procedure aims for.
func (v Verdict) Worked() bool {
	switch v {
	case DFUReached, RecoveryReached, Restarted, AlreadyInMode:
		return true
	}
	return false
}

// Advice is what to tell the user after a verdict (message
// guide.advice.<verdict>); zero when there is nothing to add.
func (v Verdict) Advice() tr.Text {
	if v == Cancelled || !slices.Contains(verdicts, v) {
		return tr.Text{}
	}
	return tr.Msg("guide.advice." + string(v))
}

// Phase of a run.
type Phase string

const (
	PhaseGetReady Phase = "get-ready"
	PhaseStep     Phase = "step"
	PhaseWaiting  Phase = "waiting" // steps done; waiting for the phone to show up
	PhaseDone     Phase = "done"
)

// Tick is what the UI draws.
type Tick struct {
	Phase    Phase
	Step     int           // index into the procedure's steps (PhaseStep)
	StepLeft time.Duration // time left in the current step or phase
	Elapsed  time.Duration // since the start, pauses excluded
	Total    time.Duration // lead-in + all steps
	Paused   bool
	Verdict  Verdict     // set in PhaseDone
	Observed tr.Text     // what the phone did, in words, when it ended the run
	Mode     device.Mode // in PhaseDone, the mode the phone was last seen in ("" when never seen)
	NewStep  bool        // this tick starts a step: a cue for sound
}

// Options configure a run.
type Options struct {
	Procedure procedure.Procedure
	// Phone is the Key of the phone being guided ("" when none was attached:
	// then any phone that appears counts).
	Phone string
	// GetReady is the lead-in before the first step (default 3 s).
	GetReady time.Duration
	// Grace is how long to wait after the last step for the phone to appear
	// (default 10 s).
	Grace time.Duration
	// Every is the tick interval (default 50 ms).
	Every time.Duration
	Clock Clock
	// OnTick is called from the run's goroutine for every tick; keep it short.
	OnTick func(Tick)
	// Note records an observation in the timeline (e.g. the watcher's Note).
	Note func(device.Event)
	// Reboot restarts the phone, for an assisted procedure's step with
	// RebootAt; it runs on its own goroutine and should give up with ctx.
	Reboot func(ctx context.Context) error
}

// Run is one attempt. Feed it the watcher's states with Observe.
type Run struct {
	o      Options
	states chan device.State
	ctl    chan string
}

// New prepares a run; call Start to count.
func New(o Options) *Run {
	if o.GetReady <= 0 {
		o.GetReady = 3 * time.Second
	}
	if o.Grace <= 0 {
		o.Grace = 10 * time.Second
	}
	if o.Every <= 0 {
		o.Every = 50 * time.Millisecond
	}
	if o.Clock == nil {
		o.Clock = RealClock{}
	}
	if o.OnTick == nil {
		o.OnTick = func(Tick) {}
	}
	if o.Note == nil {
		o.Note = func(device.Event) {}
	}
	return &Run{o: o, states: make(chan device.State, 1), ctl: make(chan string, 4)}
}

// Observe hands the run the latest State; only the newest one matters.
func (r *Run) Observe(s device.State) {
	select {
	case <-r.states:
	default:
	}
	r.states <- s
}

// Pause holds a running countdown (Resume and Restart go on).
func (r *Run) Pause()   { r.ctl <- "pause" }
func (r *Run) Resume()  { r.ctl <- "resume" }
func (r *Run) Restart() { r.ctl <- "restart" }

// bounds returns each step's end as an offset from the start of counting.
func (r *Run) bounds() []time.Duration {
	out := make([]time.Duration, len(r.o.Procedure.Steps))
	at := r.o.GetReady
	for i, s := range r.o.Procedure.Steps {
		at += time.Duration(s.Seconds * float64(time.Second))
		out[i] = at
	}
	return out
}

// rebootAt returns when, from the start of counting, an assisted procedure
// restarts the phone (false: it does not).
func (r *Run) rebootAt() (time.Duration, bool) {
	at := r.o.GetReady
	for _, s := range r.o.Procedure.Steps {
		if s.RebootAt > 0 {
			return at + time.Duration(s.RebootAt*float64(time.Second)), true
		}
		at += time.Duration(s.Seconds * float64(time.Second))
	}
	return 0, false
}

// position says where in the sequence an elapsed time falls.
func (r *Run) position(elapsed time.Duration, ends []time.Duration) (Phase, int, time.Duration) {
	if elapsed < r.o.GetReady {
		return PhaseGetReady, -1, r.o.GetReady - elapsed
	}
	for i, end := range ends {
		if elapsed < end {
			return PhaseStep, i, end - elapsed
		}
	}
	total := ends[len(ends)-1]
	return PhaseWaiting, len(ends) - 1, total + r.o.Grace - elapsed
}

// Start counts until a verdict, ctx's end (Cancelled) or the grace after the
// last step (NoReconnect). It blocks; run it on a goroutine.
func (r *Run) Start(ctx context.Context) Verdict {
	c, v, ok := r.newCountdown()
	if !ok {
		return v
	}
	for {
		now := r.o.Clock.Now()
		elapsed := c.elapsed(now)
		phase, step, left := r.position(elapsed, c.ends)
		done := Tick{Phase: PhaseDone, Step: step, Elapsed: elapsed, Total: c.total, Mode: c.judge.mode}
		if phase == PhaseWaiting && left <= 0 {
			v, obs := c.judge.timeout(r.o.Grace)
			return r.finish(done, v, obs)
		}
		c.tick(now, phase, step, left, elapsed)
		c.reboot(ctx, elapsed)
		select {
		case <-ctx.Done():
			return r.finish(Tick{Phase: PhaseDone, Elapsed: elapsed, Total: c.total, Mode: c.judge.mode}, Cancelled, tr.Msg("guide.seen.stopped"))
		case cmd := <-r.ctl:
			c.control(cmd)
		case err := <-c.rebooted:
			if err != nil {
				return r.finish(done, RebootFailed, tr.Msg("guide.seen.reboot-failed", "Error", tr.Raw(err.Error())))
			}
		case s := <-r.states:
			if v, obs, ok := c.see(s, phase); ok {
				done.Mode = c.judge.mode
				return r.finish(done, v, obs)
			}
		case <-r.o.Clock.After(c.wait(left, elapsed)):
		}
	}
}

// countdown is the state of one Start: where counting started, pauses,
// the step last announced, the assisted reboot and the judge of what the
// phone does.
type countdown struct {
	r          *Run
	ends       []time.Duration // each step's end (bounds)
	total      time.Duration
	rebootAt   time.Duration
	assisted   bool // the procedure has Unstuck restart the phone at rebootAt
	rebootSent bool
	rebooted   chan error
	start      time.Time
	pausedAt   time.Time
	paused     bool
	judge      *judge
	lastStep   int
	released   time.Time // when the last step began (the last release)
}

// newCountdown prepares counting from now; false with the verdict when the
// procedure cannot be run.
func (r *Run) newCountdown() (*countdown, Verdict, bool) {
	ends := r.bounds()
	if len(ends) == 0 {
		return nil, r.finish(Tick{Phase: PhaseDone}, Cancelled, tr.Msg("guide.seen.no-steps")), false
	}
	rebootAt, assisted := r.rebootAt()
	if assisted && r.o.Reboot == nil {
		return nil, r.finish(Tick{Phase: PhaseDone}, Cancelled, tr.Msg("guide.seen.cannot-restart")), false
	}
	start := r.o.Clock.Now()
	return &countdown{r: r, ends: ends, total: ends[len(ends)-1], rebootAt: rebootAt, assisted: assisted,
		rebooted: make(chan error, 1), start: start, judge: newJudge(r.o.Procedure.Kind, r.o.Phone, start), lastStep: -2}, "", true
}

// elapsed is the counted time at now: a pause stops it.
func (c *countdown) elapsed(now time.Time) time.Duration {
	if c.paused {
		return c.pausedAt.Sub(c.start)
	}
	return now.Sub(c.start)
}

// tick hands the UI where the count is, marking the first tick of a step.
func (c *countdown) tick(now time.Time, phase Phase, step int, left, elapsed time.Duration) {
	t := Tick{Phase: phase, Step: step, StepLeft: left, Elapsed: elapsed, Total: c.total, Paused: c.paused}
	if phase == PhaseStep && step != c.lastStep {
		t.NewStep = true
		c.lastStep = step
		if step == len(c.ends)-1 {
			c.released = now
		}
	}
	c.r.o.OnTick(t)
}

// reboot restarts the phone, once, when an assisted procedure reaches
// rebootAt; the result comes on c.rebooted.
func (c *countdown) reboot(ctx context.Context, elapsed time.Duration) {
	if c.assisted && !c.rebootSent && !c.paused && elapsed >= c.rebootAt {
		c.rebootSent = true
		go func() { c.rebooted <- c.r.o.Reboot(ctx) }()
	}
}

// wait is how long to sleep: until the next tick, or the next step
// boundary (or reboot) if that comes first, so a step starts on its
// deadline rather than up to a tick late.
func (c *countdown) wait(left, elapsed time.Duration) time.Duration {
	wait := c.r.o.Every
	if left > 0 && left < wait && !c.paused {
		wait = left
	}
	if untilReboot := c.rebootAt - elapsed; c.assisted && !c.rebootSent && !c.paused && untilReboot > 0 && untilReboot < wait {
		wait = untilReboot
	}
	return wait
}

// control obeys Pause, Resume and Restart.
func (c *countdown) control(cmd string) {
	clock := c.r.o.Clock
	switch {
	case cmd == "pause" && !c.paused:
		c.paused, c.pausedAt = true, clock.Now()
	case cmd == "resume" && c.paused:
		c.start = c.start.Add(clock.Now().Sub(c.pausedAt)) // the pause does not count
		c.paused = false
	case cmd == "restart":
		c.start, c.paused, c.lastStep, c.rebootSent = clock.Now(), false, -2, false
		c.judge = newJudge(c.r.o.Procedure.Kind, c.r.o.Phone, c.start)
	}
}

// see judges a State; true with the verdict and what was observed, timed
// from the last release for the verdicts that depend on it.
func (c *countdown) see(s device.State, phase Phase) (Verdict, tr.Text, bool) {
	v, what, ok := c.judge.see(s, phase == PhaseGetReady)
	if !ok {
		return "", tr.Text{}, false
	}
	if !c.released.IsZero() && (v == DFUReached || v == RecoveryInstead || v == BootedNormally) {
		after := math.Round(c.r.o.Clock.Now().Sub(c.released).Seconds()*10) / 10
		what = tr.Msg("guide.seen.after-release", "What", what, "Seconds", after)
	}
	return v, what, true
}

// finish ends the run: the last tick, and the attempt in the timeline (a
// Text: the app and the report's page say it in their language, its JSON
// in English).
func (r *Run) finish(t Tick, v Verdict, observed tr.Text) Verdict {
	t.Phase, t.Verdict, t.Observed = PhaseDone, v, observed
	r.o.OnTick(t)
	r.o.Note(device.Event{Kind: device.EventAttempt, Key: r.o.Phone,
		From: string(r.o.Procedure.Kind), To: string(v),
		Detail: tr.Msg("guide.attempt.detail", "Name", r.o.Procedure.Kind.Name(), "Verdict", v.Words(), "Observed", observed)})
	return v
}

// States is what Follow needs of a watcher (device/watch's Watcher): the
// newest State through a one-slot channel, and a way to stop.
type States interface {
	Latest() (<-chan device.State, func())
}

// Follow feeds the run every new State of the watcher until ctx ends. Run
// it on a goroutine beside Start.
func (r *Run) Follow(ctx context.Context, w States) {
	states, unsub := w.Latest()
	defer unsub()
	for {
		select {
		case s := <-states:
			r.Observe(s)
		case <-ctx.Done():
			return
		}
	}
}
