package activity

import (
	"time"

	"unstuck/device"
	"unstuck/device/tr"
)

// backupActivity answers from the phone's backup folder (the phone is
// attached in normal mode).
func backupActivity(d device.Device, b Backup, now time.Time, t Thresholds) Activity {
	a := Activity{
		Kind: KindBackup, Since: b.Since, LastProgress: b.LastProgress,
		RecentBytes: b.WindowBytes, RecentFiles: b.WindowFiles, RecentSeconds: int(t.BackupWindow / time.Second),
		Files: b.Files, Phase: b.Phase, BackupDir: b.Dir,
	}
	quiet := now.Sub(b.LastProgress)
	running := b.Snapshot || active(b.Phase)
	switch {
	case !running && b.Phase == PhaseFinished && quiet < t.BackupDoneShown:
		a.State, a.Advice = StateDone, sayDone(b.LastProgress)
		return a
	case !running:
		return None
	case quiet >= t.BackupAbandoned:
		a.State, a.Advice, a.EarlierUnfinished = StateInterrupted, say("earlier"), true
		a.Since = time.Time{}
		return a
	case b.Phase == PhaseMoving || b.Phase == PhaseRemoving:
		if quiet < t.BackupMovingStalled {
			a.State, a.Advice = StateWorking, say("backup-moving")
		} else {
			a.State, a.Advice = StateStalled, say("moving-stalled", "For", words(quiet))
		}
		return a
	case b.SnapshotBytes == 0 && now.Sub(b.Since) < t.BackupPasscode:
		left := words(t.BackupPasscode - now.Sub(b.Since))
		if d.Trust == device.TrustPasscode {
			a.State, a.Advice = StatePasscode, say("backup-passcode", "Left", left)
		} else {
			a.State, a.Advice = StatePreparing, say("backup-preparing", "Left", left)
		}
		return a
	default:
		quietLadder(&a, quiet, t)
		if a.State == StateWorking && a.RecentBytes > 0 && b.SnapshotBytes > 0 { // Status.plist alone is no data
			a.Advice = say("backup-working", "Size", tr.Size(a.RecentBytes), "Window", words(t.BackupWindow))
		}
	}
	return a
}

// sayDone is "The backup finished at 15:04", at's time of day on this
// computer's clock.
func sayDone(at time.Time) tr.Text { return say("backup-done", "Time", tr.Raw(tr.Clock(at.Local()))) }
