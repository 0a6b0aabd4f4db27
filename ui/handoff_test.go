package ui

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"unstuck/device"
	"unstuck/device/fixture"
	"unstuck/device/hostcheck"
	"unstuck/device/ladder"
)

// TestHandoffInRecoveryModeOnly: the first tab offers the hand-off while
// the phone is in recovery mode, and in no other mode.
func TestHandoffInRecoveryModeOnly(t *testing.T) {
	c, _ := newCard(t)
	c.Handoff.GOOS = "darwin"
	c.Handoff.SetChecks(nil)
	for _, m := range device.Modes() {
		c.Apply(fixture.State(fixture.IPhoneX(m)))
		if shown := c.handoffBox.Visible(); shown != (m == device.ModeRecovery) {
			t.Errorf("%s: hand-off shown %v", m, shown)
		}
	}
	c.Apply(fixture.State(fixture.IPhoneX(device.ModeRecovery)))
	if !c.Handoff.Button.Visible() || c.Handoff.Button.Text != "Open Finder" {
		t.Errorf("button %q shown %v", c.Handoff.Button.Text, c.Handoff.Button.Visible())
	}
	c.Apply(fixture.State())
	if c.handoffBox.Visible() {
		t.Error("the hand-off stays with no phone")
	}
}

// TestHandoffNamesTheTool: the button follows the system and its checks;
// Linux gets words instead of a button.
func TestHandoffNamesTheTool(t *testing.T) {
	test.NewTempApp(t)
	h := NewHandoff()
	test.NewTempWindow(t, h.Content())
	h.GOOS = "windows"
	h.SetChecks(nil)
	if h.Button.Visible() {
		t.Errorf("a PC not checked yet is offered %q", h.Button.Text)
	}
	h.SetChecks([]hostcheck.Check{{ID: "win.apple-devices", Status: hostcheck.OK, Manager: hostcheck.ManagerAppleDevices}})
	if !h.Button.Visible() || h.Button.Text != "Open Apple Devices" || !strings.Contains(h.Caption.String(), "What Apple Devices will ask") {
		t.Errorf("button %q shown %v, caption %q", h.Button.Text, h.Button.Visible(), h.Caption.String())
	}
	h.SetChecks([]hostcheck.Check{{ID: "win.itunes", Status: hostcheck.Fail}})
	if h.Button.Text != "Get Apple Devices from the Microsoft Store" {
		t.Errorf("a PC with neither: %q", h.Button.Text)
	}
	h.GOOS = "linux"
	h.SetChecks(nil)
	if h.Button.Visible() || !strings.Contains(h.Then.Text, "needs a Mac") {
		t.Errorf("Linux: button shown %v, words %q", h.Button.Visible(), h.Then.Text)
	}
}

// TestHandoffTapOpensTheTool: tapping runs the real launcher, here a fake
// "open" first in PATH that records its arguments, off the UI goroutine;
// the answer comes back through Post.
// Every screen in these tests, goldens included, offers the Mac's tool.
func init() { handoffSystem = "darwin" }

func TestHandoffTapOpensTheTool(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the fake launcher is a shell script")
	}
	dir := t.TempDir()
	log := filepath.Join(dir, "args")
	if err := os.WriteFile(filepath.Join(dir, "open"), []byte("#!/bin/sh\necho \"$@\" > '"+log+"'\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
	test.NewTempApp(t)
	q := NewQueue()
	h := NewHandoff()
	h.Post, h.GOOS = q.Post, "darwin"
	h.SetChecks([]hostcheck.Check{{ID: "mac.device-manager", Status: hostcheck.OK, Manager: hostcheck.ManagerITunes}})
	test.NewTempWindow(t, h.Content())
	test.Tap(h.Button)
	if !h.Button.Disabled() || h.Result.Text != "Opening iTunes..." {
		t.Errorf("while opening: disabled %v, %q", h.Button.Disabled(), h.Result.Text)
	}
	select {
	case <-q.Posted():
	case <-time.After(10 * time.Second):
		t.Fatal("the launcher never answered")
	}
	q.Drain()
	if b, _ := os.ReadFile(log); string(b) != "-a iTunes\n" {
		t.Errorf("open was run with %q", b)
	}
	if h.Button.Disabled() || h.Result.Text != "Asked the computer to open iTunes." {
		t.Errorf("after opening: disabled %v, %q", h.Button.Disabled(), h.Result.Text)
	}
}

// TestHandoffShowsTheDialog: the picture of the tool's question is there,
// Update marked as the one to choose and Restore as the one that erases,
// with the sentence about a long download (and no number of minutes).
func TestHandoffShowsTheDialog(t *testing.T) {
	test.NewTempApp(t)
	h := NewHandoff()
	test.NewTempWindow(t, h.Content())
	drawn := " " + strings.ReplaceAll(drawnTexts(h.Content()), "\n", " ")
	for _, want := range []string{"requires it to be updated or restored", " Cancel ", " Restore ", " Update ",
		"choose this: keeps your data", "erases the phone", "may leave recovery mode by itself"} {
		if !strings.Contains(drawn, want) {
			t.Errorf("the hand-off does not show %q:\n%s", want, drawn)
		}
	}
	if strings.Contains(h.Note.Text, "minute") {
		t.Errorf("a number of minutes without a source: %q", h.Note.Text)
	}
}

// TestHandoffGolden pins the hand-off as a Mac shows it.
func TestHandoffGolden(t *testing.T) {
	test.NewTempApp(t)
	test.ApplyTheme(t, test.Theme())
	h := NewHandoff()
	h.GOOS = "darwin"
	h.SetChecks(nil)
	w := test.NewTempWindow(t, h.Content())
	w.Resize(fyne.NewSize(560, 420))
	assertGolden(t, w, "handoff.png")
}

// TestHandoffGoldenInGerman pins the hand-off as a German PC without an
// Apple app shows it: the Store's button, the drawn question in German.
func TestHandoffGoldenInGerman(t *testing.T) {
	speak(t, "de")
	test.NewTempApp(t)
	test.ApplyTheme(t, test.Theme())
	h := NewHandoff()
	h.GOOS = "windows"
	h.SetChecks([]hostcheck.Check{{ID: "win.apple-devices", Status: hostcheck.Fail}})
	w := test.NewTempWindow(t, h.Content())
	w.Resize(fyne.NewSize(560, 460))
	assertGolden(t, w, "handoff-de.png")
}

// TestLadderHandoffOnTheRecoveryStep: the hand-off sits in the recovery
// step's row while it is Now, and leaves when it is not.
func TestLadderHandoffOnTheRecoveryStep(t *testing.T) {
	test.NewTempApp(t)
	v := NewLadderView()
	test.NewTempWindow(t, v.Content())
	holds := func() (n int, in string) {
		for _, r := range v.Rows {
			if len(r.Extra.Objects) > 0 && r.Extra.Objects[0] == v.Handoff.Content() {
				n, in = n+1, r.Step.ID
			}
		}
		return n, in
	}
	st := device.State{Devices: []device.Device{{Key: "k", Mode: device.ModeRecovery}}}
	v.Apply(ladder.Evaluate(ladder.Input{State: st, Now: time.Now()}))
	if n, in := holds(); n != 1 || in != ladder.StepRecovery {
		t.Errorf("in recovery mode the hand-off is in %d rows (%s)", n, in)
	}
	st.Devices[0].Mode = device.ModeNormal
	v.Apply(ladder.Evaluate(ladder.Input{State: st, Now: time.Now()}))
	if n, in := holds(); n != 0 {
		t.Errorf("in normal mode the hand-off is in %s", in)
	}
}
