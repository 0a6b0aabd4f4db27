package ladder

import (
	"fmt"
	"time"

	"unstuck/device"
	"unstuck/device/guide"
)

// attemptStep describes the three steps that open a guided procedure.
var attemptStep = map[string]struct {
	title, what, guide, success string
	risk                        Risk
}{
	StepForceRestart: {"Force restart the phone",
		"A button sequence that restarts even a frozen phone. It erases nothing.",
		"force-restart", "restarted", RiskNone},
	StepRecovery: {"Recovery mode, then Update (not Restore)",
		"Put the phone in recovery mode; Finder, iTunes or Apple Devices then offers Update, which reinstalls iOS and keeps your data. Choose Update, never Restore.",
		"recovery", "recovery-reached", RiskKeepsData},
	StepDFU: {"DFU mode and restore: the last resort",
		"DFU mode lets the computer reinstall everything, but the restore erases the phone. Only after the steps above, and after checking for a backup.",
		"dfu", "dfu-reached", RiskErases},
}

// attempted judges a step that opens a guided procedure, from the phone's
// mode and the attempts recorded in the timeline.
func attempted(in Input, d device.Device, id string) Step {
	a := attemptStep[id]
	s := Step{ID: id, Title: a.title, What: a.what, Risk: a.risk, Status: ToDo, Guide: a.guide}
	if e, ok := lastAttempt(in.State.Timeline, d.Key, a.guide); ok {
		s.Detail = fmt.Sprintf("Tried at %s: %s.", e.At.Local().Format("15:04"), guide.Verdict(e.To).Words())
		if e.To == a.success || (id != StepForceRestart && e.To == "already-in-mode") {
			s.Status = Done
		}
	}
	switch {
	case id == StepRecovery && d.Mode == device.ModeRecovery:
		s.Status, s.Detail = Now, "The phone is in recovery mode: in Finder, iTunes or Apple Devices choose Update, not Restore."
	case id == StepDFU && (d.Mode == device.ModeDFU || d.Mode == device.ModePortDFU):
		s.Status, s.Detail = Now, "The phone is in DFU mode. A restore from here erases it."
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
func BackupWords(in Input) string {
	switch {
	case !in.BackupSearched:
		return "Check for a backup of this phone before restoring."
	case in.Backup == nil:
		return "No backup of this phone was found on this computer: a restore loses everything that is not in iCloud."
	}
	if in.Now.IsZero() {
		in.Now = time.Now()
	}
	w := "Newest backup on this computer: " + in.Backup.Date.Local().Format("2 Jan 2006") + " (" + ago(in.Now.Sub(in.Backup.Date)) + ")."
	if !in.Backup.Complete {
		w += " It is incomplete."
	}
	return w
}

func ago(d time.Duration) string {
	switch days := int(d.Hours() / 24); {
	case d < time.Hour:
		return "less than an hour ago"
	case d < 2*time.Hour:
		return "an hour ago"
	case days < 1:
		return fmt.Sprintf("%d hours ago", int(d.Hours()))
	case days == 1:
		return "yesterday"
	default:
		return fmt.Sprintf("%d days ago", days)
	}
}

func join(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + " " + b
}
