package diagnose

import (
	"unstuck/device"
	"unstuck/device/activity"
	"unstuck/device/report"
)

// activitySection is the report's "Still working?" part: one item per
// phone, its kind and state and the advice. The backup folder (named by
// the UDID) is left out, so the redacted report stays redacted.
func activitySection(s device.State, acts map[string]activity.Activity) report.Section {
	sec := report.Section{Title: "Still working?", Items: []report.Item{}}
	for _, d := range s.Devices {
		a, ok := acts[d.Key]
		if !ok {
			a = activity.None
		}
		it := report.Item{Label: d.Name(), Value: string(a.Kind) + " " + string(a.State)}
		if a.Advice != "" {
			it.Value += ": " + a.Advice
		}
		it.Status = activityStatus(a.State)
		sec.Items = append(sec.Items, it)
	}
	if len(sec.Items) == 0 {
		sec.Note = "No iPhone connected."
	}
	return sec
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
