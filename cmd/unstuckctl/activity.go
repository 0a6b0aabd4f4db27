package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"maps"
	"os"
	"runtime"
	"slices"
	"strings"
	"time"

	"unstuck/device"
	"unstuck/device/activity"
	"unstuck/device/backup"
	"unstuck/device/live"
	"unstuck/device/tr"
)

// addBackupDir declares --backup-dir on status, watch and report: the
// backups folder whose phone folders are watched for a running backup,
// instead of the system's (as backups --dir does).
func addBackupDir(fs *flag.FlagSet) *dirList {
	var d dirList
	fs.Var(&d, "backup-dir", tr.T("cli.flag.backup-dir"))
	return &d
}

// backupRoots is --backup-dir, else the system's backup folders.
func backupRoots(dirs dirList) []string {
	if len(dirs) > 0 {
		return dirs
	}
	home, _ := os.UserHomeDir()
	return backup.Locations(runtime.GOOS, home, os.Getenv)
}

// answers is the tracker's answer for every attached phone and for the
// phones that left during an update (Tracker.Away), by device Key.
func answers(t *activity.Tracker, s device.State) map[string]activity.Activity {
	acts := t.For(s)
	for k, a := range t.Away(s) {
		acts[k] = a
	}
	return acts
}

// awayView is a phone that left during an update, in status and watch's JSON.
type awayView struct {
	Key      string            `json:"key"`
	Name     tr.Text           `json:"device,omitzero"` // English in JSON
	Activity activity.Activity `json:"activity"`
}

// awayViews lists the answers for phones not attached, with their names
// from the timeline, in key order.
func awayViews(s device.State, acts map[string]activity.Activity) []awayView {
	present := map[string]bool{}
	for _, d := range s.Devices {
		present[d.Key] = true
	}
	var out []awayView
	for _, k := range slices.Sorted(maps.Keys(acts)) {
		if !present[k] {
			out = append(out, awayView{Key: k, Name: nameIn(s.Timeline, k), Activity: acts[k]})
		}
	}
	return out
}

// nameIn is the device's name at its latest timeline event, else the
// catalogue's words for a phone whose name is not known.
func nameIn(events []device.Event, key string) tr.Text {
	for i := len(events) - 1; i >= 0; i-- {
		if events[i].Key == key && events[i].Device != "" {
			return tr.Raw(events[i].Device)
		}
	}
	return tr.Msg("cli.away.unnamed")
}

// listenToPhones reads the own logs and passcode prompts of the trusted
// phones of s for a while (live.FollowPhones), for status --listen.
func listenToPhones(ctx context.Context, o live.Options, s device.State, d time.Duration) *activity.Signals {
	sig := activity.NewSignals()
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	states := make(chan device.State, 1)
	states <- s
	live.FollowPhones(ctx, o, states, sig)
	return sig
}

// phoneView is a device in status and watch's JSON, with its activity.
type phoneView struct {
	device.Device
	Activity activity.Activity
}

// MarshalJSON writes the device as device.Device does, with "activity" added.
func (p phoneView) MarshalJSON() ([]byte, error) {
	d, err := json.Marshal(p.Device)
	if err != nil {
		return nil, err
	}
	a, err := json.Marshal(p.Activity)
	if err != nil {
		return nil, err
	}
	if len(d) < 2 || d[len(d)-1] != '}' {
		return nil, fmt.Errorf("device JSON %q is not an object", d)
	}
	out := append(d[:len(d)-1:len(d)-1], `,"activity":`...)
	return append(append(out, a...), '}'), nil
}

// phoneViews pairs each device with its activity (none when acts lacks it).
func phoneViews(devs []device.Device, acts map[string]activity.Activity) []phoneView {
	out := make([]phoneView, len(devs))
	for i, d := range devs {
		a, ok := acts[d.Key]
		if !ok {
			a = activity.None
		}
		out[i] = phoneView{Device: d, Activity: a}
	}
	return out
}

// describeActivity writes one line per phone with something going on,
// attached or not.
func describeActivity(s device.State, acts map[string]activity.Activity) string {
	var b strings.Builder
	for _, d := range s.Devices {
		if a, ok := acts[d.Key]; ok && a.Kind != activity.KindNone {
			fmt.Fprintf(&b, "%s: %s %s. %s\n", d.Name(), a.Kind, a.State, a.Advice)
		}
	}
	for _, v := range awayViews(s, acts) {
		fmt.Fprintf(&b, "%s: %s %s. %s\n", tr.T("activity.cli.away", "Name", v.Name), v.Activity.Kind, v.Activity.State, v.Activity.Advice)
	}
	return b.String()
}

// activityChanged says the watch should print again: a phone's kind,
// state, backup phase (the folder's or the phone's log's), problem or
// leftover Snapshot changed (not its byte or file counts).
func activityChanged(old, cur map[string]activity.Activity) bool {
	if len(old) != len(cur) {
		return true
	}
	for k, a := range cur {
		o, ok := old[k]
		if !ok || o.Kind != a.Kind || o.State != a.State || o.Phase != a.Phase || o.EarlierUnfinished != a.EarlierUnfinished ||
			o.PhonePhase != a.PhonePhase || o.Problem != a.Problem {
			return true
		}
	}
	return false
}
