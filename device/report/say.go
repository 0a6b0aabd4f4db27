package report

import (
	"fmt"
	"time"

	"unstuck/device"
	"unstuck/device/tr"
)

// say is a device package's text in the language tag: every device text
// the report prints goes through here.
func say(tag string, t tr.Text) string { return t.In(tag) }

// sayAny is say for the page's template, which hands values as any; a
// value of another type is data and said as fmt would.
func sayAny(tag string, v any) string {
	if t, ok := v.(tr.Text); ok {
		return say(tag, t)
	}
	return fmt.Sprint(v)
}

// when is a moment as the report writes it: the language's date, then the
// time of day to the second and the zone (24 hours in every language
// Unstuck speaks, so the layout is the same for all).
func when(t time.Time, seconds bool) tr.Text {
	if t.IsZero() {
		return tr.Text{}
	}
	layout := "15:04 MST"
	if seconds {
		layout = "15:04:05 MST"
	}
	return tr.Msg("report.when", "Date", tr.Date(t), "Time", t.Format(layout))
}

// clock is a moment's time of day to the second, as the timeline shows it.
func clock(t time.Time) string { return t.Format("15:04:05") }

// modeWords names a mode inside a sentence ("DFU mode") in tag.
func modeWords(tag string, m device.Mode) string { return tr.In(tag, m.MessageID("words")) }

// statusWords is a check's or an item's status in words: "warning".
func statusWords(tag, status string) string {
	switch status {
	case "ok", "warn", "fail", "unknown":
		return tr.In(tag, "report.status."+status)
	}
	return status
}
