package activity

import (
	"time"

	"unstuck/device"
	"unstuck/device/tr"
)

// sayFellBack is the advice when an update fell back to recovery mode.
func sayFellBack() tr.Text { return say("fell-back") }

// modeActivity answers from the phone's mode and the timeline: restore
// mode is an update or restore under way; recovery mode right after normal
// mode may be one starting; a fall from restore to recovery mode stopped.
func modeActivity(d device.Device, events []device.Event, now time.Time, t Thresholds) (Activity, bool) {
	since, from := modeSince(d, events)
	elapsed := now.Sub(since)
	a := Activity{Since: since}
	switch d.Mode {
	case device.ModeRestore:
		a.Kind = KindUpdate
		working := "updating"
		if cameFromDFU(d.Key, events) {
			a.Kind, working = KindRestore, "restoring"
		}
		switch {
		case elapsed < t.RestoreNormal:
			a.State, a.Advice = StateWorking, say(working, "Within", words(t.RestoreNormal))
		case elapsed < t.RestoreLong:
			a.State, a.Advice = StateSlow, say("restore-slow", "For", words(elapsed))
		default:
			a.State, a.Advice = StateStalled, say("restore-long", "For", words(elapsed))
		}
		return a, true
	case device.ModeRecovery:
		if back, ok := cameBackFromRestore(d.Key, events); ok {
			since, from, elapsed = back, device.ModeRestore, now.Sub(back)
			a.Since = since
		}
		switch {
		case from == device.ModeRestore && elapsed < t.UpdateOutcomeShown:
			a.Kind, a.State, a.Advice = KindUpdate, StateInterrupted, sayFellBack()
		case from == device.ModeNormal:
			a.Kind = KindUpdate
			if elapsed < t.RestoreArrival {
				a.State, a.Advice = StatePreparing, say("arriving", "Within", words(t.RestoreArrival-elapsed))
			} else {
				a.State, a.Advice = StateStalled, say("recovery-idle", "For", words(elapsed))
			}
		default:
			return Activity{}, false // first seen in recovery mode: no update seen starting
		}
		return a, true
	case device.ModeNormal:
		if from == device.ModeRestore && elapsed < t.UpdateOutcomeShown {
			a.Kind, a.State, a.Advice = KindUpdate, StateDone, say("update-done")
			return a, true
		}
	}
	return Activity{}, false
}

// modeSince finds when the phone entered its present mode and from which
// (the latest mode change to it; "" and the first sighting when the
// timeline shows none). A phone that dropped off and came back in the same
// mode (restore reboots) keeps its time.
func modeSince(d device.Device, events []device.Event) (time.Time, device.Mode) {
	for i := len(events) - 1; i >= 0; i-- {
		e := events[i]
		if e.Key == d.Key && e.Kind == device.EventModeChanged && device.Mode(e.To) == d.Mode {
			return e.At, device.Mode(e.From)
		}
	}
	return d.Stability.FirstSeen, ""
}

// cameBackFromRestore says the phone's last arrival followed its leaving
// USB from restore mode (it left during an update and came back), and when
// it arrived.
func cameBackFromRestore(key string, events []device.Event) (time.Time, bool) {
	var arrived time.Time
	for i := len(events) - 1; i >= 0; i-- {
		e := events[i]
		switch {
		case e.Key != key:
		case e.Kind == device.EventAttached && arrived.IsZero():
			arrived = e.At
		case e.Kind == device.EventDetached && !arrived.IsZero():
			return arrived, device.Mode(e.From) == device.ModeRestore
		case e.Kind == device.EventAttached || e.Kind == device.EventModeChanged:
			return time.Time{}, false
		}
	}
	return time.Time{}, false
}

// cameFromDFU says the phone's last entry into restore mode was from DFU.
func cameFromDFU(key string, events []device.Event) bool {
	for i := len(events) - 1; i >= 0; i-- {
		e := events[i]
		if e.Key == key && e.Kind == device.EventModeChanged && device.Mode(e.To) == device.ModeRestore {
			return device.Mode(e.From) == device.ModeDFU
		}
	}
	return false
}
