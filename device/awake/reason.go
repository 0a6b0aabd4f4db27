package awake

import (
	"unstuck/device"
	"unstuck/device/tr"
)

// The sentences Reason gives, one per situation.
const (
	WhyUpdating    = "Keeping this computer awake while your iPhone updates"
	WhyRestarting  = "Keeping this computer awake while your iPhone restarts during its update"
	WhyProcedure   = "Keeping this computer awake while you follow the steps"
	WhyRecovery    = "Keeping this computer awake while your iPhone is in recovery mode"
	WhyDFU         = "Keeping this computer awake while your iPhone is in DFU mode"
	WhyWaitRestore = "Keeping this computer awake while your iPhone waits for a restore"
)

// Reason decides whether the computer should stay awake for the state s and
// says why. In order: an update or restore in progress (including a phone
// that dropped off USB in restore mode and has not come back yet: restores
// reboot the phone several times), a procedure the user is following,
// recovery mode, then DFU and the other restore-waiting modes. A phone that
// runs normally, or no phone at all, needs nothing.
func Reason(s device.State, procedureRunning bool) (why string, hold bool) {
	has := func(modes ...device.Mode) bool {
		for _, d := range s.Devices {
			for _, m := range modes {
				if d.Mode == m {
					return true
				}
			}
		}
		return false
	}
	switch {
	case has(device.ModeRestore):
		return WhyUpdating, true
	case restartingInRestore(s):
		return WhyRestarting, true
	case procedureRunning:
		return WhyProcedure, true
	case has(device.ModeRecovery):
		return WhyRecovery, true
	case has(device.ModeDFU):
		return WhyDFU, true
	case has(device.ModePortDFU, device.ModeWTF):
		return WhyWaitRestore, true
	}
	return "", false
}

// restartingInRestore reports a phone that left in restore mode and is
// listed as departed, not attached under its key in another mode.
func restartingInRestore(s device.State) bool {
	for _, d := range s.Departed {
		if d.Mode != device.ModeRestore {
			continue
		}
		if _, back := s.Find(d.Key); !back {
			return true
		}
	}
	return false
}

// whyIDs are the catalogue's sentences for Reason's (assets/i18n/activity).
var whyIDs = map[string]string{WhyUpdating: "activity.awake.updating", WhyRestarting: "activity.awake.restarting",
	WhyProcedure: "activity.awake.procedure", WhyRecovery: "activity.awake.recovery", WhyDFU: "activity.awake.dfu",
	WhyWaitRestore: "activity.awake.wait-restore", WhyBackup: "activity.awake.backup"}

// Words is why (one of Reason's sentences, which the system's sleep
// inhibitor is given in English) as the person reads it, ending with a
// full stop; another text is said as it is.
func Words(why string) tr.Text {
	if id, ok := whyIDs[why]; ok {
		return tr.Msg(id)
	}
	return tr.Raw(why)
}
