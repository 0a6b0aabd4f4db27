// Package ladder is the troubleshooting ladder: the fixes a stuck user works
// down, from the safest to the one that erases the phone. Each step carries
// its risk to the phone's data and a status that Unstuck fills in from what
// it sees (the phone's mode and trust, the connection's flaps and speed, the
// computer's checks, the guided attempts) or that the user ticks by hand.
package ladder

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"unstuck/device"
	"unstuck/device/activity"
	"unstuck/device/hostcheck"
)

// Risk is what a step can do to the data on the phone.
type Risk string

const (
	RiskNone      Risk = "none"       // nothing on the phone changes
	RiskKeepsData Risk = "keeps-data" // the phone's software changes, the data stays
	RiskErases    Risk = "erases"     // the phone is wiped
)

// Status is where a step stands.
type Status string

const (
	ToDo          Status = "to-do"
	Now           Status = "now" // the step is happening or waits on the user right now
	Done          Status = "done"
	CheckedOK     Status = "checked-ok" // Unstuck looked and found nothing to fix
	NotApplicable Status = "not-applicable"
)

// Step IDs, in ladder order.
const (
	StepBackup       = "back-up-now"
	StepRestart      = "restart"
	StepPortCable    = "port-and-cable"
	StepUpdateHost   = "update-computer"
	StepAirplane     = "airplane-mode"
	StepTrust        = "trust"
	StepForceRestart = "force-restart"
	StepRecovery     = "recovery-update"
	StepDFU          = "dfu-restore"
)

// Step is one rung of the ladder as it stands now.
type Step struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	What   string `json:"what"` // what the step does, in plain words
	Risk   Risk   `json:"risk"`
	Status Status `json:"status"`
	// Detail is what Unstuck saw that set the status ("3 reconnects in the
	// last minute"), empty when the status is the user's own tick.
	Detail string `json:"detail,omitempty"`
	// Guide names the procedure the step opens ("force-restart",
	// "recovery", "dfu"), if any.
	Guide string `json:"guide,omitempty"`
	// Manual says the user ticks this step; Unstuck cannot see it happen.
	Manual bool `json:"manual,omitempty"`
	// Rung is the step's place on the ladder (1 the safest), whatever
	// order Evaluate lists it in.
	Rung int `json:"rung"`
}

// Backup is the newest backup of the phone found on this computer.
type Backup struct {
	Date     time.Time
	Complete bool
}

// Input is everything the ladder is judged from.
type Input struct {
	State device.State
	// Phone is the key of the phone on show; the ladder is about the
	// phone State.Focus picks with it.
	Phone string
	Host  []hostcheck.Check
	// Ticked holds the steps the user marked done in this session.
	Ticked map[string]bool
	// Backup is the phone's newest backup; nil when none was found or the
	// computer was not searched (BackupSearched says which).
	Backup         *Backup
	BackupSearched bool
	Now            time.Time
	// OS is the computer's system as runtime.GOOS names it (default: this
	// one): the backup step names its own tools.
	OS string
	// Activity is what the phone on show is doing (device/activity); nil
	// or none: nothing is going on. While a backup, update or restore
	// moves, StepWait leads the ladder.
	Activity *activity.Activity
}

