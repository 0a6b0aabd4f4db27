package main

import (
	"encoding/json"
	"strings"
	"testing"

	"unstuck/device"
	"unstuck/device/activity"
	"unstuck/device/fixture"
	"unstuck/device/tr"
)

// A phone in status's JSON is the device as device.Device writes it (the
// chip identifiers in hex) with its activity added.
func TestPhoneViewAddsTheActivity(t *testing.T) {
	d := fixture.IPhoneX(device.ModeRestore)
	a := activity.Activity{Kind: activity.KindUpdate, State: activity.StateWorking, Advice: tr.Raw("Your iPhone is updating.")}
	raw, err := json.Marshal(phoneViews([]device.Device{d, fixture.IPhoneX(device.ModeNormal)}, map[string]activity.Activity{d.Key + "x": a}))
	if err != nil {
		t.Fatal(err)
	}
	var got []map[string]any
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err, string(raw))
	}
	if got[0]["ecid"] != "0x001c2d3e4f5a6b7c" || got[0]["mode"] != "restore" {
		t.Errorf("the device's own fields: %s", raw)
	}
	if act, _ := got[1]["activity"].(map[string]any); act["kind"] != "none" || act["state"] != "none" {
		t.Errorf("a phone with no answer: %s", raw)
	}
	raw, _ = json.Marshal(phoneViews([]device.Device{d}, map[string]activity.Activity{d.Key: a}))
	if !strings.Contains(string(raw), `"activity":{"kind":"update","state":"working",`) {
		t.Errorf("activity: %s", raw)
	}
}

// watch prints again when a phone's kind, state, phase or leftover
// Snapshot changes, not at every byte.
func TestActivityChangedIgnoresTheCounts(t *testing.T) {
	a := map[string]activity.Activity{"k": {Kind: activity.KindBackup, State: activity.StateWorking, Phase: "uploading", RecentBytes: 1}}
	b := map[string]activity.Activity{"k": {Kind: activity.KindBackup, State: activity.StateWorking, Phase: "uploading", RecentBytes: 9, Advice: tr.Raw("other")}}
	if activityChanged(a, b) {
		t.Error("more bytes counted as a change")
	}
	b["k"] = activity.Activity{Kind: activity.KindBackup, State: activity.StateSlow, Phase: "uploading"}
	if !activityChanged(a, b) || !activityChanged(nil, b) {
		t.Error("a new state, or a first answer, not counted as a change")
	}
}
