package ladder

import (
	"time"

	"unstuck/device"
	"unstuck/device/backup"
	"unstuck/device/guide"
	"unstuck/device/tr"
)

// attemptStep describes the three steps that open a guided procedure:
// the procedure, the verdict that means it worked, and the risk.
var attemptStep = map[string]struct {
	guide, success string
	risk           Risk
}{
	StepForceRestart: {"force-restart", "restarted", RiskNone},
	StepRecovery:     {"recovery", "recovery-reached", RiskKeepsData},
	StepDFU:          {"dfu", "dfu-reached", RiskErases},
}

// attempted judges a step that opens a guided procedure, from the phone's
// mode and the attempts recorded in the timeline.
func attempted(in Input, d device.Device, id string) Step {
	a := attemptStep[id]
	s := newStep(id, a.risk)
	s.Guide = a.guide
	if e, ok := lastAttempt(in.State.Timeline, d.Key, a.guide); ok {
		s.Detail = tr.Msg("ladder.tried", "Clock", tr.Clock(e.At.Local()), "Verdict", guide.Verdict(e.To).Words())
		if e.To == a.success || (id != StepForceRestart && e.To == "already-in-mode") {
			s.Status = Done
		}
	}
	switch {
	case id == StepRecovery && d.Mode == device.ModeRecovery:
		s.Status, s.Detail = Now, tr.Msg("ladder.recovery.now")
	case id == StepDFU && (d.Mode == device.ModeDFU || d.Mode == device.ModePortDFU):
		s.Status, s.Detail = Now, tr.Msg("ladder.dfu.now")
	}
	if id == StepDFU {
		s.Detail = join(s.Detail, BackupWords(in))
	}
	return s
}

// lastAttempt finds the newest attempt of a procedure on the phone (or with
// no phone attached, on any).
func lastAttempt(events []device.Event, key, procedure string) (device.Event, bool) {
	for i := len(events) - 1; i >= 0; i-- {
		e := events[i]
		if e.Kind == device.EventAttempt && e.From == procedure && (key == "" || e.Key == "" || e.Key == key) {
			return e, true
		}
	}
	return device.Event{}, false
}

// BackupWords answers the backup question asked before anything erases:
// whether this computer has a backup of the phone, and how old it is.
func BackupWords(in Input) tr.Text {
	switch {
	case !in.BackupSearched:
		return tr.Msg("ladder.backup.unsearched")
	case in.Backup == nil:
		return tr.Msg("ladder.backup.none")
	}
	if in.Now.IsZero() {
		in.Now = time.Now()
	}
	w := tr.Msg("ladder.backup.newest", "Date", tr.Date(in.Backup.Date.Local()), "Ago", backup.Age(in.Backup.Date, in.Now))
	if !in.Backup.Complete {
		w = join(w, tr.Msg("ladder.backup.incomplete"))
	}
	return w
}
