// Package cue gives the guided procedures their sounds: a short tone when a
// step begins, a soft tick in the last seconds of a step, and a rising or
// falling pair of tones for the verdict. The tones are synthesised here as
// WAV data and played through the system's own player, so the user can keep
// their eyes on the phone and their fingers on its buttons.
package cue

import (
	"math"

	"unstuck/device/guide"
)

// Cue names one sound.
type Cue string

const (
	Step    Cue = "step"    // a new step begins: press or hold now
	Tick    Cue = "tick"    // one of the last three seconds of a step
	Success Cue = "success" // the phone did what the procedure aimed for
	Failure Cue = "failure" // it did something else, or nothing
)

// All lists every cue, in the order they are described above.
var All = []Cue{Step, Tick, Success, Failure}

// tone is one sine burst; a cue is a few of them with silences between.
type tone struct {
	hz, ms, gapMs float64
	volume        float64 // 0..1 of full scale
}

var tones = map[Cue][]tone{
	Step:    {{hz: 880, ms: 160, volume: 0.5}},
	Tick:    {{hz: 660, ms: 45, volume: 0.25}},
	Success: {{hz: 660, ms: 120, gapMs: 40, volume: 0.45}, {hz: 990, ms: 220, volume: 0.45}},
	Failure: {{hz: 520, ms: 160, gapMs: 40, volume: 0.45}, {hz: 350, ms: 260, volume: 0.45}},
}

// SampleRate of the synthesised audio, in Hz.
const SampleRate = 22050

// Samples synthesises a cue as 16-bit mono samples. Each burst fades in and
// out over 5 ms so it does not click.
func Samples(c Cue) []int16 {
	var out []int16
	for _, t := range tones[c] {
		n := int(t.ms * SampleRate / 1000)
		fade := 5 * SampleRate / 1000
		for i := range n {
			env := 1.0
			if i < fade {
				env = float64(i) / float64(fade)
			} else if n-i < fade {
				env = float64(n-i) / float64(fade)
			}
			v := t.volume * env * math.Sin(2*math.Pi*t.hz*float64(i)/SampleRate)
			out = append(out, int16(v*math.MaxInt16))
		}
		out = append(out, make([]int16, int(t.gapMs*SampleRate/1000))...)
	}
	return out
}

// For says which cue, if any, a guide tick calls for. It keeps the last
// tick to find the second boundaries, so feed it every tick of a run.
type For struct {
	last guide.Tick
	seen bool
}

// Next returns the cue for t and whether there is one.
func (f *For) Next(t guide.Tick) (Cue, bool) {
	prev, seen := f.last, f.seen
	f.last, f.seen = t, true
	switch {
	case t.Paused:
		return "", false
	case t.Phase == guide.PhaseDone:
		if seen && prev.Phase == guide.PhaseDone {
			return "", false
		}
		switch t.Verdict {
		case guide.Cancelled, "":
			return "", false
		case guide.DFUReached, guide.RecoveryReached, guide.Restarted, guide.AlreadyInMode:
			return Success, true
		}
		return Failure, true
	case t.NewStep:
		return Step, true
	case t.Phase == guide.PhaseStep || t.Phase == guide.PhaseGetReady:
		// A tick as the time left crosses 3, 2 and 1 seconds.
		now := secondsLeft(t)
		if now >= 1 && now <= 3 && seen && prev.Phase == t.Phase && prev.Step == t.Step && secondsLeft(prev) > now {
			return Tick, true
		}
	}
	return "", false
}

// secondsLeft is the whole seconds left in the step, rounded up: the
// number the screen shows.
func secondsLeft(t guide.Tick) int {
	return int(math.Ceil(t.StepLeft.Seconds()))
}
