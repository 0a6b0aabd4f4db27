package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"unstuck/device"
	"unstuck/device/activity"
	"unstuck/device/tr/trtest"
)

// emptyBus is a sysfs tree with no USB device: only usbmuxd's phones show.
func emptyBus(t *testing.T) string {
	sysfs := t.TempDir()
	if err := os.MkdirAll(filepath.Join(sysfs, "bus", "usb", "devices"), 0o755); err != nil {
		t.Fatal(err)
	}
	return sysfs
}

// activities reads the activity objects of watch or status JSON output.
func activities(t *testing.T, out string) []map[string]any {
	var acts []map[string]any
	dec := json.NewDecoder(strings.NewReader(out))
	for dec.More() {
		var v struct {
			Devices []struct{ Activity map[string]any }
		}
		if err := dec.Decode(&v); err != nil {
			t.Fatalf("%v in %s", err, out)
		}
		for _, d := range v.Devices {
			acts = append(acts, d.Activity)
		}
	}
	return acts
}

// watch --json carries what the phone's own log says: the backup-full-disk
// scenario's phone starts a backup, prepares, and logs that the disk is full.
func TestWatchJSONCarriesThePhonesLog(t *testing.T) {
	startSim(t, "backup-full-disk")
	ctx, cancel := context.WithTimeout(context.Background(), 6*time.Second)
	defer cancel()
	code, out, errOut := runCLI(t, ctx, "", "watch", "--json", "--sysfs", emptyBus(t), "--backup-dir", t.TempDir())
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var preparing, full bool
	for _, a := range activities(t, out) {
		preparing = preparing || a["kind"] == "backup" && a["state"] == "preparing" && a["phone_phase"] != nil
		full = full || a["state"] == "stalled" && a["problem"] == "disk-full" && strings.Contains(a["advice"].(string), "free space")
	}
	if !preparing || !full {
		t.Errorf("preparing %v, disk full %v in:\n%s", preparing, full, out)
	}
}

// status --listen reads the log for a while: a backup that writes nothing
// yet shows as preparing.
func TestStatusListenSeesABackupPreparing(t *testing.T) {
	sim := startSim(t, "trusted")
	udid := sim.Phones()[0].UDID
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	go func() {
		for ctx.Err() == nil {
			_ = sim.Log(udid, "BackupAgent2[345] <Notice>: Starting to prepare for preflight")
			time.Sleep(100 * time.Millisecond)
		}
	}()
	code, out, errOut := runCLI(t, ctx, "", "status", "--json", "--sysfs", emptyBus(t), "--backup-dir", t.TempDir(), "--listen", "2s")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	acts := activities(t, out)
	if len(acts) != 1 || acts[0]["state"] != "preparing" || acts[0]["phone_phase"] != "preflight" {
		t.Errorf("status --listen: %v", acts)
	}
}

// A phone that left during an update is told by name though it is gone.
func TestAPhoneAwayIsDescribed(t *testing.T) {
	left := time.Now().Add(-2 * time.Minute)
	s := device.State{Timeline: []device.Event{
		{At: left.Add(-time.Minute), Kind: device.EventModeChanged, Key: "ecid:1", Device: "Sam's iPhone", From: "recovery", To: "restore"},
		{At: left, Kind: device.EventDetached, Key: "ecid:1", Device: "Sam's iPhone", From: "restore"},
	}}
	acts := answers(activity.NewTracker(nil, nil), s)
	text := describeActivity(s, acts)
	if !strings.Contains(text, "Sam's iPhone (not connected): update interrupted. Your iPhone left during the update and has not come back for 2 minutes.") {
		t.Errorf("described as %q", text)
	}
	raw, _ := json.Marshal(statusJSON(s, acts))
	if !strings.Contains(string(raw), `"away":[{"key":"ecid:1","device":"Sam's iPhone","activity":{"kind":"update","state":"interrupted"`) {
		t.Errorf("JSON %s", raw)
	}
}

// In German the away line and its advice are German; the JSON stays English.
func TestAPhoneAwayIsDescribedInGerman(t *testing.T) {
	trtest.Speak(t, "de")
	left := time.Now().Add(-2 * time.Minute)
	s := device.State{Timeline: []device.Event{
		{At: left.Add(-time.Minute), Kind: device.EventModeChanged, Key: "ecid:1", Device: "Sam's iPhone", From: "recovery", To: "restore"},
		{At: left, Kind: device.EventDetached, Key: "ecid:1", Device: "Sam's iPhone", From: "restore"},
	}}
	acts := answers(activity.NewTracker(nil, nil), s)
	if text := describeActivity(s, acts); !strings.Contains(text, "Sam's iPhone (nicht verbunden): update interrupted. Dein iPhone wurde während der Aktualisierung getrennt und ist seit 2 Minuten nicht zurückgekommen.") {
		t.Errorf("described as %q", text)
	}
	raw, _ := json.Marshal(statusJSON(s, acts))
	if !strings.Contains(string(raw), `"advice":"Your iPhone left during the update and has not come back for 2 minutes.`) {
		t.Errorf("JSON %s", raw)
	}
}

// A phone away whose name the timeline never knew is "the iPhone" in the
// language, and in English in JSON.
func TestAnUnnamedPhoneAwayInGerman(t *testing.T) {
	trtest.Speak(t, "de")
	left := time.Now().Add(-2 * time.Minute)
	s := device.State{Timeline: []device.Event{
		{At: left.Add(-time.Minute), Kind: device.EventModeChanged, Key: "ecid:1", From: "recovery", To: "restore"},
		{At: left, Kind: device.EventDetached, Key: "ecid:1", From: "restore"},
	}}
	acts := answers(activity.NewTracker(nil, nil), s)
	if text := describeActivity(s, acts); !strings.HasPrefix(text, "Das iPhone (nicht verbunden): ") {
		t.Errorf("described as %q", text)
	}
	raw, _ := json.Marshal(statusJSON(s, acts))
	if !strings.Contains(string(raw), `"away":[{"key":"ecid:1","device":"The iPhone",`) {
		t.Errorf("JSON %s", raw)
	}
}
