package awake

import (
	"unstuck/device"
	"unstuck/device/tr"
)

// The sentences Reason gives, one per situation, said in the person's
// language (the catalogue's cli.awake.*).
var (
	WhyUpdating    = tr.Msg("cli.awake.updating")
	WhyRestarting  = tr.Msg("cli.awake.restarting")
	WhyProcedure   = tr.Msg("cli.awake.procedure")
	WhyRecovery    = tr.Msg("cli.awake.recovery")
	WhyDFU         = tr.Msg("cli.awake.dfu")
	WhyWaitRestore = tr.Msg("cli.awake.wait-restore")
)

// Reason decides whether the computer should stay awake for the state s and
// says why. In order: an update or restore in progress (including a phone
// that dropped off USB in restore mode and has not come back yet: restores
// reboot the phone several times), a procedure the user is following,
// recovery mode, then DFU and the other restore-waiting modes. A phone that
// runs normally, or no phone at all, needs nothing.
func Reason(s device.State, procedureRunning bool) (why tr.Text, hold bool) {
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
	return tr.Text{}, false
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
