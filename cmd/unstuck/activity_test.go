package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"unstuck/device"
	"unstuck/device/activity"
	"unstuck/device/fixture"
	"unstuck/device/tr"
	"unstuck/device/watch"
)

// The app redraws the activity when what it says changes, and always the first time.
func TestSameActivity(t *testing.T) {
	working := map[string]activity.Activity{"k": {Kind: activity.KindBackup, State: activity.StateWorking, Advice: tr.Raw("Still working: 1.0 MB")}}
	if sameActivity(nil, map[string]activity.Activity{}) {
		t.Error("the first answer was not shown")
	}
	if !sameActivity(working, map[string]activity.Activity{"k": working["k"]}) {
		t.Error("the same answer shown again")
	}
	more := map[string]activity.Activity{"k": {Kind: activity.KindBackup, State: activity.StateWorking, Advice: tr.Raw("Still working: 2.0 MB")}}
	if sameActivity(working, more) || sameActivity(working, map[string]activity.Activity{}) {
		t.Error("a new sentence, or a phone gone, not shown")
	}
}

// A backup's change of state goes on the real watcher's timeline, once,
// with its words; the same answer again adds nothing.
func TestActivityChangesGoOnTheTimeline(t *testing.T) {
	mux := fixture.NewMux()
	m := fixture.IPhoneXOnMux()
	m.Trust = device.TrustTrusted
	mux.Set([]device.MuxDevice{m}, nil)
	w := watch.New(watch.Options{Mux: mux, USB: &fixture.USB{}})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { w.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()
	<-w.Ready()
	s := w.State()
	if len(s.Devices) != 1 {
		t.Fatalf("devices %+v", s.Devices)
	}
	key := s.Devices[0].Key
	working := map[string]activity.Activity{key: {Kind: activity.KindBackup, State: activity.StateWorking}}
	noted := noteChanges(w, nil, working, s, time.Now())
	noted = noteChanges(w, noted, map[string]activity.Activity{key: {Kind: activity.KindBackup, State: activity.StateWorking, RecentBytes: 9}}, s, time.Now())
	noteChanges(w, noted, map[string]activity.Activity{key: {Kind: activity.KindBackup, State: activity.StateDone}}, s, time.Now())
	var got []string
	for _, e := range w.State().Timeline {
		if e.Kind == device.EventActivity && e.Key == key {
			got = append(got, e.From+">"+e.To+" "+e.Detail.In("en"))
		}
	}
	if strings.Join(got, "|") != "none>working Backup: still working|working>done Backup finished" {
		t.Errorf("timeline %q", got)
	}
}
