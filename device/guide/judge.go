package guide

import (
	"time"

	"unstuck/device"
	"unstuck/device/procedure"
	"unstuck/device/tr"
)

// judge reads the phone's states during a run and decides when the
// attempt has ended, and how.
type judge struct {
	kind    procedure.Kind
	key     string
	since   time.Time // the run's start: detach events after it count
	first   bool      // no state seen yet
	gone    bool      // the phone has left USB, or changed mode, since the start
	present bool
	// absent: no phone was attached when the run began (no key): the
	// first phone that appears ends the run, in whatever mode it is.
	absent bool
	mode   device.Mode // the mode the phone was last seen in ("" when never)
	seen   bool        // the phone has been seen during the run
}

func newJudge(kind procedure.Kind, key string, since time.Time) *judge {
	return &judge{kind: kind, key: key, since: since, first: true, absent: key == ""}
}

// leftSince reports whether the timeline shows the phone detaching since the
// run began: states reach the run coalesced, so a brief absence may only
// show there.
func (j *judge) leftSince(s device.State) bool {
	for i := len(s.Timeline) - 1; i >= 0; i-- {
		e := s.Timeline[i]
		if e.At.Before(j.since) {
			return false
		}
		if e.Kind == device.EventDetached && (j.key == "" || e.Key == j.key) {
			return true
		}
	}
	return false
}

// find returns the guided phone in a state: the one with the run's key
// (never another phone: the guided one may be away, restarting), or when
// the run has none (nothing was attached), the phone on show.
func (j *judge) find(s device.State) (device.Device, bool) {
	if j.key == "" {
		return s.Focus("")
	}
	return s.Find(j.key)
}

// seen is what the phone did, in words: message guide.seen.<what>.
func seen(what string, kv ...any) tr.Text { return tr.Msg("guide.seen."+what, kv...) }

// modeWords names a mode inside a sentence ("recovery mode").
func modeWords(m device.Mode) tr.Text { return tr.Msg(m.MessageID("words")) }

func (j *judge) see(s device.State, _ bool) (Verdict, tr.Text, bool) {
	d, here := j.find(s)
	first := j.first
	j.first = false
	if !here {
		if j.present || first {
			j.gone = true
		}
		j.present = false
		return "", tr.Text{}, false
	}
	j.present = true
	if !first && j.leftSince(s) {
		j.gone = true
	}
	if j.seen && d.Mode != j.mode {
		j.gone = true // a new mode is a restart, even where the detach was coalesced away
	}
	j.seen, j.mode = true, d.Mode
	if j.absent {
		return j.appeared(d.Mode)
	}
	came := seen("came-back", "Mode", modeWords(d.Mode))
	switch j.kind {
	case procedure.DFU, procedure.AssistedDFU:
		switch {
		case d.Mode == device.ModeDFU && first:
			return AlreadyInMode, seen("already-dfu"), true
		case d.Mode == device.ModeDFU:
			return DFUReached, seen("dfu"), true
		case !j.gone:
			return "", tr.Text{}, false
		case d.Mode == device.ModeRecovery:
			return RecoveryInstead, seen("recovery-instead"), true
		case d.Mode == device.ModeNormal || d.Mode == device.ModeRestore || d.Mode == device.ModeUSBOnly:
			return BootedNormally, seen("booted"), true
		}
	case procedure.Recovery:
		switch {
		case d.Mode == device.ModeRecovery && first:
			return AlreadyInMode, seen("already-recovery"), true
		case d.Mode == device.ModeRecovery:
			return RecoveryReached, seen("recovery"), true
		case !j.gone:
			return "", tr.Text{}, false
		case d.Mode == device.ModeDFU:
			return DFUReached, seen("dfu-instead"), true
		default:
			return BootedNormally, seen("booted"), true
		}
	case procedure.ForceRestart:
		if j.gone {
			return Restarted, came, true
		}
	}
	return "", tr.Text{}, false
}

// appeared is the verdict on a phone that was not there at the start: the
// procedure's goal when it is in that mode, else only where it appeared
// (it was not seen to restart, so nothing else can be said).
func (j *judge) appeared(m device.Mode) (Verdict, tr.Text, bool) {
	switch {
	case m == device.ModeDFU && j.target() == device.ModeDFU:
		return DFUReached, seen("dfu"), true
	case m == device.ModeRecovery && j.target() == device.ModeRecovery:
		return RecoveryReached, seen("recovery"), true
	}
	return PhoneAppeared, seen("appeared", "Mode", modeWords(m)), true
}

// target is the mode the procedure leads to ("" for a force restart, which
// leads back to whatever the phone runs).
func (j *judge) target() device.Mode {
	switch j.kind {
	case procedure.DFU, procedure.AssistedDFU:
		return device.ModeDFU
	case procedure.Recovery:
		return device.ModeRecovery
	}
	return ""
}

// timeout is the verdict when the grace after the last step runs out with
// nothing decided: what the phone did, not only that nothing new appeared.
func (j *judge) timeout(grace time.Duration) (Verdict, tr.Text) {
	switch {
	case j.present: // back and not judged: it never left, or came back as it was
		return NeverRestarted, seen("stayed", "Mode", modeWords(j.mode))
	case j.seen:
		return NoReconnect, seen("left", "Seconds", int(grace.Seconds()))
	}
	return NoReconnect, seen("nothing", "Seconds", int(grace.Seconds()))
}
