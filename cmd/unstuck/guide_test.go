package main

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"unstuck/device"
	"unstuck/device/cue"
	"unstuck/device/procedure"
	"unstuck/device/watch"
)

// The guide tab follows the attached phone's family, and Start runs the
// engine, whose ticks reach the screen.
func TestGuideControllerStartsACountdown(t *testing.T) {
	w := watch.New(watch.Options{})
	heard := &heardCues{}
	player, err := cue.NewPlayer(heard, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer player.Close()
	g := newGuideController(w, nil, player, nil, test.NewTempApp(t).Preferences())
	test.NewTempWindow(t, g.Content())
	if !g.sound.Checked || player.Muted() {
		t.Fatal("sound cues start on")
	}
	g.kinds.SetSelected("DFU mode")
	g.Apply(device.State{Devices: []device.Device{{Key: "ecid:1", Mode: device.ModeRecovery, Family: "iphone7", Model: "iPhone 7 (Global)"}}})
	if !strings.Contains(g.view.Title.Text, "iPhone 7") || len(g.view.Steps) != 2 {
		t.Fatalf("title %q, %d steps; want the iPhone 7 DFU sequence", g.view.Title.Text, len(g.view.Steps))
	}
	test.Tap(g.view.Start)
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(g.view.Status.Text, "Get ready") {
		if time.Now().After(deadline) {
			t.Fatalf("no get-ready tick reached the screen; status %q", g.view.Status.Text)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if g.run == nil {
		t.Fatal("no run after Start")
	}
	waitFor(t, "the get-ready ticks heard", func() bool { return heard.count("tick.wav") > 0 })
	g.toggle() // Space: pause
	waitFor(t, "paused", func() bool { return strings.Contains(g.view.Status.Text, "Paused") })
	g.toggle() // Space: resume
	waitFor(t, "running again", func() bool { return !strings.Contains(g.view.Status.Text, "Paused") })
	ended := g.ended
	g.stop()
	<-ended
	test.Tap(g.sound)
	if !player.Muted() {
		t.Error("unticking Sound cues did not mute them")
	}
}

// Without a sound player the switch says so and cannot be ticked.
func TestGuideWithoutSound(t *testing.T) {
	test.NewTempApp(t)
	g := newGuideController(watch.New(watch.Options{}), nil, nil, errors.New("no sound player found"), nil)
	test.NewTempWindow(t, g.Content())
	if !g.sound.Disabled() || !strings.Contains(g.sound.Text, "unavailable") {
		t.Errorf("sound switch %q, disabled %v", g.sound.Text, g.sound.Disabled())
	}
}

// heardCues is a cue.Backend that notes what it was asked to play.
type heardCues struct {
	mu    sync.Mutex
	files []string
}

func (h *heardCues) Play(_ context.Context, path string) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.files = append(h.files, filepath.Base(path))
	return nil
}

func (h *heardCues) count(name string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	n := 0
	for _, f := range h.files {
		if f == name {
			n++
		}
	}
	return n
}

func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// A phone in recovery mode adds the assisted DFU entry; starting it hands
// the engine a restart for that phone, which it sends inside the first step.
func TestGuideOffersAssistedDFUInRecovery(t *testing.T) {
	test.NewTempApp(t)
	rebooted := make(chan string, 1)
	reboot := func(key string) func(context.Context) error {
		return func(context.Context) error { rebooted <- key; return errors.New("not this time") }
	}
	g := newGuideController(watch.New(watch.Options{}), reboot, nil, nil, nil)
	test.NewTempWindow(t, g.Content())
	normal := device.Device{Key: "ecid:1", Mode: device.ModeNormal, Family: "side", ProductType: "iPhone10,3"}
	g.Apply(device.State{Devices: []device.Device{normal}})
	if len(g.kinds.Options) != 3 {
		t.Fatalf("options in normal mode: %v", g.kinds.Options)
	}
	rec := normal
	rec.Mode = device.ModeRecovery
	g.Apply(device.State{Devices: []device.Device{rec}})
	if len(g.kinds.Options) != 4 {
		t.Fatalf("options in recovery mode: %v", g.kinds.Options)
	}
	g.kinds.SetSelected(assistedName)
	if !strings.Contains(g.view.Title.Text, "Unstuck helps") || len(g.view.Steps) != 2 {
		t.Fatalf("title %q with %d steps", g.view.Title.Text, len(g.view.Steps))
	}
	test.Tap(g.view.Start)
	select {
	case key := <-rebooted:
		if key != "ecid:1" {
			t.Errorf("restarted %q", key)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the assisted run never restarted the phone")
	}
	waitFor(t, "the failed restart on screen", func() bool { return g.run == nil })
	<-g.ended
	// The phone leaves recovery mode: the choice stays while it is chosen.
	g.Apply(device.State{Devices: []device.Device{normal}})
	if len(g.kinds.Options) != 4 {
		t.Errorf("the chosen assisted entry vanished")
	}
	// Unplugged: the assisted entry goes, DFU mode is chosen instead.
	g.Apply(device.State{})
	if len(g.kinds.Options) != 3 || g.kind != procedure.DFU || g.kinds.Selected != "DFU mode" {
		t.Errorf("options after the phone left: %v, kind %s", g.kinds.Options, g.kind)
	}
}

// Before a procedure whose way forward erases, the guide answers the
// backup question next to the risk.
func TestGuideShowsTheBackupBeforeDFU(t *testing.T) {
	test.NewTempApp(t)
	g := newGuideController(watch.New(watch.Options{}), nil, nil, nil, nil)
	g.backupNote = func() string { return "No backup of this phone was found on this computer." }
	test.NewTempWindow(t, g.Content())
	g.kinds.SetSelected("Force restart")
	if strings.Contains(g.view.Risk.Text, "backup") {
		t.Errorf("force restart risk: %q", g.view.Risk.Text)
	}
	g.kinds.SetSelected("DFU mode")
	if !strings.Contains(g.view.Risk.Text, "erases") || !strings.Contains(g.view.Risk.Text, "No backup of this phone") {
		t.Errorf("DFU risk: %q", g.view.Risk.Text)
	}
}

// Tapping the chosen procedure again keeps it chosen (a radio group that
// can be cleared would leave the screen showing a procedure nobody picked).
func TestGuideProcedureChoiceCannotBeCleared(t *testing.T) {
	test.NewTempApp(t)
	g := newGuideController(watch.New(watch.Options{}), nil, nil, nil, nil)
	test.NewTempWindow(t, g.Content())
	g.kinds.SetSelected("DFU mode")
	tapped := 0
	for _, item := range test.WidgetRenderer(g.kinds).Objects() {
		if tap, ok := item.(fyne.Tappable); ok {
			if tapped == 2 { // the third choice: DFU mode, already chosen
				test.Tap(tap)
			}
			tapped++
		}
	}
	if tapped < 3 {
		t.Fatalf("found %d radio items", tapped)
	}
	if g.kinds.Selected != "DFU mode" || g.kind != procedure.DFU {
		t.Errorf("after tapping the chosen one again: %q, kind %s", g.kinds.Selected, g.kind)
	}
}
