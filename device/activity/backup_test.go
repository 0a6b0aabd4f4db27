package activity

import (
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"unstuck/device"
)

func normalPhone() device.Device {
	return device.Device{Key: "udid:" + testUDID, Mode: device.ModeNormal, UDID: testUDID, Trust: device.TrustTrusted}
}

// watching is a tracker over the writer's backups folder on the fake clock.
func watching(w *backupWriter) *Tracker {
	return &Tracker{Backups: NewObserver([]string{w.root}, w.clock.Now, Default), T: Default, Now: w.clock.Now}
}

func answer(tr *Tracker, d device.Device) Activity {
	return tr.For(device.State{Devices: []device.Device{d}})[d.Key]
}

// every moves the clock for d in steps, doing each at every step and
// asking the tracker (so the observer lists the folder as watch would).
func every(tr *Tracker, c *clock, d device.Device, total, step time.Duration, each func()) Activity {
	var a Activity
	for done := time.Duration(0); done < total; done += step {
		c.Advance(step)
		if each != nil {
			each()
		}
		a = answer(tr, d)
	}
	return a
}

func want(t *testing.T, step string, a Activity, kind Kind, state State, advice string) {
	t.Helper()
	if a.Kind != kind || a.State != state || !strings.Contains(a.Advice.In("en"), advice) {
		t.Fatalf("%s: got %s/%s %q, want %s/%s with %q (%+v)", step, a.Kind, a.State, a.Advice, kind, state, advice, a)
	}
}

func TestABackupThroughItsPhases(t *testing.T) {
	c := newClock()
	w := newBackupWriter(t, c)
	tr := watching(w)
	phone := normalPhone()
	th := Default

	c.Advance(time.Hour) // the folder is an old, finished backup
	want(t, "an idle folder", answer(tr, phone), KindNone, StateNone, "")

	begun := c.Now()
	w.status(PhaseUploading)
	w.startSnapshot()
	a := every(tr, c, phone, th.BackupPoll, th.BackupPoll, nil)
	want(t, "just begun", a, KindBackup, StatePreparing, "passcode")
	if !a.Since.Equal(begun) || a.Phase != PhaseUploading {
		t.Fatalf("just begun: since %v phase %q, want %v uploading", a.Since, a.Phase, begun)
	}
	locked := phone
	locked.Trust = device.TrustPasscode
	want(t, "just begun, locked", answer(tr, locked), KindBackup, StatePasscode, "Unlock your iPhone")
	a = every(tr, c, phone, th.BackupPasscode-2*th.BackupPoll, th.BackupPoll, nil)
	want(t, "10 s before the phone gives up on its passcode", a, KindBackup, StatePreparing, "it waits about 10 seconds")
	a = every(tr, c, phone, th.BackupPoll, th.BackupPoll, nil)
	want(t, "3 minutes without data", a, KindBackup, StateWorking, "Still working: preparing files, no action needed.")

	// 10 files of 100 kB every 30 s for 6 minutes.
	a = every(tr, c, phone, 6*time.Minute, 30*time.Second, func() { w.upload(10, 100_000) })
	want(t, "uploading", a, KindBackup, StateWorking, "Still working: 10.0 MB backed up in the last 5 minutes")
	if a.RecentFiles != 100 || a.Files != 121 || !a.LastProgress.Equal(c.Now()) || !a.Since.Equal(begun.Add(th.BackupPoll)) { // the first listing that saw Snapshot
		t.Fatalf("uploading: %+v", a)
	}

	// A pause: slow at 5 minutes, probably stalled at 15, stalled at 30.
	pauseStart := c.Now()
	a = every(tr, c, phone, th.BackupSlow-th.BackupPoll, th.BackupPoll, nil)
	want(t, "a short pause", a, KindBackup, StateWorking, "Still working: 1.0 MB backed up") // the last upload only
	if !a.LastProgress.Equal(pauseStart) {
		t.Fatalf("a short pause: last progress %v, want %v", a.LastProgress, pauseStart)
	}
	a = every(tr, c, phone, th.BackupPoll, th.BackupPoll, nil)
	want(t, "5 minutes quiet", a, KindBackup, StateSlow, "nothing new for 5 minutes")
	a = every(tr, c, phone, th.BackupProbablyStalled-th.BackupSlow, time.Minute, nil)
	want(t, "15 minutes quiet", a, KindBackup, StateStalled, "Probably stalled: nothing new for 15 minutes")
	a = every(tr, c, phone, th.BackupStalled-th.BackupProbablyStalled, time.Minute, nil)
	want(t, "30 minutes quiet", a, KindBackup, StateStalled, "No progress for 30 minutes")

	// One large file grows: 1 MB a minute. Only the growth counts.
	a = every(tr, c, phone, 10*time.Minute, time.Minute, func() { w.grow(1_000_000) })
	want(t, "a video", a, KindBackup, StateWorking, "Still working: 5.0 MB backed up")
	if a.RecentFiles != 0 {
		t.Fatalf("a growing file is no new file: %d", a.RecentFiles)
	}

	// Moving: 20 files a minute, then a pause of 10 minutes.
	w.status(PhaseMoving)
	a = every(tr, c, phone, 5*time.Minute, time.Minute, func() { w.move(20) })
	want(t, "moving", a, KindBackup, StateWorking, "put in place")
	if a.Phase != PhaseMoving {
		t.Fatalf("moving: phase %q", a.Phase)
	}
	a = every(tr, c, phone, th.BackupMovingStalled-time.Minute, time.Minute, nil)
	want(t, "moving, 9 minutes quiet", a, KindBackup, StateWorking, "put in place")
	a = every(tr, c, phone, time.Minute, time.Minute, nil)
	want(t, "moving, 10 minutes quiet", a, KindBackup, StateStalled, "while putting the backup in place")

	w.move(1000)
	w.status(PhaseRemoving)
	w.removeSnapshot()
	w.status(PhaseFinished)
	end := c.Now()
	a = every(tr, c, phone, th.BackupPoll, th.BackupPoll, nil)
	want(t, "finished", a, KindBackup, StateDone, "The backup finished at "+end.Local().Format("15:04"))
	a = every(tr, c, phone, th.BackupDoneShown, time.Minute, nil)
	want(t, "long finished", a, KindNone, StateNone, "")
}

