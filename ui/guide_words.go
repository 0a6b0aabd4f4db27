package ui

import (
	"fmt"
	"image/color"
	"math"
	"time"

	"unstuck/device/catalog"
	"unstuck/device/guide"
	"unstuck/device/procedure"
	"unstuck/device/tr"
)

// seconds is a countdown's whole seconds, rounded up: 2.1 s left shows 3.
func seconds(d time.Duration) string {
	if d <= 0 {
		return "0"
	}
	return fmt.Sprint(int(math.Ceil(d.Seconds())))
}

// verdictTitle says how an attempt ended, in plain words.
func verdictTitle(t guide.Tick) string {
	switch t.Verdict {
	case guide.NeverRestarted:
		return tr.T("verdict.never-restarted")
	case guide.PhoneAppeared:
		if t.Mode != "" {
			return tr.T("verdict.appeared.mode", "Mode", tr.T(t.Mode.MessageID("words")))
		}
		return tr.T("verdict.appeared")
	case guide.DFUReached:
		return tr.T("verdict.dfu")
	case guide.RecoveryReached:
		return tr.T("verdict.recovery")
	case guide.RecoveryInstead:
		return tr.T("verdict.recovery-instead")
	case guide.BootedNormally:
		return tr.T("verdict.booted")
	case guide.Restarted:
		return tr.T("verdict.restarted")
	case guide.NoReconnect:
		return tr.T("verdict.no-reconnect")
	case guide.AlreadyInMode:
		return tr.T("verdict.already")
	case guide.RebootFailed:
		return tr.T("verdict.reboot-failed")
	case guide.Cancelled:
		return tr.T("verdict.cancelled")
	}
	return tr.T("verdict.finished")
}

// verdictColour is the colour of the verdict panel.
func verdictColour(v guide.Verdict) color.NRGBA {
	switch v {
	case guide.DFUReached, guide.RecoveryReached, guide.Restarted, guide.AlreadyInMode:
		return colourNormal
	case guide.Cancelled:
		return colourGrey
	}
	return colourRecovery
}

// familyOption is a family in the picker: the phones that have its buttons,
// from procedures.json ("iPhone 8, SE (2nd gen) and later").
func familyOption(f catalog.Family) string { return procedure.Models(f).String() }

// guideFamilies are the picker's families, newest phones first.
var guideFamilies = []catalog.Family{catalog.Side, catalog.IPhone7, catalog.HomeSide, catalog.HomeTop}

// extras says whether a model has an Action button and Camera Control;
// a model the catalogue does not name has neither drawn.
func extras(modelName string) (action, camera bool) {
	if modelName == "" {
		return false, false
	}
	for _, m := range catalog.All() {
		if m.Name == modelName {
			return m.ActionButton != catalog.No, m.CameraControl != catalog.No
		}
	}
	return false, false
}
