package procedure

// Names are the procedures as the guide names them, in the order offered.
var names = []struct {
	kind Kind
	name string
}{
	{ForceRestart, "Force restart"},
	{Recovery, "Recovery mode"},
	{DFU, "DFU mode"},
	{AssistedDFU, "DFU mode, Unstuck helps"},
}

// Name is the procedure's name in the guide ("Recovery mode").
func (k Kind) Name() string {
	for _, n := range names {
		if n.kind == k {
			return n.name
		}
	}
	return string(k)
}

// KindNamed is the procedure with that Name.
func KindNamed(name string) (Kind, bool) {
	for _, n := range names {
		if n.name == name {
			return n.kind, true
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
