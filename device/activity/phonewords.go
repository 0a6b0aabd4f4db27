package activity

import (
	"time"

	"unstuck/device/tr"
)

// withPhoneLog adds what the phone's log and passcode prompt say to the
// answer from the backup folder (base; haveFolder says b was listed). The
// phone's word wins where the folder cannot see: preparing while nothing
// is written, the passcode prompt, a full disk.
func withPhoneLog(base Activity, b Backup, haveFolder bool, l PhoneLog, now time.Time, t Thresholds) Activity {
	logLive := l.Phase != "" && now.Sub(l.LastLine) < t.BackupAbandoned
	folderRunning := base.Kind == KindBackup && base.State != StateDone && base.State != StateInterrupted
	if !logLive && !folderRunning {
		return base // a prompt outside a backup is the phone's own business (Face ID, Apple Pay...)
	}
	a := base
	if a.Kind != KindBackup {
		a = Activity{Kind: KindBackup, Since: l.Began}
	}
	a.PhonePhase, a.PhoneFiles, a.LastPhoneLog = l.Phase, l.Files, l.LastLine
	progress := l.LastLine
	if haveFolder && b.LastProgress.After(progress) {
		progress = b.LastProgress
	}
	promptOpen := !l.PromptShown.IsZero() && l.PromptAnswered.IsZero() && !progress.After(l.PromptShown)
	switch {
	case l.Problem == ProblemDiskFull && now.Sub(l.ProblemAt) < t.BackupProblemShown && !progress.After(l.ProblemAt):
		a.State, a.Problem, a.Advice = StateStalled, ProblemDiskFull, say("disk-full")
	case promptOpen && now.Sub(l.PromptShown) < t.BackupPasscode:
		a.State, a.PasscodeSince = StatePasscode, l.PromptShown
		a.Advice = say("phone-passcode", "Left", words(t.BackupPasscode-now.Sub(l.PromptShown)))
	case promptOpen:
		a.State, a.Problem, a.PasscodeSince = StateInterrupted, ProblemPasscodeTimeout, l.PromptShown
		a.Advice = say("passcode-gave-up", "Ago", words(now.Sub(l.PromptShown)))
	case l.Phase == LogFinished:
		if now.Sub(l.PhaseAt) >= t.BackupDoneShown {
			return base
		}
		a.State, a.Advice = StateDone, sayDone(l.PhaseAt)
	case now.Sub(l.LastLine) < t.PhoneLogRecent:
		phoneSays(&a, base, l)
	case haveFolder && folderRunning:
		return a // the folder's answer, with the phone's phase
	default:
		quietLadder(&a, now.Sub(progress), t)
	}
	return a
}

// phoneSays is the answer while the phone's log is lively: its phase,
// unless the folder already shows data arriving.
func phoneSays(a *Activity, base Activity, l PhoneLog) {
	if base.State == StateWorking && base.RecentBytes > 0 {
		return // the folder's "X backed up in the last 5 minutes" says more
	}
	switch l.Phase {
	case LogUploading:
		a.State, a.Advice = StateWorking, say("phone-sending")
		if l.Files > 0 {
			a.Advice = tr.Plural("activity.phone-uploading", l.Files)
		}
	case LogMoving, LogRemoving, LogFinishing:
		a.State, a.Advice = StateWorking, say("backup-moving")
	default: // starting, scanning, preflight: nothing is written yet
		a.State, a.Advice = StatePreparing, say("phone-preparing")
	}
}

// quietLadder is the answer when neither the log nor the folder moved for
// quiet: slow, probably stalled, stalled, as for the folder alone.
func quietLadder(a *Activity, quiet time.Duration, t Thresholds) {
	switch {
	case quiet < t.BackupSlow:
		a.State, a.Advice = StateWorking, say("backup-quiet")
	case quiet < t.BackupProbablyStalled:
		a.State, a.Advice = StateSlow, say("backup-slow", "For", words(quiet))
	case quiet < t.BackupStalled:
		a.State, a.Advice = StateStalled, say("backup-probably", "For", words(quiet))
	default:
		a.State, a.Advice = StateStalled, say("backup-stalled", "For", words(quiet))
	}
}