// Evaluate returns the nine steps with their statuses, and before them
// StepWait (rung 0) while the phone has an activity to tell of: the steps
// that apply now (Now) first, then the others in ladder order, from the
// safest to the one that erases. Each keeps its Rung.
func Evaluate(in Input) []Step {
	if in.Now.IsZero() {
		in.Now = time.Now()
	}
	d, attached := phone(in)
	steps := []Step{
		backUp(in, d, attached),
		restart(d, attached),
		portAndCable(d, attached),
		updateComputer(in.Host),
		airplane(d, attached),
		trust(d, attached),
		attempted(in, d, StepForceRestart),
		attempted(in, d, StepRecovery),
		attempted(in, d, StepDFU),
	}
	for i := range steps {
		steps[i].Rung = i + 1
		if in.Ticked[steps[i].ID] && steps[i].Status != CheckedOK && steps[i].Status != NotApplicable {
			steps[i].Status = Done
		}
	}
	if w, ok := wait(in.Activity); ok {
		if w.Status == Now {
			holdBack(steps)
		}
		steps = append([]Step{w}, steps...)
	}
	slices.SortStableFunc(steps, func(a, b Step) int {
		return cmp.Compare(boolRank(a.Status != Now), boolRank(b.Status != Now))
	})
	return steps
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// phone finds the device the ladder is about.
func phone(in Input) (device.Device, bool) { return in.State.Focus(in.Phone) }

func restart(d device.Device, attached bool) Step {
	s := Step{ID: StepRestart, Title: "Unplug, then restart the phone and the computer",
		What: "Unplug the cable, restart the computer, restart the iPhone the usual way if it responds, then plug it back in.",
		Risk: RiskNone, Status: ToDo, Manual: true}
	switch {
	case !attached:
	case d.Mode == device.ModeRestore:
		s.Status, s.Detail = NotApplicable, "An update or restore is running: unplugging or restarting now interrupts it. Wait for it to finish."
	case d.Mode.BootloaderMode():
		s.Status, s.Detail = NotApplicable, fmt.Sprintf("In %s mode the phone cannot restart the usual way: a force restart, below, is how it leaves.", d.Mode.Words())
	}
	return s
}

func portAndCable(d device.Device, attached bool) Step {
	s := Step{ID: StepPortCable, Title: "Try another USB port and cable",
		What: "Plug straight into the computer (no hub, no keyboard port) with another Apple or MFi cable. For DFU mode, a USB-A to Lightning cable is more reliable than USB-C to Lightning.",
		Risk: RiskNone, Status: ToDo, Manual: true}
	if !attached {
		return s
	}
	switch {
	case d.Stability.Flaps > 0:
		s.Detail = fmt.Sprintf("The phone dropped off and came back %s in the last minute: the cable or the port is failing.", times(d.Stability.Flaps))
	case d.USB.SpeedMbps > 0 && d.USB.SpeedMbps <= 12:
		s.Detail = "The phone is connected at USB 1.1 full speed (12 Mb/s): a hub or a worn cable is in the way."
	case d.USB.SpeedMbps > 12:
		s.Status, s.Detail = CheckedOK, "Steady connection at "+d.USB.Speed()+"."
	}
	return s
}

func times(n int) string {
	if n == 1 {
		return "once"
	}
	return fmt.Sprintf("%d times", n)
}

func updateComputer(checks []hostcheck.Check) Step {
	s := Step{ID: StepUpdateHost, Title: "Update and fix the computer's side",
		What: "Install the latest macOS, or on Windows the Apple Devices app or iTunes, so the computer knows the phone's iOS version; fix what the computer's checks found.",
		Risk: RiskNone, Status: ToDo}
	if len(checks) == 0 {
		s.Detail = "The computer has not been checked yet."
		return s
	}
	var bad []hostcheck.Check
	for _, c := range checks {
		if c.Status == hostcheck.Warn || c.Status == hostcheck.Fail {
			bad = append(bad, c)
		}
	}
	switch len(bad) {
	case 0:
		s.Status, s.Detail = CheckedOK, "Every check of this computer passed."
	case 1:
		s.Detail = bad[0].Title.String() + ": " + fixOrFound(bad[0])
	default:
		s.Detail = fmt.Sprintf("%d checks of this computer need attention; first: %s: %s", len(bad), bad[0].Title, fixOrFound(bad[0]))
	}
	return s
}

func fixOrFound(c hostcheck.Check) string {
	if !c.Fix.IsZero() {
		return c.Fix.String()
	}
	return c.Found.String()
}

func airplane(d device.Device, attached bool) Step {
	s := Step{ID: StepAirplane, Title: "Turn Airplane Mode on and off",
		What: "On the phone, open Control Center, turn Airplane Mode on, wait ten seconds, turn it off. It can clear a stuck download of an update.",
		Risk: RiskNone, Status: ToDo, Manual: true}
	if attached && d.Mode != device.ModeNormal {
		s.Status, s.Detail = NotApplicable, "Only while iOS is running; the phone is not in normal mode."
	}
	return s
}

func trust(d device.Device, attached bool) Step {
	s := Step{ID: StepTrust, Title: "Trust this computer",
		What: "Unlock the phone and tap Trust when it asks, then enter the passcode: Finder, iTunes and Apple Devices can then update it.",
		Risk: RiskNone, Status: ToDo}
	switch {
	case !attached:
		return s
	case d.Mode != device.ModeNormal:
		s.Status, s.Detail = NotApplicable, "Only while iOS is running; the phone is not in normal mode."
	case d.Trust == device.TrustTrusted:
		s.Status, s.Detail = Done, "The phone trusts this computer."
	case d.Trust == device.TrustPending:
		s.Status, s.Detail = Now, "Tap Trust on the phone now."
	case d.Trust != "" && d.Trust != device.TrustUnknown:
		s.Detail = d.Trust.Advice()
	}
	return s
}
