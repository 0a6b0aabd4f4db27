package main

import (
	"testing"

	"unstuck/device/activity"
)

// The app redraws the activity when what it says changes, and always the first time.
func TestSameActivity(t *testing.T) {
	working := map[string]activity.Activity{"k": {Kind: activity.KindBackup, State: activity.StateWorking, Advice: "Still working: 1.0 MB"}}
	if sameActivity(nil, map[string]activity.Activity{}) {
		t.Error("the first answer was not shown")
	}
	if !sameActivity(working, map[string]activity.Activity{"k": working["k"]}) {
		t.Error("the same answer shown again")
	}
	more := map[string]activity.Activity{"k": {Kind: activity.KindBackup, State: activity.StateWorking, Advice: "Still working: 2.0 MB"}}
	if sameActivity(working, more) || sameActivity(working, map[string]activity.Activity{}) {
		t.Error("a new sentence, or a phone gone, not shown")
	}
}