func TestASnapshotLeftBehindIsSaidAndNotTouched(t *testing.T) {
	c := newClock()
	w := newBackupWriter(t, c)
	w.status(PhaseUploading)
	w.startSnapshot()
	w.upload(5, 1000)
	tr := watching(w)
	phone := normalPhone()

	c.Advance(Default.BackupAbandoned - time.Minute)
	want(t, "quiet under two hours", answer(tr, phone), KindBackup, StateStalled, "No progress for 1 hour 59 minutes")
	before := w.tree()
	a := every(tr, c, phone, 2*time.Minute, Default.BackupPoll, nil)
	want(t, "quiet for two hours", a, KindBackup, StateInterrupted, "An earlier backup did not finish")
	if !a.EarlierUnfinished || !a.Since.IsZero() {
		t.Fatalf("left behind: %+v", a)
	}
	if after := w.tree(); !maps.Equal(before, after) {
		t.Fatalf("observing changed the folder:\nbefore %v\nafter  %v", before, after)
	}
}

// One listing (unstuckctl status) has no history: the bytes of the last
// window come from the files' change times.
func TestOneListingCountsByChangeTimes(t *testing.T) {
	c := newClock()
	w := newBackupWriter(t, c)
	w.status(PhaseUploading)
	w.startSnapshot()
	w.upload(3, 1000)
	c.Advance(10 * time.Minute)
	w.upload(2, 5000)
	c.Advance(time.Minute)
	a := answer(watching(w), normalPhone())
	want(t, "one listing", a, KindBackup, StateWorking, "10.0 KB backed up in the last 5 minutes")
	if a.RecentFiles != 2 || !a.LastProgress.Equal(c.Now().Add(-time.Minute)) {
		t.Fatalf("one listing: %+v", a)
	}
}

// Status.plist that is a link, or far too large, is not read; the rest of
// the folder still answers.
func TestStatusPlistIsReadOnlyWhenPlain(t *testing.T) {
	c := newClock()
	w := newBackupWriter(t, c)
	w.startSnapshot()
	outside := filepath.Join(t.TempDir(), "elsewhere.plist")
	os.WriteFile(outside, []byte("x"), 0o644)
	if err := os.Symlink(outside, filepath.Join(w.dir, "Status.plist")); err != nil {
		t.Skip(err)
	}
	b, ok := NewObserver([]string{w.root}, c.Now, Default).Observe(testUDID)
	if !ok || b.Phase != "" || !strings.Contains(b.Problem, "not a regular file") || !b.Snapshot {
		t.Fatalf("a linked Status.plist: %+v", b)
	}
	os.Remove(filepath.Join(w.dir, "Status.plist"))
	w.write(filepath.Join(w.dir, "Status.plist"), make([]byte, maxStatusBytes+1))
	b, _ = NewObserver([]string{w.root}, c.Now, Default).Observe(testUDID)
	if b.Phase != "" || !strings.Contains(b.Problem, "far too large") {
		t.Fatalf("a huge Status.plist: %+v", b)
	}
	if _, ok := NewObserver([]string{w.root}, c.Now, Default).Observe("../" + testUDID); ok {
		t.Fatal("a UDID with a path in it was looked up")
	}
}

// The observer lists a folder at most once per backup_poll.
func TestObserverListsAtMostOncePerPoll(t *testing.T) {
	c := newClock()
	w := newBackupWriter(t, c)
	w.startSnapshot()
	o := NewObserver([]string{w.root}, c.Now, Default)
	first, _ := o.Observe(testUDID)
	w.upload(1, 10)
	c.Advance(Default.BackupPoll - time.Second)
	if b, _ := o.Observe(testUDID); b.Files != first.Files {
		t.Fatalf("listed again within the poll: %d files, then %d", first.Files, b.Files)
	}
	c.Advance(time.Second)
	if b, _ := o.Observe(testUDID); b.Files != first.Files+1 {
		t.Fatalf("not listed again after the poll: %d files, then %d", first.Files, b.Files)
	}
}

// A finished backup's folder is not walked again every backup_poll: three
// stats and Status.plist say it is idle. One that just finished is.
func TestAnIdleFolderIsNotWalked(t *testing.T) {
	c := newClock()
	w := newBackupWriter(t, c)
	w.upload(0, 0)
	w.mkdir(filepath.Join(w.dir, "00"))
	w.write(filepath.Join(w.dir, "00", "a"), make([]byte, 10))
	w.status(PhaseFinished)
	o := NewObserver([]string{w.root}, c.Now, Default)
	if b, _ := o.Observe(testUDID); !b.Listed || b.Files != 2 {
		t.Fatalf("just finished: %+v", b)
	}
	c.Advance(Default.BackupDoneShown)
	b, _ := o.Observe(testUDID)
	if b.Listed || b.Files != 0 || b.Phase != PhaseFinished {
		t.Fatalf("long finished: %+v", b)
	}
	w.startSnapshot() // a new backup begins
	c.Advance(Default.BackupPoll)
	if b, _ := o.Observe(testUDID); !b.Listed || !b.Snapshot || b.Files != 2 {
		t.Fatalf("a new backup: %+v", b)
	}
}
