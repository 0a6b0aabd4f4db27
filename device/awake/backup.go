package awake

import (
	"unstuck/device"
	"unstuck/device/tr"
)

// WhyBackup is Reason's sentence while a phone's backup is under way.
var WhyBackup = tr.Msg("cli.awake.backup")

// ReasonWithBackup is Reason, also holding the computer awake while a
// backup is moving (device/activity's Activity.Moving for a backup): a
// computer that sleeps half way stops the backup. An update, a restart or
// a restore mode phone still comes first; a backup only runs in normal
// mode, so it never hides one.
func ReasonWithBackup(s device.State, procedureRunning, backupMoving bool) (why tr.Text, hold bool) {
	if why, hold := Reason(s, procedureRunning); hold || !backupMoving {
		return why, hold
	}
	return WhyBackup, true
}
