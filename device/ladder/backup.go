package ladder

import (
	"runtime"
	"time"

	"unstuck/device"
	"unstuck/device/activity"
	"unstuck/device/tr"
)

// freshBackup is how recent a complete backup must be for the backup step
// to count as done: a day, so that what the phone gained today is in it.
const freshBackup = 24 * time.Hour

// backupHow is how to make a backup on each system, with Apple's own
// tools (ladder.backup.how.<system>); the phone's own way, iCloud, follows
// it everywhere (ladder.backup.how.icloud).
var backupHow = map[string]string{"darwin": "darwin", "windows": "windows", "linux": "linux", "": "other"}

// backUp is the first rung: while the phone runs and trusts this computer,
// nothing is more reassuring than a fresh backup, before any fix is tried.
func backUp(in Input, d device.Device, attached bool) Step {
	system := in.OS
	if system == "" {
		system = runtime.GOOS
	}
	how, ok := backupHow[system]
	if !ok {
		how = backupHow[""]
	}
	s := newStep(StepBackup, RiskNone)
	s.What, s.Manual = join(tr.Msg("ladder.backup.how."+how), tr.Msg("ladder.backup.how.icloud")), true
	switch {
	case !attached:
	case d.Mode == device.ModeRestore:
		s.Status, s.Detail = NotApplicable, tr.Msg("ladder.backup.restoring")
	case d.Mode.BootloaderMode():
		s.Status, s.Detail = NotApplicable, tr.Msg("ladder.backup.bootloader", "Mode", d.Mode.Words())
	case d.Mode != device.ModeNormal:
	case d.Trust != device.TrustTrusted:
		s.Detail = tr.Msg("ladder.backup.needs-trust")
	case in.Activity != nil && in.Activity.Kind == activity.KindBackup && in.Activity.Moving():
		s.Detail = tr.Msg("ladder.backup.running")
	case in.Activity != nil && in.Activity.Kind == activity.KindBackup && in.Activity.State == activity.StateDone:
		s.Status, s.Detail = CheckedOK, in.Activity.Advice
	case in.BackupSearched && in.Backup != nil && in.Backup.Complete && in.Now.Sub(in.Backup.Date) < freshBackup:
		s.Status, s.Detail = CheckedOK, BackupWords(in)
	default:
		s.Status, s.Detail = Now, tr.Msg("ladder.backup.now")
		switch {
		case !in.BackupSearched:
		case in.Backup == nil:
			s.Detail = join(s.Detail, tr.Msg("ladder.backup.none-of-it"))
		default:
			s.Detail = join(s.Detail, BackupWords(in))
		}
	}
	return s
}
