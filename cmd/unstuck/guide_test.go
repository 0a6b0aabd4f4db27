package main

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"unstuck/device"
)

// The guide tab follows the attached phone's family, and Start runs the
// engine, whose ticks reach the screen.
func TestGuideControllerStartsACountdown(t *testing.T) {
	test.NewTempApp(t)
	w := device.NewWatcher(device.Options{})
	g := newGuideController(w)
	win := test.NewTempWindow(t, g.Content())
	_ = win
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
	g.toggle() // Space: pause
	waitFor(t, "paused", func() bool { return strings.Contains(g.view.Status.Text, "Paused") })
	g.toggle() // Space: resume
	waitFor(t, "running again", func() bool { return !strings.Contains(g.view.Status.Text, "Paused") })
	g.stop()
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
