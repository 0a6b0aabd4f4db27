package ui

import (
	"fmt"
	"image/color"
	"strings"
	"time"

	"unstuck/device"
)

// modeLook is how the UI shows one mode; the headline is the model's
// (device.Mode.Headline), shared with the report and the CLI.
type modeLook struct {
	pill    string      // the short name on the coloured pill
	words   string      // names the mode in the timeline, after "in" or "was"
	meaning string      // what the mode means for the person's data; "" when nothing useful
	colour  color.NRGBA // the badge's colour
	screen  screenKind  // what the drawn phone's screen shows in this mode (phone_screen.go)
}

// Mode colours: fixed hues that read on both light and dark themes.
var (
	colourNormal   = color.NRGBA{R: 0x2e, G: 0x9e, B: 0x5b, A: 0xff}
	colourRestore  = color.NRGBA{R: 0x2f, G: 0x6f, B: 0xe0, A: 0xff}
	colourRecovery = color.NRGBA{R: 0xd9, G: 0x8a, B: 0x00, A: 0xff}
	colourDFU      = color.NRGBA{R: 0x8a, G: 0x4f, B: 0xd8, A: 0xff}
	colourPortDFU  = color.NRGBA{R: 0x75, G: 0x4f, B: 0xc0, A: 0xff}
	colourGrey     = color.NRGBA{R: 0x6e, G: 0x76, B: 0x82, A: 0xff}
	colourDanger   = color.NRGBA{R: 0xc8, G: 0x3a, B: 0x3a, A: 0xff} // a step that erases
)

// modeLooks has a row for every mode (device.Modes); a test fails when
// one lacks it. unknownLook is what a mode without a row would get.
var modeLooks = map[device.Mode]modeLook{
	device.ModeNormal: {pill: "Running normally", words: "normal mode", colour: colourNormal, screen: screenLock,
		meaning: "iOS is running. Your photos, messages and apps are on the phone as usual."},
	device.ModeRestore: {pill: "Updating or restoring", words: "update/restore mode", colour: colourRestore, screen: screenRestore,
		meaning: "Leave the cable in and let it finish; the screen may show a progress bar for a long time. " +
			"An update keeps your data, a restore erases it; unplugging now interrupts either one."},
	device.ModeRecovery: {pill: "Recovery mode", words: "recovery mode", colour: colourRecovery, screen: screenRecovery,
		meaning: "Your data is still on the phone. Updating from recovery mode keeps it; only Restore erases it."},
	device.ModeDFU: {pill: "DFU mode", words: "DFU mode", colour: colourDFU, screen: screenOff,
		meaning: "A black screen is expected in DFU mode. Your data is still on the phone: a restore from DFU " +
			"erases it, a force restart leaves DFU without erasing anything."},
	device.ModePortDFU: {pill: "Port DFU mode", words: "port DFU mode", colour: colourPortDFU, screen: screenOff,
		meaning: "The screen usually stays black while the port waits. Keep the phone connected."},
	device.ModeWTF: {pill: "WTF mode", words: "WTF mode", colour: colourDFU, screen: screenOff,
		meaning: "The screen stays black in this mode; that is expected."},
	device.ModeUSBOnly: {pill: "Not answering yet", words: "USB-only mode (not answering)", colour: colourGrey, screen: screenLit,
		meaning: "The computer sees the phone on the cable, but it has not answered yet. That is normal for a few " +
			"seconds after plugging in or while it starts. If it lasts, unlock the phone or try another cable."},
}

var unknownLook = modeLook{pill: "Unknown", words: "an unknown mode", colour: colourGrey, screen: screenOff}

// look is the mode's row of modeLooks.
func look(m device.Mode) modeLook {
	if l, ok := modeLooks[m]; ok {
		return l
	}
	return unknownLook
}

// modeName is the short name on the coloured pill.
func modeName(m device.Mode) string { return look(m).pill }

// modeMeaning says what the mode means for the person's data, in one or two
// sentences. It is empty when there is nothing useful to add.
func modeMeaning(m device.Mode) string { return look(m).meaning }

// modeScreen is what the phone's screen shows in this mode.
func modeScreen(m device.Mode) screenKind { return look(m).screen }

// modeColour is the colour of a mode's badge.
func modeColour(m device.Mode) color.NRGBA { return look(m).colour }

