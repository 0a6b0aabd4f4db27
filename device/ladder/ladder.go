// Package ladder is the troubleshooting ladder: the fixes a stuck user works
// down, from the safest to the one that erases the phone. Each step carries
// its risk to the phone's data and a status that Unstuck fills in from what
// it sees (the phone's mode and trust, the connection's flaps and speed, the
// computer's checks, the guided attempts) or that the user ticks by hand.
package ladder

import (
	"cmp"
	"slices"
	"time"

	"unstuck/device"
	"unstuck/device/activity"
	"unstuck/device/hostcheck"
	"unstuck/device/tr"
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
	ID     string  `json:"id"`
	Title  tr.Text `json:"title"`
	What   tr.Text `json:"what"` // what the step does, in plain words
	Risk   Risk    `json:"risk"`
	Status Status  `json:"status"`
	// Detail is what Unstuck saw that set the status ("3 reconnects in the
	// last minute"), empty when the status is the user's own tick.
	Detail tr.Text `json:"detail,omitzero"`
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
	s := newStep(StepRestart, RiskNone)
	s.Manual = true
	switch {
	case !attached:
	case d.Mode == device.ModeRestore:
		s.Status, s.Detail = NotApplicable, tr.Msg("ladder.restart.restoring")
	case d.Mode.BootloaderMode():
		s.Status, s.Detail = NotApplicable, tr.Msg("ladder.restart.bootloader", "Mode", d.Mode.Words())
	}
	return s
}

func portAndCable(d device.Device, attached bool) Step {
	s := newStep(StepPortCable, RiskNone)
	s.Manual = true
	if !attached {
		return s
	}
	switch {
	case d.Stability.Flaps > 0:
		s.Detail = tr.Plural("ladder.port.flaps", d.Stability.Flaps)
	case d.USB.SpeedMbps > 0 && d.USB.SpeedMbps <= 12:
		s.Detail = tr.Msg("ladder.port.full-speed")
	case d.USB.SpeedMbps > 12:
		// The speed's words are device's, said in the current language.
		s.Status, s.Detail = CheckedOK, tr.Msg("ladder.port.steady", "Speed", tr.Raw(d.USB.Speed()))
	}
	return s
}

func updateComputer(checks []hostcheck.Check) Step {
	s := newStep(StepUpdateHost, RiskNone)
	if len(checks) == 0 {
		s.Detail = tr.Msg("ladder.host.unchecked")
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
		s.Status, s.Detail = CheckedOK, tr.Msg("ladder.host.all-ok")
	case 1:
		s.Detail = tr.Msg("ladder.host.one", "Check", bad[0].Title, "Advice", fixOrFound(bad[0]))
	default:
		s.Detail = tr.Plural("ladder.host.many", len(bad), "Check", bad[0].Title, "Advice", fixOrFound(bad[0]))
	}
	return s
}

// fixOrFound is what to do about a failing check, else what it found.
func fixOrFound(c hostcheck.Check) tr.Text {
	if fix := c.Fix; !fix.IsZero() {
		return fix
	}
	return c.Found
}

func airplane(d device.Device, attached bool) Step {
	s := newStep(StepAirplane, RiskNone)
	s.Manual = true
	if attached && d.Mode != device.ModeNormal {
		s.Status, s.Detail = NotApplicable, tr.Msg("ladder.needs-ios")
	}
	return s
}

func trust(d device.Device, attached bool) Step {
	s := newStep(StepTrust, RiskNone)
	switch {
	case !attached:
		return s
	case d.Mode != device.ModeNormal:
		s.Status, s.Detail = NotApplicable, tr.Msg("ladder.needs-ios")
	case d.Trust == device.TrustTrusted:
		s.Status, s.Detail = Done, tr.Msg("ladder.trust.trusted")
	case d.Trust == device.TrustPending:
		s.Status, s.Detail = Now, tr.Msg("ladder.trust.pending")
	case d.Trust != "" && d.Trust != device.TrustUnknown:
		s.Detail = d.Trust.Advice()
	}
	return s
}
