package ui

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
	"fyne.io/fyne/v2/widget"

	"unstuck/device"
	"unstuck/device/activity"
	"unstuck/device/cue"
	"unstuck/device/fixture"
	"unstuck/device/procedure"
	"unstuck/device/watch"
)

// drainUntil runs what background work posts, on the test's goroutine,
// until ok holds: widgets are touched by this goroutine only.
func drainUntil(t *testing.T, q *Queue, what string, ok func() bool) {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		q.Drain()
		if ok() {
			return
		}
		select {
		case <-q.Posted():
		case <-timeout:
			t.Fatalf("waiting for %s", what)
		}
	}
}

// newTestGuide makes the guide tab over a real watcher with no sources.
func newTestGuide(t *testing.T, o GuideTabOptions) (*GuideTab, *Queue) {
	t.Helper()
	q := NewQueue()
	o.Phones, o.Post = watch.New(watch.Options{}), q.Post
	g := NewGuideTab(o)
	test.NewTempWindow(t, g.Content())
	return g, q
}

// The guide tab follows the attached phone's family, and Start runs the
// engine, whose ticks reach the screen.
func TestGuideTabStartsACountdown(t *testing.T) {
	heard := &heardCues{}
	player, err := cue.NewPlayer(heard, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer player.Close()
	g, q := newTestGuide(t, GuideTabOptions{Sounds: player, Prefs: test.NewTempApp(t).Preferences()})
	if !g.Sound.Checked || player.Muted() {
		t.Fatal("sound cues start on")
	}
	g.Kinds.SetSelected(procedure.DFU.Name().String())
	g.Apply(device.State{Devices: []device.Device{{Key: "ecid:1", Mode: device.ModeRecovery, Family: "iphone7", Model: "iPhone 7 (Global)"}}}, "")
	if !strings.Contains(g.View.Title.Text, "iPhone 7") || len(g.View.Steps) != 2 {
		t.Fatalf("title %q, %d steps; want the iPhone 7 DFU sequence", g.View.Title.Text, len(g.View.Steps))
	}
	test.Tap(g.View.Start)
	if !g.Running() {
		t.Fatal("no run after Start")
	}
	drainUntil(t, q, "a get-ready tick on screen", func() bool { return strings.Contains(g.View.Status.Text, "Get ready") })
	drainUntil(t, q, "the get-ready ticks heard", func() bool { return heard.count("tick.wav") > 0 })
	g.Toggle() // Space: pause
	drainUntil(t, q, "paused", func() bool { return strings.Contains(g.View.Status.Text, "Paused") })
	g.Toggle() // Space: resume
	drainUntil(t, q, "running again", func() bool { return !strings.Contains(g.View.Status.Text, "Paused") })
	ended := g.Ended()
	g.Stop()
	<-ended
	q.Drain()
	test.Tap(g.Sound)
	if !player.Muted() {
		t.Error("unticking Sound cues did not mute them")
	}
}

// Without a sound player the switch says so and cannot be ticked.
func TestGuideWithoutSound(t *testing.T) {
	test.NewTempApp(t)
	g, _ := newTestGuide(t, GuideTabOptions{NoSound: errors.New("no sound player found")})
	if !g.Sound.Disabled() || !strings.Contains(g.Sound.Text, "unavailable") {
		t.Errorf("sound switch %q, disabled %v", g.Sound.Text, g.Sound.Disabled())
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

// A phone in recovery mode adds the assisted DFU entry; starting it hands
// the engine a restart for that phone, which it sends inside the first step.
func TestGuideOffersAssistedDFUInRecovery(t *testing.T) {
	test.NewTempApp(t)
	rebooted := make(chan string, 1)
	restart := func(key string) func(context.Context) error {
		return func(context.Context) error { rebooted <- key; return errors.New("not this time") }
	}
	g, q := newTestGuide(t, GuideTabOptions{Restart: restart})
	normal := device.Device{Key: "ecid:1", Mode: device.ModeNormal, Family: "side", ProductType: "iPhone10,3"}
	g.Apply(device.State{Devices: []device.Device{normal}}, "")
	if len(g.Kinds.Options) != 3 {
		t.Fatalf("options in normal mode: %v", g.Kinds.Options)
	}
	rec := normal
	rec.Mode = device.ModeRecovery
	g.Apply(device.State{Devices: []device.Device{rec}}, "")
	if len(g.Kinds.Options) != 4 {
		t.Fatalf("options in recovery mode: %v", g.Kinds.Options)
	}
	g.Kinds.SetSelected(procedure.AssistedDFU.Name().String())
	if !strings.Contains(g.View.Title.Text, "Unstuck helps") || len(g.View.Steps) != 2 {
		t.Fatalf("title %q with %d steps", g.View.Title.Text, len(g.View.Steps))
	}
	test.Tap(g.View.Start)
	select {
	case key := <-rebooted:
		if key != "ecid:1" {
			t.Errorf("restarted %q", key)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the assisted run never restarted the phone")
	}
	drainUntil(t, q, "the failed restart on screen", func() bool { return !g.Running() })
	<-g.Ended()
	// The phone leaves recovery mode: the choice stays while it is chosen.
	g.Apply(device.State{Devices: []device.Device{normal}}, "")
	if len(g.Kinds.Options) != 4 {
		t.Errorf("the chosen assisted entry vanished")
	}
	// Unplugged: the assisted entry goes, DFU mode is chosen instead.
	g.Apply(device.State{}, "")
	if len(g.Kinds.Options) != 3 || g.kind != procedure.DFU || g.Kinds.Selected != procedure.DFU.Name().String() {
		t.Errorf("options after the phone left: %v, kind %s", g.Kinds.Options, g.kind)
	}
}

// With two phones the guide speaks of the one on show.
func TestGuideFollowsTheFocus(t *testing.T) {
	test.NewTempApp(t)
	g, _ := newTestGuide(t, GuideTabOptions{})
	s := device.State{Devices: []device.Device{
		{Key: "a", Mode: device.ModeNormal, Family: "side", ProductType: "iPhone10,3", Model: "iPhone X (Global)"},
		{Key: "b", Mode: device.ModeRecovery, Family: "home-side", ProductType: "iPhone8,1", Model: "iPhone 6s"}}}
	g.Apply(s, "b")
	if !strings.Contains(g.View.Title.Text, "iPhone 6s") || g.View.Mode.Text != "RECOVERY MODE" {
		t.Errorf("focus on b: title %q, badge %q", g.View.Title.Text, g.View.Mode.Text)
	}
	g.Apply(s, "a")
	if !strings.Contains(g.View.Title.Text, "iPhone X") {
		t.Errorf("focus on a: title %q", g.View.Title.Text)
	}
}

// Before a procedure whose way forward erases, the guide answers the
// backup question next to the risk.
func TestGuideShowsTheBackupBeforeDFU(t *testing.T) {
	test.NewTempApp(t)
	g, _ := newTestGuide(t, GuideTabOptions{})
	g.BackupNote = func() string { return "No backup of this phone was found on this computer." }
	g.Kinds.SetSelected(procedure.ForceRestart.Name().String())
	if strings.Contains(g.View.Risk.Text, "backup") {
		t.Errorf("force restart risk: %q", g.View.Risk.Text)
	}
	g.Kinds.SetSelected(procedure.DFU.Name().String())
	if !strings.Contains(g.View.Risk.Text, "erases") || !strings.Contains(g.View.Risk.Text, "No backup of this phone") {
		t.Errorf("DFU risk: %q", g.View.Risk.Text)
	}
}

// Tapping the chosen procedure again keeps it chosen (a radio group that
// can be cleared would leave the screen showing a procedure nobody picked).
func TestGuideProcedureChoiceCannotBeCleared(t *testing.T) {
	test.NewTempApp(t)
	g, _ := newTestGuide(t, GuideTabOptions{})
	g.Kinds.SetSelected(procedure.DFU.Name().String())
	tapped := 0
	for _, item := range test.WidgetRenderer(g.Kinds).Objects() {
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
	if g.Kinds.Selected != procedure.DFU.Name().String() || g.kind != procedure.DFU {
		t.Errorf("after tapping the chosen one again: %q, kind %s", g.Kinds.Selected, g.kind)
	}
}

// A force restart started with no phone attached: a phone that then
// appears, in DFU mode, ends the run with that as its verdict, and the
// verdict stays on screen while the screens follow the phone, until the
// user dismisses it.
func TestGuideVerdictStaysWhenAPhoneAppears(t *testing.T) {
	test.NewTempApp(t)
	usb := &fixture.USB{}
	w := watch.New(watch.Options{USB: usb, USBPoll: 20 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() { _ = w.Run(ctx) }()
	<-w.Ready()
	q := NewQueue()
	g := NewGuideTab(GuideTabOptions{Phones: w, Post: q.Post})
	test.NewTempWindow(t, g.Content())
	g.Kinds.SetSelected(procedure.ForceRestart.Name().String())
	g.Apply(w.State(), "")
	test.Tap(g.View.Start)
	drainUntil(t, q, "the countdown", func() bool { return strings.Contains(g.View.Status.Text, "Get ready") })
	usb.Set([]device.USBDevice{fixture.IPhoneXOnUSB(device.ModeDFU)}, nil)
	w.Poke()
	drainUntil(t, q, "the verdict", func() bool { return !g.Running() && g.View.ShowingVerdict() })
	if !strings.Contains(g.View.Verdict.Text, "A phone appeared, in DFU mode") {
		t.Errorf("verdict %q", g.View.Verdict.Text)
	}
	for range 4 { // the screens follow the new phone, for 2 s
		g.Apply(w.State(), "")
		q.Drain()
		time.Sleep(500 * time.Millisecond)
	}
	if !g.View.ShowingVerdict() || !g.View.TryAgain.Visible() {
		t.Fatal("the verdict vanished without being dismissed")
	}
	test.Tap(g.View.TryAgain)
	if g.View.ShowingVerdict() || !g.View.Start.Visible() || g.View.Mode.Text != "DFU MODE" {
		t.Errorf("after Try again: verdict shown %v, badge %q", g.View.ShowingVerdict(), g.View.Mode.Text)
	}
}

// During an update the guide first says to wait: Start is the second
// choice, with the caution beside the risk; when the update ends the
// usual screen comes back.
func TestGuideCautionsDuringAnUpdate(t *testing.T) {
	test.NewTempApp(t)
	g, _ := newTestGuide(t, GuideTabOptions{})
	g.Kinds.SetSelected(procedure.ForceRestart.Name().String())
	p, _ := procedure.For("side", procedure.ForceRestart)
	g.Apply(device.State{Devices: []device.Device{fixture.IPhoneX(device.ModeRestore)}}, "")
	if !g.View.Wait.Visible() || g.View.Wait.Text != p.DuringUpdate.Wait.String() || !strings.Contains(g.View.Wait.Text, "wait") {
		t.Errorf("wait %q, shown %v", g.View.Wait.Text, g.View.Wait.Visible())
	}
	if !strings.HasPrefix(g.View.Risk.Text, p.DuringUpdate.Caution.String()) || !strings.Contains(g.View.Risk.Text, "recovery loop") {
		t.Errorf("risk %q", g.View.Risk.Text)
	}
	if g.View.Start.Importance != widget.MediumImportance || g.View.Start.Text != "Start anyway" {
		t.Errorf("Start %q importance %v during an update", g.View.Start.Text, g.View.Start.Importance)
	}
	g.Apply(device.State{Devices: []device.Device{fixture.IPhoneX(device.ModeNormal)}}, "")
	if g.View.Wait.Visible() || g.View.Start.Importance != widget.HighImportance || g.View.Risk.Text != p.Risk.String() {
		t.Errorf("after the update: wait shown %v, Start importance %v, risk %q", g.View.Wait.Visible(), g.View.Start.Importance, g.View.Risk.Text)
	}
}

// While the phone on show backs up (a real tracker over its backup
// folder), the guide first says to wait for the backup; when the backup
// is done, Start is the first choice again.
func TestGuideCautionsDuringABackup(t *testing.T) {
	test.NewTempApp(t)
	g, _ := newTestGuide(t, GuideTabOptions{})
	g.Kinds.SetSelected(procedure.ForceRestart.Name().String())
	p, _ := procedure.For("side", procedure.ForceRestart)
	d := fixture.IPhoneX(device.ModeNormal)
	s := fixture.State(d)
	g.Apply(s, "")
	if g.View.Wait.Visible() || g.View.Start.Text != "Start" {
		t.Fatalf("before the backup: wait %q, Start %q", g.View.Wait.Text, g.View.Start.Text)
	}
	g.ApplyActivity(activity.NewTracker([]string{backingUp(t, d)}, nil).For(s))
	if !g.View.Wait.Visible() || g.View.Wait.Text != p.DuringBackup.Wait.String() || !strings.Contains(g.View.Wait.Text, "A backup is running") {
		t.Errorf("wait %q, shown %v", g.View.Wait.Text, g.View.Wait.Visible())
	}
	if !strings.HasPrefix(g.View.Risk.Text, p.DuringBackup.Caution.String()) || g.View.Start.Text != "Start anyway" || g.View.Start.Importance != widget.MediumImportance {
		t.Errorf("risk %q, Start %q (%v)", g.View.Risk.Text, g.View.Start.Text, g.View.Start.Importance)
	}
	g.Apply(s, "") // a new State with the backup still moving keeps the caution
	if !g.View.Wait.Visible() {
		t.Error("the caution went with a new State")
	}
	g.ApplyActivity(map[string]activity.Activity{d.Key: {Kind: activity.KindBackup, State: activity.StateDone}})
	if g.View.Wait.Visible() || g.View.Start.Text != "Start" || g.View.Risk.Text != p.Risk.String() {
		t.Errorf("after the backup: wait shown %v, Start %q, risk %q", g.View.Wait.Visible(), g.View.Start.Text, g.View.Risk.Text)
	}
}
