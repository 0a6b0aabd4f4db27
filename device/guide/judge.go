package guide

import (
	"fmt"
	"time"

	"unstuck/device"
	"unstuck/device/procedure"
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

func (j *judge) see(s device.State, _ bool) (Verdict, string, bool) {
	d, here := j.find(s)
	first := j.first
	j.first = false
	if !here {
		if j.present || first {
			j.gone = true
		}
		j.present = false
		return "", "", false
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
	came := fmt.Sprintf("the phone came back in %s mode", d.Mode.Words())
	switch j.kind {
	case procedure.DFU, procedure.AssistedDFU:
		switch {
		case d.Mode == device.ModeDFU && first:
			return AlreadyInMode, "the phone was already in DFU mode", true
		case d.Mode == device.ModeDFU:
			return DFUReached, "DFU mode appeared", true
		case !j.gone:
			return "", "", false
		case d.Mode == device.ModeRecovery:
			return RecoveryInstead, "recovery mode appeared instead of DFU", true
		case d.Mode == device.ModeNormal || d.Mode == device.ModeRestore || d.Mode == device.ModeUSBOnly:
			return BootedNormally, "the phone booted normally", true
		}
	case procedure.Recovery:
		switch {
		case d.Mode == device.ModeRecovery && first:
			return AlreadyInMode, "the phone was already in recovery mode", true
		case d.Mode == device.ModeRecovery:
			return RecoveryReached, "recovery mode appeared", true
		case !j.gone:
			return "", "", false
		case d.Mode == device.ModeDFU:
			return DFUReached, "DFU mode appeared instead of recovery mode", true
		default:
			return BootedNormally, "the phone booted normally", true
		}
	case procedure.ForceRestart:
		if j.gone {
			return Restarted, came, true
		}
	}
	return "", "", false
}

// appeared is the verdict on a phone that was not there at the start: the
// procedure's goal when it is in that mode, else only where it appeared
// (it was not seen to restart, so nothing else can be said).
func (j *judge) appeared(m device.Mode) (Verdict, string, bool) {
	switch {
	case m == device.ModeDFU && j.target() == device.ModeDFU:
		return DFUReached, "DFU mode appeared", true
	case m == device.ModeRecovery && j.target() == device.ModeRecovery:
		return RecoveryReached, "recovery mode appeared", true
	}
	return PhoneAppeared, fmt.Sprintf("a phone appeared, in %s mode", m.Words()), true
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
func (j *judge) timeout(grace time.Duration) (Verdict, string) {
	switch {
	case j.present: // back and not judged: it never left, or came back as it was
		return NeverRestarted, fmt.Sprintf("the phone stayed connected in %s mode the whole time", j.mode.Words())
	case j.seen:
		return NoReconnect, fmt.Sprintf("the phone left USB and did not come back within %s of the last step", grace)
	}
	return NoReconnect, fmt.Sprintf("nothing appeared on USB within %s of the last step", grace)
}
