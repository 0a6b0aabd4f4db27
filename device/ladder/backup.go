package ladder

import (
	"runtime"
	"time"

	"unstuck/device"
	"unstuck/device/activity"
)

// freshBackup is how recent a complete backup must be for the backup step
// to count as done: a day, so that what the phone gained today is in it.
const freshBackup = 24 * time.Hour

// backupHow is how to make a backup on each system, with Apple's own tools,
// and from the phone itself (iCloud), which works anywhere.
var backupHow = map[string]string{
	"darwin":  "In Finder, select the iPhone in the sidebar, choose \"Back up all of the data on your iPhone to this Mac\", then Back Up Now.",
	"windows": "In the Apple Devices app (or iTunes), select the iPhone, choose to back up to this computer, then Back Up Now.",
	"linux":   "Apple's backup tools do not run on Linux: back up to iCloud, or on a Mac (Finder) or a Windows PC (Apple Devices or iTunes).",
	"":        "Apple's backup tools do not run on this system: back up to iCloud, or on a Mac (Finder) or a Windows PC (Apple Devices or iTunes).",
}

const iCloudHow = " Or, on the phone: Settings > [your name] > iCloud > iCloud Backup > Back Up Now."

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
	s := Step{ID: StepBackup, Title: "Back up the phone now, while it works",
		What: how + iCloudHow, Risk: RiskNone, Status: ToDo, Manual: true}
	switch {
	case !attached:
	case d.Mode == device.ModeRestore:
		s.Status, s.Detail = NotApplicable, "An update or restore is running: a backup can be made once the phone has started again."
	case d.Mode.BootloaderMode():
		s.Status, s.Detail = NotApplicable, "In "+d.Mode.Words()+" mode no backup can be made. To keep the data, choose Update (below), never Restore."
	case d.Mode != device.ModeNormal:
	case d.Trust != device.TrustTrusted:
		s.Detail = "A backup to this computer needs the phone to trust it first (see Trust, below); an iCloud backup does not."
	case in.Activity != nil && in.Activity.Kind == activity.KindBackup && in.Activity.Moving():
		s.Detail = "A backup is running now: let it finish (step 0)."
	case in.Activity != nil && in.Activity.Kind == activity.KindBackup && in.Activity.State == activity.StateDone:
		s.Status, s.Detail = CheckedOK, in.Activity.Advice.String()
	case in.BackupSearched && in.Backup != nil && in.Backup.Complete && in.Now.Sub(in.Backup.Date) < freshBackup:
		s.Status, s.Detail = CheckedOK, BackupWords(in)
	default:
		s.Status, s.Detail = Now, "The phone is running and trusts this computer: back it up before trying anything else."
		switch {
		case !in.BackupSearched:
		case in.Backup == nil:
			s.Detail += " No backup of it was found on this computer."
		default:
			s.Detail = join(s.Detail, BackupWords(in))
		}
	}
	return s
}
