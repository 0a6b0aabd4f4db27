package activity

import (
	"time"

	"unstuck/device/tr"
)

// say is the message activity.<id> with its values: every sentence this
// package hands up (assets/i18n/activity/<tag>.json).
func say(id string, kv ...any) tr.Text { return tr.Msg("activity."+id, kv...) }

// words says a duration the way a person would: "40 seconds", "1 minute",
// "25 minutes", "1 hour 5 minutes".
func words(d time.Duration) tr.Text {
	switch {
	case d < time.Minute:
		return tr.Plural("activity.seconds", int(max(d, 0)/time.Second))
	case d < time.Hour:
		return tr.Plural("activity.minutes", int(d/time.Minute))
	}
	h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
	hours := tr.Plural("activity.hours", h)
	if m == 0 {
		return hours
	}
	return say("hours-minutes", "Hours", hours, "Minutes", tr.Plural("activity.minutes", m))
}
