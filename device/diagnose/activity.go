package diagnose

import (
	"time"

	"unstuck/device"
	"unstuck/device/activity"
	"unstuck/device/report"
	"unstuck/device/tr"
)

// activitySection is the report's "Still working?" part: one item per
// phone, its kind and state and the advice, then how the activities went
// (activityHistory). The backup folder (named by the UDID) is left out,
// so the redacted report stays redacted (the phones' names are redacted
// with the rest of the report).
func activitySection(s device.State, acts map[string]activity.Activity, now time.Time) report.Section {
	sec := report.Section{Title: say("activity"), Items: []report.Item{}}
	for _, d := range s.Devices {
		a, ok := acts[d.Key]
		if !ok {
			a = activity.None
		}
		sec.Items = append(sec.Items, report.Item{Label: tr.Raw(d.Name()), Value: activityValue(a), Status: activityStatus(a.State)})
	}
	if len(sec.Items) == 0 {
		sec.Note = say("activity.none")
	}
	sec.Items = append(sec.Items, activityHistory(s.Timeline, now)...)
	return sec
}

// activityValue is what a phone is doing in words: its kind and state
// (report.activity.kind.<kind>, report.activity.state.<state>), then the
// advice; "nothing under way" when it does nothing.
func activityValue(a activity.Activity) tr.Text {
	if a.Kind == activity.KindNone || a.Kind == "" {
		return tr.Both(tr.Msg("report.activity.idle"), a.Advice)
	}
	kind, state := tr.Msg("report.activity.kind."+string(a.Kind)), tr.Msg("report.activity.state."+string(a.State))
	if a.Advice.IsZero() {
		return tr.Msg("report.activity.doing", "Kind", kind, "State", state)
	}
	return tr.Msg("report.activity.doing-advice", "Kind", kind, "State", state, "Advice", a.Advice)
}

// maxHistory bounds the changes of activity the report lists: the newest.
const maxHistory = 30

// activityHistory is how each phone's activity went: its changes of state
// from the timeline (device.EventActivity), oldest first, with their
// times, one item each.
func activityHistory(events []device.Event, now time.Time) []report.Item {
	var out []report.Item
	for _, e := range events {
		if e.Kind != device.EventActivity {
			continue
		}
		at := e.At.Local()
		when := tr.Raw(at.Format("15:04:05"))
		if y, m, d := at.Date(); y != now.Local().Year() || m != now.Local().Month() || d != now.Local().Day() {
			when = tr.Msg("report.section.day-time", "Day", tr.DayMonth(at), "Time", when)
		}
		out = append(out, report.Item{Label: tr.Msg("report.section.when-phone", "When", when, "Phone", e.Device),
			Value: e.Detail, Status: activityStatus(activity.State(e.To))})
	}
	if over := len(out) - maxHistory; over > 0 {
		out = out[over:]
	}
	return out
}

// activityStatus colours an activity's state in the report.
func activityStatus(s activity.State) report.Status {
	switch s {
	case activity.StateWorking, activity.StatePreparing, activity.StateDone:
		return report.StatusOK
	case activity.StateSlow, activity.StatePasscode, activity.StateInterrupted:
		return report.StatusWarn
	case activity.StateStalled:
		return report.StatusFail
	}
	return ""
}

// focusActivity is the activity of the phone with key, nil when there is
// none to tell of.
func focusActivity(acts map[string]activity.Activity, key string) *activity.Activity {
	a, ok := acts[key]
	if !ok || key == "" {
		return nil
	}
	return &a
}