// badgeWords is the first tab's badge for a phone: its mode, unless the
// connection drops often enough (device.UnsteadyDrops a minute) to be the
// first problem: then amber, and the cable first, during an update too.
func badgeWords(d device.Device) (pill, headline, meaning string, c color.NRGBA) {
	pill, headline, meaning, c = modeName(d.Mode), d.Mode.Headline(), modeMeaning(d.Mode), modeColour(d.Mode)
	if !d.Stability.Unsteady() {
		return pill, headline, meaning, c
	}
	drops := fmt.Sprintf("%d times", d.Stability.Flaps)
	if d.Stability.Flaps > manyDrops {
		drops = fmt.Sprintf("more than %d times", manyDrops)
	}
	meaning = fmt.Sprintf("%s. It dropped off %s in the last minute: try another cable, in a USB port on the computer itself.", d.Mode.Headline(), drops)
	if d.Mode == device.ModeRestore {
		meaning += " An update needs a steady cable: one that drops stops it half way."
	}
	return pill, "The connection keeps dropping: change the cable first", meaning, colourRecovery
}

// stabilityText describes how steady the connection has been.
func stabilityText(st device.Stability) string {
	switch st.Flaps {
	case 0:
		return "Steady connection"
	case 1:
		return "Dropped once in the last minute: if it keeps happening, try another cable or USB port"
	}
	if st.Flaps > manyDrops {
		// Past a handful the count is noise, and a failing cable would
		// redraw the window for every drop that ages out of the minute.
		return fmt.Sprintf("Dropped more than %d times in the last minute: try another cable or USB port", manyDrops)
	}
	return fmt.Sprintf("Dropped %d times in the last minute: try another cable or USB port", st.Flaps)
}

// manyDrops is where the drop count stops being exact.
const manyDrops = 10

// ago says how long ago t was, relative to now, in short plain words.
func ago(t, now time.Time) string {
	d := now.Sub(t)
	switch {
	case t.IsZero():
		return "a moment ago"
	case d < time.Second:
		return "just now"
	case d < time.Minute:
		return fmt.Sprintf("%d s ago", int(d/time.Second))
	case d < time.Hour:
		return fmt.Sprintf("%d min ago", int(d/time.Minute))
	}
	return "at " + t.Format("15:04")
}

// departedText is the headline for a phone that just left.
func departedText(d device.Device, now time.Time) string {
	return fmt.Sprintf("Your %s disconnected %s", d.Name(), ago(d.Stability.LastSeen, now))
}

// departedAdvice says what a departure may mean.
func departedAdvice(d device.Device) string {
	if d.Mode == device.ModeRestore {
		return "Phones restart several times while updating; it should come back by itself within a minute. " +
			"If it does not, check that the cable is still firmly in."
	}
	return "If it is restarting or switching modes, it comes back by itself within a few seconds. " +
		"If it does not, check the cable and the USB port."
}

// batteryText is "54 %, charging", or "" when unknown.
func batteryText(b *device.Battery) string {
	if b == nil {
		return ""
	}
	return b.String()
}

// batteryWarning warns of a battery too low for an update or running down
// while connected; "" when neither.
func batteryWarning(b *device.Battery) string {
	if b == nil {
		return ""
	}
	return b.Warning()
}

// iosText is "17.5 (21F79)", or what part of it is known.
func iosText(d device.Device) string {
	switch {
	case d.IOSVersion != "" && d.IOSBuild != "":
		return d.IOSVersion + " (" + d.IOSBuild + ")"
	case d.IOSVersion != "":
		return d.IOSVersion
	}
	return d.IOSBuild
}

// trustWords says what a trust change means, for the timeline.
func trustWords(t string) string {
	switch device.Trust(t) {
	case device.TrustTrusted:
		return "Trusts this computer now"
	case device.TrustPending:
		return "Asking: Trust This Computer?"
	case device.TrustDenied:
		return "Someone tapped Don't Trust"
	case device.TrustPasscode:
		return "Locked: waiting for the passcode"
	}
	return "Trust is unknown"
}

// modeWords names a mode from an event, to follow "in" or "was".
func modeWords(m string) string { return look(device.Mode(m)).words }

// eventText says one timeline event in plain words. The phone's name is
// shown beside the time, so it is left out here.
func eventText(e device.Event) string {
	switch e.Kind {
	case device.EventAttached:
		if strings.HasSuffix(e.Detail, "(reconnected)") {
			return "Reconnected in " + modeWords(e.To)
		}
		return "Connected in " + modeWords(e.To)
	case device.EventDetached:
		return "Disconnected"
	case device.EventModeChanged:
		return fmt.Sprintf("Now in %s (was %s)", modeWords(e.To), modeWords(e.From))
	case device.EventTrustChanged:
		return trustWords(e.To)
	case device.EventHost:
		if e.To != "" {
			return e.Detail
		}
		return "Fixed on this computer: " + strings.ReplaceAll(e.From, "-", " ")
	}
	return e.Detail
}
