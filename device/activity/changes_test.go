package activity

import (
	"strings"
	"testing"
	"time"

	"unstuck/device"
)

// A backup through the real tracker over a folder it writes, asked at
// every backup_poll as the app does: the timeline gets one event a state
// change, in words, with the state codes, never one a poll.
func TestChangesTellOnlyStateChanges(t *testing.T) {
	s := device.State{Devices: []device.Device{normalPhone()}}
	c := newClock()
	w := newBackupWriter(t, c)
	tr := watching(w)
	var events []device.Event
	var last map[string]Activity
	poll := func(total time.Duration, each func()) {
		for done := time.Duration(0); done < total; done += Default.BackupPoll {
			c.Advance(Default.BackupPoll)
			if each != nil {
				each()
			}
			cur := tr.For(s)
			events = append(events, Changes(last, cur, s, c.Now())...)
			last = cur
		}
	}
	c.Advance(time.Hour)
	poll(time.Minute, nil) // an old, finished folder: nothing to tell
	w.status(PhaseUploading)
	w.startSnapshot()
	poll(4*time.Minute, nil)                             // preparing, then working without data
	poll(6*time.Minute, func() { w.upload(2, 100_000) }) // uploading: no new event
	poll(Default.BackupProbablyStalled+time.Minute, nil) // slow, then stalled
	poll(2*time.Minute, func() { w.upload(2, 100_000) }) // working again
	w.move(1000)
	w.status(PhaseRemoving)
	w.removeSnapshot()
	w.status(PhaseFinished)
	poll(Default.BackupDoneShown+time.Minute, nil) // finished, then no longer told: ends quietly

	var got []string
	for _, e := range events {
		if e.Kind != device.EventActivity || e.Key != s.Devices[0].Key || e.Device != s.Devices[0].Name() {
			t.Errorf("event %+v", e)
		}
		got = append(got, e.From+">"+e.To+" "+e.Detail.In("en"))
	}
	wantEvents := []string{
		"none>preparing Backup: starting",
		"preparing>working Backup: still working",
		"working>slow Backup: slow, nothing new for 5 minutes",
		"slow>stalled Backup: no progress for 15 minutes",
		"stalled>working Backup: still working",
		"working>done Backup finished",
	}
	if strings.Join(got, "\n") != strings.Join(wantEvents, "\n") {
		t.Errorf("events:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantEvents, "\n"))
	}
}

// A phone that left is not told of (its leaving is on the timeline); an
// update that fell back to recovery mode says so.
func TestChangesOfAnUpdate(t *testing.T) {
	now := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	d := device.Device{Key: "ecid:1", Mode: device.ModeRecovery}
	s := device.State{Devices: []device.Device{d}}
	working := map[string]Activity{"ecid:1": {Kind: KindUpdate, State: StateWorking}, "ecid:2": {Kind: KindBackup, State: StateWorking}}
	fell := map[string]Activity{"ecid:1": {Kind: KindUpdate, State: StateInterrupted, Advice: sayFellBack()}, "ecid:2": {Kind: KindBackup, State: StateStalled}}
	ev := Changes(working, fell, s, now)
	if len(ev) != 1 || ev[0].Detail.In("en") != "Update stopped: back in recovery mode" || ev[0].From != "working" || ev[0].To != "interrupted" {
		t.Errorf("events %+v", ev)
	}
	if ev := Changes(fell, fell, s, now); len(ev) != 0 {
		t.Errorf("no change, yet %+v", ev)
	}
}
