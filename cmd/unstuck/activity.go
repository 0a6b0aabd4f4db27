package main

import (
	"context"
	"maps"
	"os"
	"runtime"
	"time"

	"fyne.io/fyne/v2"

	"unstuck/device"
	"unstuck/device/activity"
	"unstuck/device/backup"
	"unstuck/device/live"
	"unstuck/device/watch"
)

// followActivity works out what each phone is doing (device/activity) on
// every State and every backup_poll between them (a backup moves on
// without a new State), off the UI goroutine, and hands it to apply there
// when it changed; a change of state goes on the watcher's timeline
// (noteChanges). Trusted phones' own logs and passcode prompts are read
// beside (live.FollowPhones). A nil tracker watches the system's backups
// (the demo brings its own).
func followActivity(ctx context.Context, watcher *watch.Watcher, opts live.Options, tracker *activity.Tracker, apply func(map[string]activity.Activity)) {
	if tracker == nil {
		home, _ := os.UserHomeDir()
		tracker = activity.NewTracker(backup.Locations(runtime.GOOS, home, os.Getenv), nil)
		tracker.Signals = activity.NewSignals()
	}
	phones, unsubPhones := watcher.Latest()
	defer unsubPhones()
	go live.FollowPhones(ctx, opts, phones, tracker.Signals)
	latest, unsub := watcher.Latest()
	defer unsub()
	tick := time.NewTicker(tracker.T.BackupPoll)
	defer tick.Stop()
	var s device.State
	var shown, noted map[string]activity.Activity
	for {
		select {
		case <-ctx.Done():
			return
		case s = <-latest:
		case <-tick.C:
		case <-tracker.Signals.Changed(): // a phone's log or prompt said something
		}
		acts := tracker.For(s)
		maps.Copy(acts, tracker.Away(s)) // the phones that left during an update
		noted = noteChanges(watcher, noted, acts, s, tracker.Now())
		if sameActivity(shown, acts) {
			continue
		}
		shown = acts
		fyne.DoAndWait(func() { apply(acts) })
	}
}

// sameActivity says two answers would show the same.
func sameActivity(a, b map[string]activity.Activity) bool {
	if len(a) != len(b) || a == nil {
		return false
	}
	for k, x := range b {
		if y, ok := a[k]; !ok || x.Kind != y.Kind || x.State != y.State || x.Advice != y.Advice {
			return false
		}
	}
	return true
}

// noteChanges puts the activities' changes of state from old to cur on the
// watcher's timeline (activity.Changes), as the guide notes its attempts:
// the watcher still owns the timeline, and only state changes are told,
// never a poll. It returns cur, the next old.
func noteChanges(w *watch.Watcher, old, cur map[string]activity.Activity, s device.State, now time.Time) map[string]activity.Activity {
	for _, e := range activity.Changes(old, cur, s, now) {
		w.Note(e)
	}
	return cur
}
