package report

import (
	"slices"

	"unstuck/device"
	"unstuck/device/guide"
	"unstuck/device/procedure"
	"unstuck/device/tr"
)

// eventWords is one timeline row in the page's language.
type eventWords struct {
	Clock, Kind, Device, From, To, Detail string
}

// eventKinds are the kinds of event the catalogue names (report.event.<kind>);
// another kind is shown as it is.
var eventKinds = []device.EventKind{device.EventAttached, device.EventDetached, device.EventModeChanged,
	device.EventTrustChanged, device.EventHost, device.EventObserved, device.EventAttempt, device.EventActivity}

// eventIn says an event in tag: its kind in words, and its states as
// words where they are modes, trust states, a procedure or a verdict.
// Other states (a host condition's or an activity's code) stay codes.
func eventIn(tag string, e device.Event) eventWords {
	w := eventWords{Clock: clock(e.At), Kind: string(e.Kind), Device: e.Device, From: e.From, To: e.To, Detail: say(tag, e.Detail)}
	if slices.Contains(eventKinds, e.Kind) {
		w.Kind = tr.In(tag, "report.event."+string(e.Kind))
	}
	switch e.Kind {
	case device.EventAttempt:
		w.From = say(tag, procedure.Kind(e.From).Name())
		w.To = say(tag, guide.Verdict(e.To).Words())
	case device.EventTrustChanged:
		w.From, w.To = trustWords(tag, e.From), trustWords(tag, e.To)
	default:
		w.From, w.To = stateWords(tag, e.From), stateWords(tag, e.To)
	}
	return w
}

// stateWords is a mode's words, or the state as it is.
func stateWords(tag, s string) string {
	if slices.Contains(device.Modes(), device.Mode(s)) {
		return modeWords(tag, device.Mode(s))
	}
	return s
}

func trustWords(tag, s string) string {
	if s == "" {
		return ""
	}
	return say(tag, device.Trust(s).Words())
}
