package ui

import (
	"image/color"
	"strings"
	"time"

	"unstuck/device"
	"unstuck/device/tr"
)

// modeLook is how the UI shows one mode. Its words are in the catalogues
// (assets/i18n, device/tr), under the mode's MessageID: the pill's short
// name ("pill"), the words that name it in the timeline ("words") and what
// it means for the person's data ("meaning"); the headline is the model's
// (device.Mode.Headline), shared with the report and the CLI.
type modeLook struct {
	colour color.NRGBA // the badge's colour
	screen screenKind  // what the drawn phone's screen shows in this mode (phone_screen.go)
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
// one lacks it, or its words in a language. unknownLook is what a mode
// without a row would get.
var modeLooks = map[device.Mode]modeLook{
	device.ModeNormal:   {colour: colourNormal, screen: screenLock},
	device.ModeRestore:  {colour: colourRestore, screen: screenRestore},
	device.ModeRecovery: {colour: colourRecovery, screen: screenRecovery},
	device.ModeDFU:      {colour: colourDFU, screen: screenOff},
	device.ModePortDFU:  {colour: colourPortDFU, screen: screenOff},
	device.ModeWTF:      {colour: colourDFU, screen: screenOff},
	device.ModeUSBOnly:  {colour: colourGrey, screen: screenLit},
}

var unknownLook = modeLook{colour: colourGrey, screen: screenOff}

// look is the mode's row of modeLooks.
func look(m device.Mode) modeLook {
	if l, ok := modeLooks[m]; ok {
		return l
	}
	return unknownLook
}

// modeName is the short name on the coloured pill.
func modeName(m device.Mode) string { return tr.T(m.MessageID("pill")) }

// modeMeaning says what the mode means for the person's data, in one or two
// sentences. It is empty when there is nothing useful to add.
func modeMeaning(m device.Mode) string {
	if _, ok := modeLooks[m]; !ok {
		return ""
	}
	return tr.T(m.MessageID("meaning"))
}

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
	if d.Stability.Flaps > manyDrops {
		meaning = tr.N("badge.unsteady.meaning.many", manyDrops, "Headline", headline)
	} else {
		meaning = tr.N("badge.unsteady.meaning", d.Stability.Flaps, "Headline", headline)
	}
	if d.Mode == device.ModeRestore {
		meaning += " " + tr.T("badge.unsteady.update")
	}
	return pill, tr.T("badge.unsteady.headline"), meaning, colourRecovery
}

// stabilityText describes how steady the connection has been.
func stabilityText(st device.Stability) string {
	switch {
	case st.Flaps == 0:
		return tr.T("stability.steady")
	case st.Flaps > manyDrops:
		// Past a handful the count is noise, and a failing cable would
		// redraw the window for every drop that ages out of the minute.
		return tr.N("stability.dropped.many", manyDrops)
	}
	return tr.N("stability.dropped", st.Flaps)
}

// manyDrops is where the drop count stops being exact.
const manyDrops = 10

// departedText is the headline for a phone that just left.
func departedText(d device.Device, now time.Time) string {
	return tr.T("departed.headline", "Name", d.Name(), "Ago", tr.Ago(d.Stability.LastSeen, now))
}

// departedAdvice says what a departure may mean.
func departedAdvice(d device.Device) string {
	if d.Mode == device.ModeRestore {
		return tr.T("departed.advice.restore")
	}
	return tr.T("departed.advice")
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

// trustEvents are the timeline's words for a trust change, by the new trust.
var trustEvents = map[device.Trust]string{device.TrustTrusted: "activity.trust.trusted",
	device.TrustPending: "activity.trust.pending", device.TrustDenied: "activity.trust.denied",
	device.TrustPasscode: "activity.trust.passcode"}

// trustWords says what a trust change means, for the timeline.
func trustWords(t string) string {
	if id, ok := trustEvents[device.Trust(t)]; ok {
		return tr.T(id)
	}
	return tr.T("activity.trust.unknown")
}

// modeWords names a mode from an event, to follow "in" or "was".
func modeWords(m string) string { return tr.T(device.Mode(m).MessageID("words")) }

// eventText says one timeline event in plain words. The phone's name is
// shown beside the time, so it is left out here.
func eventText(e device.Event) string {
	switch e.Kind {
	case device.EventAttached:
		if strings.HasSuffix(e.Detail.In(tr.English), "(reconnected)") {
			return tr.T("event.reconnected", "Mode", modeWords(e.To))
		}
		return tr.T("event.connected", "Mode", modeWords(e.To))
	case device.EventDetached:
		return tr.T("event.disconnected")
	case device.EventModeChanged:
		return tr.T("event.mode-changed", "Mode", modeWords(e.To), "Was", modeWords(e.From))
	case device.EventTrustChanged:
		return trustWords(e.To)
	case device.EventHost:
		if e.To != "" {
			return e.Detail.String()
		}
		return tr.T("report.timeline.fixed", "Problem", strings.ReplaceAll(e.From, "-", " "))
	}
	return e.Detail.String()
}
