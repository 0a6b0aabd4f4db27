package awake

import "unstuck/device"

// WhyBackup is Reason's sentence while a phone's backup is under way.
const WhyBackup = "Keeping this computer awake while your iPhone backs up"

// ReasonWithBackup is Reason, also holding the computer awake while a
// backup is moving (device/activity's Activity.Moving for a backup): a
// computer that sleeps half way stops the backup. An update, a restart or
// a restore mode phone still comes first; a backup only runs in normal
// mode, so it never hides one.
func ReasonWithBackup(s device.State, procedureRunning, backupMoving bool) (why string, hold bool) {
	if why, hold := Reason(s, procedureRunning); hold || !backupMoving {
		return why, hold
	}
	return WhyBackup, true
}
