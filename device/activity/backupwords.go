package activity

import (
	"time"

	"unstuck/device"
	"unstuck/device/backup"
)

// The sentences about backups.
const (
	sayBackupWorking   = "Still working: %s backed up in the last %s."
	sayBackupQuiet     = "Still working: preparing files, no action needed."
	sayBackupMoving    = "Nearly done: the backup is being put in place on this computer. No action needed."
	sayBackupPreparing = "The backup is starting. If your iPhone asks for its passcode, enter it: it waits about %s."
	sayBackupPasscode  = "Unlock your iPhone and enter its passcode: the backup waits for it, about %s."
	sayBackupSlow      = "Slow: nothing new for %s. Backups have quiet stretches; keep the iPhone connected and unlocked."
	sayBackupProbably  = "Probably stalled: nothing new for %s. Check that the iPhone is unlocked and that this computer has free disk space."
	sayBackupStalled   = "No progress for %s. Cancel the backup on the computer, restart the iPhone and the computer, and back up again. Your earlier backups are not touched."
	sayMovingStalled   = "No progress for %s while putting the backup in place. Check that this computer's disk has free space; if nothing changes, cancel and back up again."
	sayBackupDone      = "The backup finished at %s."
	sayEarlier         = "An earlier backup did not finish. Its files are left as they are; the next backup carries on or replaces it."
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
		a.State, a.Advice = StateDone, sprintf(sayBackupDone, b.LastProgress.Local().Format("15:04"))
		return a
	case !running:
		return None
	case quiet >= t.BackupAbandoned:
		a.State, a.Advice, a.EarlierUnfinished = StateInterrupted, sayEarlier, true
		a.Since = time.Time{}
		return a
	case b.Phase == PhaseMoving || b.Phase == PhaseRemoving:
		if quiet < t.BackupMovingStalled {
			a.State, a.Advice = StateWorking, sayBackupMoving
		} else {
			a.State, a.Advice = StateStalled, sprintf(sayMovingStalled, words(quiet))
		}
		return a
	case b.SnapshotBytes == 0 && now.Sub(b.Since) < t.BackupPasscode:
		left := words(t.BackupPasscode - now.Sub(b.Since))
		if d.Trust == device.TrustPasscode {
			a.State, a.Advice = StatePasscode, sprintf(sayBackupPasscode, left)
		} else {
			a.State, a.Advice = StatePreparing, sprintf(sayBackupPreparing, left)
		}
		return a
	default:
		quietLadder(&a, quiet, t)
		if a.State == StateWorking && a.RecentBytes > 0 && b.SnapshotBytes > 0 { // Status.plist alone is no data
			a.Advice = sprintf(sayBackupWorking, backup.Bytes(a.RecentBytes), words(t.BackupWindow))
		}
	}
	return a
}
