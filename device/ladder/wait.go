package ladder

import (
	"unstuck/device/activity"
	"unstuck/device/tr"
)

// StepWait is the step before the ladder: while a backup, an update or a
// restore is still moving on the phone on show, the first thing to do is
// nothing.
const StepWait = "wait-still-working"

// waitRung is StepWait's number. It is rung 0, a step before the ladder,
// so that every other step keeps the number it has when nothing is going
// on (the report, the guide and support people speak of "step 6" for
// Trust); and it is listed only while the phone has an activity to tell
// of: with nothing going on, a "not needed now" row would only push the
// real steps down.
const waitRung = 0

// notWhileWorking is what the riskier steps say while StepWait is Now.
var notWhileWorking = tr.Msg("ladder.wait.not-while-working")

// wait is StepWait for the activity of the phone on show; false when
// nothing is going on. Still moving (working, preparing, waiting for the
// passcode, or slow: a slow update is still one to leave alone) it is
// Now, and its detail is the activity's own advice (for the passcode:
// enter it); finished, it is Done; stalled or stopped, it no longer
// applies and the steps below do.
func wait(a *activity.Activity) (Step, bool) {
	if a == nil || a.Kind == activity.KindNone || a.State == activity.StateNone {
		return Step{}, false
	}
	s := newStep(StepWait, RiskNone)
	s.Detail, s.Rung = a.Advice, waitRung
	switch {
	case a.State == activity.StatePasscode:
		s.Status, s.Title = Now, tr.Msg("ladder.wait.passcode")
	case a.Moving():
		s.Status = Now
	case a.State == activity.StateDone:
		s.Status = Done
	default: // stalled or interrupted
		s.Status, s.Detail = NotApplicable, join(tr.Msg("ladder.wait.not-moving"), a.Advice)
	}
	return s, true
}

// holdBack adds notWhileWorking to the steps that would stop the
// activity: unplugging and restarting, the force restart, recovery and
// DFU mode.
func holdBack(steps []Step) {
	for i, s := range steps {
		switch s.ID {
		case StepRestart, StepForceRestart, StepRecovery, StepDFU:
			if s.Status != NotApplicable && s.Status != Done {
				steps[i].Detail = join(notWhileWorking, s.Detail)
			}
		}
	}
}
