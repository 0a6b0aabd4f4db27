package activity

import (
	"unstuck/device"
)

// Away answers for the phones that left USB while in restore mode and have
// not come back (their last timeline event is a detach from restore mode),
// for update_outcome_shown after they left, by device Key. An update
// restarts the phone in restore mode (a short absence); a long one means
// the cable or the phone gave up. A phone that comes back in recovery mode
// is answered by For ("the update stopped ... try again").
//
// Whether it was an update that keeps the data or a restore that erases
// it is told only for one entered from DFU mode: the restore's options
// travel on the restoring program's own connection (idevicerestore
// src/restore.c), nothing a bystander can read, so one entered from
// recovery or normal mode stays an update.
func (t *Tracker) Away(s device.State) map[string]Activity {
	now := t.Now()
	present := map[string]bool{}
	for _, d := range s.Devices {
		present[d.Key] = true
	}
	out := map[string]Activity{}
	done := map[string]bool{}
	for i := len(s.Timeline) - 1; i >= 0; i-- {
		e := s.Timeline[i]
		if e.Key == "" || done[e.Key] || present[e.Key] || !phoneEvent(e.Kind) {
			continue
		}
		done[e.Key] = true // the latest event of the phone decides
		gone := now.Sub(e.At)
		if e.Kind != device.EventDetached || device.Mode(e.From) != device.ModeRestore || gone >= t.T.UpdateOutcomeShown {
			continue
		}
		a := Activity{Kind: KindUpdate, Since: e.At}
		if cameFromDFU(e.Key, s.Timeline[:i]) {
			a.Kind = KindRestore
		}
		if gone < t.T.RestoreRejoin {
			a.State, a.Advice = StateWorking, say("rejoining", "Within", words(t.T.RestoreRejoin-gone))
		} else {
			a.State, a.Advice = StateInterrupted, say("left", "For", words(gone))
		}
		out[e.Key] = a
	}
	return out
}

// phoneEvent says the event is the phone's own doing (it came, left,
// changed mode or trust), not a note about it: an attempt, an
// observation or an activity's change.
func phoneEvent(k device.EventKind) bool {
	switch k {
	case device.EventObserved, device.EventAttempt, device.EventActivity:
		return false
	}
	return true
}
