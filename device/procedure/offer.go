package procedure

import (
	"slices"

	"unstuck/device/tr"
)

// Name is the procedure's name in the guide ("Recovery mode"): message
// guide.kind.<kind>.
func (k Kind) Name() tr.Text {
	if slices.Contains(Kinds, k) {
		return tr.Msg("guide.kind." + string(k))
	}
	return tr.Raw(string(k))
}

// KindNamed is the procedure whose Name reads name in the current language.
func KindNamed(name string) (Kind, bool) {
	for _, k := range Kinds {
		if k.Name().String() == name {
			return k, true
		}
	}
	return "", false
}

// Offered lists the procedures to offer. The assisted DFU entry starts from
// recovery mode only, and needs Unstuck to be able to restart the phone
// (canRestart); while it is the chosen one it stays offered, so its verdict
// stays on screen after the phone has left recovery mode.
func Offered(inRecovery, canRestart bool, chosen Kind) []Kind {
	out := []Kind{ForceRestart, Recovery, DFU}
	if (inRecovery && canRestart) || chosen == AssistedDFU {
		out = append(out, AssistedDFU)
	}
	return out
}
