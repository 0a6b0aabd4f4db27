package demo

import (
	"context"
	"strings"
	"testing"
	"time"

	"unstuck/device"
	"unstuck/device/live"
)

// TestStoryWalksThroughEveryState plays the story five times faster against
// the real watcher and sources and checks that a viewer sees every state.
func TestStoryWalksThroughEveryState(t *testing.T) {
	playStory(t, Config{Speed: 5, Once: true})
}

// TestStoryOverLoopbackTCP plays it with the simulated usbmuxd on
// 127.0.0.1, as on Windows and wherever unix sockets are missing: the app's
// watcher reaches it through go-ios' tcp:// path.
func TestStoryOverLoopbackTCP(t *testing.T) {
	s := playStory(t, Config{Speed: 5, Once: true, Loopback: true})
	if a := s.Options().MuxAddress; !strings.HasPrefix(a, "tcp://127.0.0.1:") {
		t.Errorf("mux address %q, want tcp://127.0.0.1:port", a)
	}
}

// playStory plays c's story against the real watcher and sources and checks
// that a viewer sees every state.
func playStory(t *testing.T, c Config) *Story {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s, err := Start(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	w := live.NewWatcher(s.Options())
	tracker := s.Tracker()
	phones, unsubPhones := w.Latest()
	defer unsubPhones()
	go live.FollowPhones(ctx, s.Options(), phones, tracker.Signals)
	poll := time.NewTicker(tracker.T.BackupPoll)
	defer poll.Stop()
	var last device.State
	seen := map[string]bool{}
	maxFlaps := 0
	states := make(chan device.State, 256)
	unsub := w.Subscribe(func(st device.State) { states <- st })
	defer unsub()
	go w.Run(ctx)

	timeout := time.After(60 * time.Second)
	for {
		select {
		case <-poll.C:
			for _, a := range tracker.For(last) {
				seen[string(a.Kind)+"/"+string(a.State)] = true
			}
			continue
		case st := <-states:
			last = st
			for _, d := range st.Devices {
				seen[string(d.Mode)] = true
				if d.Mode == device.ModeNormal {
					seen["normal/"+string(d.Trust)] = true
				}
				if d.Model != "iPhone X (Global)" {
					t.Errorf("%s: model %q, want the demo's iPhone X", d.Mode, d.Model)
				}
				maxFlaps = max(maxFlaps, d.Stability.Flaps)
			}
			for _, c := range st.Host {
				t.Errorf("host condition in the demo: %+v", c)
			}
			continue
		case <-s.Done():
		case <-timeout:
			t.Fatal("the story did not finish")
		}
		break
	}
	for _, want := range []string{"normal/passcode-locked", "normal/pair-dialog-pending", "normal/trusted", "restore", "recovery", "dfu",
		"backup/preparing", "backup/waiting-for-passcode", "backup/working", "backup/slow", "backup/stalled", "backup/done"} {
		if !seen[want] {
			t.Errorf("the demo never showed %s (saw %v)", want, seen)
		}
	}
	if seen["usb-only"] {
		t.Error("the demo showed a usb-only phone: usbmuxd and the bus disagreed for too long")
	}
	if maxFlaps < 2 {
		t.Errorf("flaps peaked at %d, want the worn-cable part to count 2", maxFlaps)
	}
	return s
}
