package activity

import (
	"unstuck/device"
)

// The sentences about a phone that left USB during an update or restore.
const (
	sayRejoining = "Your iPhone restarted during the update and left USB for a moment: it should be back within %s. Do not unplug it."
	sayLeft      = "Your iPhone left during the update and has not come back for %s. Check the cable and plug it back in: if it shows up in recovery mode, the update stopped; the phone is safe; try again."
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
			a.State, a.Advice = StateWorking, sprintf(sayRejoining, words(t.T.RestoreRejoin-gone))
		} else {
			a.State, a.Advice = StateInterrupted, sprintf(sayLeft, words(gone))
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
