package device

import "unstuck/device/tr"

// Mode is what the phone is running, as far as the computer can tell.
type Mode string

const (
	ModeNormal   Mode = "normal"   // iOS is running and lockdownd answers
	ModeRestore  Mode = "restore"  // the restore OS runs: an update or restore is in progress
	ModeRecovery Mode = "recovery" // iBoot waits for a computer to update or restore it
	ModeDFU      Mode = "dfu"      // the SecureROM waits; the screen stays black
	ModePortDFU  Mode = "port-dfu" // the USB-C port controller's own DFU
	ModeWTF      Mode = "wtf"      // the S5L8900 (iPhone 2G/3G) pre-DFU mode
	ModeUSBOnly  Mode = "usb-only" // on USB, but usbmuxd does not (yet) see it
)

// modeFacts is what the model knows of each mode: one row per mode, in
// the order Modes lists them. A new mode is a constant above and a row
// here, its headline in every catalogue (assets/i18n, "mode.<mode>.headline")
// and a row in the UI's table (ui/words.go); the tests fail until all are
// there.
var modeFacts = []struct {
	mode Mode
	// bootloader: the phone is reached over raw USB, not usbmuxd.
	bootloader bool
}{
	{ModeNormal, false},
	{ModeRestore, false},
	{ModeRecovery, true},
	{ModeDFU, true},
	{ModePortDFU, true},
	{ModeWTF, true},
	{ModeUSBOnly, false},
}

// Modes lists every mode.
func Modes() []Mode {
	out := make([]Mode, len(modeFacts))
	for i, f := range modeFacts {
		out[i] = f.mode
	}
	return out
}

// Headline says in plain words what the mode means to the person holding
// the phone, in the language tr speaks.
func (m Mode) Headline() string { return tr.T(m.MessageID("headline")) }

// MessageID is the catalogue's ID of the mode's part (headline, pill,
// words, meaning): "mode.dfu.pill"; an unknown mode's is "mode.unknown.pill".
func (m Mode) MessageID(part string) string {
	for _, f := range modeFacts {
		if f.mode == m {
			return "mode." + string(m) + "." + part
		}
	}
	return "mode.unknown." + part
}

// Words names the mode inside a sentence, as in "in DFU mode" (the
// catalogue's mode.<mode>.words); an unknown mode is named as it is.
func (m Mode) Words() tr.Text {
	for _, f := range modeFacts {
		if f.mode == m {
			return tr.Msg(m.MessageID("words"))
		}
	}
	return tr.Raw(string(m))
}

// BootloaderMode reports whether the mode is one in which the phone is
// reached over raw USB (DFU, recovery, WTF, port DFU) rather than usbmuxd.
func (m Mode) BootloaderMode() bool {
	for _, f := range modeFacts {
		if f.mode == m {
			return f.bootloader
		}
	}
	return false
}
