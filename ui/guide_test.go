package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"unstuck/device"
	"unstuck/device/catalog"
	"unstuck/device/fixture"
	"unstuck/device/guide"
	"unstuck/device/procedure"
	"unstuck/device/tr"
)

// newGuide makes a guide screen at the designed size showing a procedure.
func newGuide(t *testing.T, f catalog.Family, k procedure.Kind, model string) (*GuideView, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	g := NewGuideView()
	w := test.NewTempWindow(t, g.Content())
	w.Resize(WindowSize)
	p, ok := procedure.For(f, k)
	if !ok {
		t.Fatalf("no %s procedure for %s", k, f)
	}
	g.SetProcedure(p, model)
	return g, w
}

// stepTick is a tick in step i with left time to go.
func stepTick(i int, left time.Duration) guide.Tick {
	return guide.Tick{Phase: guide.PhaseStep, Step: i, StepLeft: left, Elapsed: 8 * time.Second, Total: 29 * time.Second}
}

func TestGuideBeforeStart(t *testing.T) {
	g, _ := newGuide(t, catalog.Side, procedure.DFU, "iPhone 16 Pro")
	p, _ := procedure.For(catalog.Side, procedure.DFU)
	if !strings.Contains(g.Title.Text, "DFU mode") || !strings.Contains(g.Title.Text, "iPhone 16 Pro") {
		t.Errorf("title %q", g.Title.Text)
	}
	if !strings.Contains(g.Family.Text, catalog.Side.Describe().String()) {
		t.Errorf("family %q", g.Family.Text)
	}
	if g.Risk.Text != p.Risk.String() || !strings.Contains(g.Risk.Text, "erases the phone") || !g.Risk.Visible() {
		t.Errorf("risk %q", g.Risk.Text)
	}
	if len(g.Warnings) != len(p.Warnings) || len(g.Warnings) == 0 {
		t.Fatalf("%d warnings, want %d", len(g.Warnings), len(p.Warnings))
	}
	for i, w := range g.Warnings {
		if w.Text != p.Warnings[i].String() || !w.Visible() {
			t.Errorf("warning %d %q", i, w.Text)
		}
	}
	if len(g.Steps) != 5 {
		t.Fatalf("%d steps", len(g.Steps))
	}
	for i, s := range g.Steps {
		if s.Text != p.Steps[i].Say.String() || !s.Visible() || s.TextStyle.Bold {
			t.Errorf("step %d %q bold %v", i, s.Text, s.TextStyle.Bold)
		}
	}
	if got := g.Details[2].String(); got != "Hold 10 s: side button, until the screen goes black" {
		t.Errorf("step 3 detail %q", got)
	}
	if !g.Start.Visible() || g.Start.Disabled() || g.Pause.Visible() || g.TryAgain.Visible() || g.run.Visible() {
		t.Error("before the start only Start shows")
	}
	if g.Current() != -1 || len(g.Phone.Active) != 0 {
		t.Error("a step is highlighted before the start")
	}
	if g.Phone.Label(ActionButton) != "not this one" || !g.Phone.ActionButton || !g.Phone.CameraControl {
		t.Error("an iPhone 16 Pro is drawn without its Action button and Camera Control")
	}
}

func TestGuideTicks(t *testing.T) {
	g, _ := newGuide(t, catalog.Side, procedure.DFU, "iPhone X (Global)")
	g.ApplyTick(guide.Tick{Phase: guide.PhaseGetReady, Step: -1, StepLeft: 2100 * time.Millisecond, Total: 29 * time.Second})
	if g.Status.Text != "Get ready…" || g.Countdown.Text != "3" || !g.Pause.Visible() || g.Start.Visible() {
		t.Errorf("get ready: status %q countdown %q", g.Status.Text, g.Countdown.Text)
	}
	if g.Current() != -1 || g.intro.Visible() {
		t.Error("get ready highlights a step or shows the intro")
	}

	g.ApplyTick(stepTick(3, 4200*time.Millisecond))
	if g.Countdown.Text != "5" || g.Countdown.TextSize < 80 || !g.Countdown.Visible() {
		t.Errorf("countdown %q at %v", g.Countdown.Text, g.Countdown.TextSize)
	}
	if g.Say.Text != "Keep holding the side button and also hold Volume Down" || g.See.Text == "" {
		t.Errorf("say %q see %q", g.Say.Text, g.See.Text)
	}
	if g.Current() != 3 || !g.Steps[3].TextStyle.Bold || g.Steps[2].TextStyle.Bold {
		t.Errorf("highlighted step %d", g.Current())
	}
	if g.Progress.Value != 8 || g.Progress.Max != 29 {
		t.Errorf("progress %v of %v", g.Progress.Value, g.Progress.Max)
	}
	// Later ticks of the same step move only the numeral and the bar (in
	// quarter seconds).
	later := stepTick(3, 2900*time.Millisecond)
	later.Elapsed = 9360 * time.Millisecond
	g.ApplyTick(later)
	if g.Countdown.Text != "3" || g.Progress.Value != 9.25 || g.Current() != 3 {
		t.Errorf("same step later: countdown %q, progress %v, step %d", g.Countdown.Text, g.Progress.Value, g.Current())
	}
	g.ApplyTick(stepTick(3, 4200*time.Millisecond))
	for b, want := range map[procedure.Button]string{
		procedure.Side: "hold", procedure.VolumeDown: "hold", procedure.VolumeUp: "", ActionButton: "not this one",
	} {
		if got := g.Phone.Label(b); got != want {
			t.Errorf("phone %s: %q, want %q", b, got, want)
		}
	}
	if !g.Phone.Dark {
		t.Error("step 4: the screen stays black, but the drawing is lit")
	}
	g.ApplyTick(stepTick(0, 300*time.Millisecond))
	if g.Phone.Dark {
		t.Error("step 1: the phone is still running, but the drawing is dark")
	}
	if g.Phone.Label(procedure.VolumeUp) != "press" || g.Phone.Label(procedure.Side) != "" || g.Countdown.Text != "1" {
		t.Errorf("step 1: volume up %q, side %q, countdown %q", g.Phone.Label(procedure.VolumeUp), g.Phone.Label(procedure.Side), g.Countdown.Text)
	}

	paused := stepTick(3, 4200*time.Millisecond)
	paused.Paused = true
	g.ApplyTick(paused)
	if g.Pause.Text != "Resume" || !strings.HasPrefix(g.Status.Text, "Paused") || g.Countdown.Text != "5" {
		t.Errorf("paused: button %q status %q", g.Pause.Text, g.Status.Text)
	}
	g.ApplyTick(stepTick(3, 4*time.Second))
	if g.Pause.Text != "Pause" {
		t.Errorf("resumed: button %q", g.Pause.Text)
	}

	g.ApplyTick(guide.Tick{Phase: guide.PhaseWaiting, Step: 4, StepLeft: 7 * time.Second, Elapsed: 29 * time.Second, Total: 29 * time.Second})
	if g.Status.Text != "Waiting for the phone to show up…" || g.Current() != -1 || len(g.Phone.Active) != 0 {
		t.Errorf("waiting: status %q", g.Status.Text)
	}
}

func TestGuideVerdicts(t *testing.T) {
	for v, want := range map[guide.Verdict]string{
		guide.DFUReached:      "DFU mode",
		guide.RecoveryReached: "recovery mode",
		guide.RecoveryInstead: "recovery mode instead of DFU",
		guide.BootedNormally:  "started up normally",
		guide.Restarted:       "restarted",
		guide.NoReconnect:     "did not show up",
		guide.NeverRestarted:  "never restarted",
		guide.PhoneAppeared:   "A phone appeared, in recovery mode",
		guide.AlreadyInMode:   "already in that mode",
		guide.Cancelled:       "Stopped",
	} {
		t.Run(string(v), func(t *testing.T) {
			g, _ := newGuide(t, catalog.Side, procedure.DFU, "")
			g.ApplyTick(guide.Tick{Phase: guide.PhaseDone, Verdict: v, Observed: tr.Raw("came back in recovery mode"), Mode: device.ModeRecovery, Total: 29 * time.Second})
			if !strings.Contains(g.Verdict.Text, want) || !g.done.Visible() || g.run.Visible() {
				t.Errorf("verdict %q, want it to hold %q", g.Verdict.Text, want)
			}
			if g.Advice.Text != v.Advice().String() || g.Advice.Visible() != !v.Advice().IsZero() {
				t.Errorf("advice %q", g.Advice.Text)
			}
			if g.Observed.Text != "What the phone did: came back in recovery mode" {
				t.Errorf("observed %q", g.Observed.Text)
			}
			if !g.TryAgain.Visible() || g.Pause.Visible() || g.Start.Visible() {
				t.Error("after a verdict only Try again shows")
			}
		})
	}
}

func TestGuideButtons(t *testing.T) {
	g, w := newGuide(t, catalog.Side, procedure.ForceRestart, "")
	var got []string
	g.OnStart = func() { got = append(got, "start") }
	g.OnPause = func() { got = append(got, "pause") }
	g.OnResume = func() { got = append(got, "resume") }
	g.OnTryAgain = func() { got = append(got, "again") }
	settle(w)
	test.Tap(g.Start)
	g.ApplyTick(stepTick(0, time.Second))
	test.Tap(g.Pause)
	paused := stepTick(0, time.Second)
	paused.Paused = true
	g.ApplyTick(paused)
	test.Tap(g.Pause)
	g.ApplyTick(guide.Tick{Phase: guide.PhaseDone, Verdict: guide.Restarted})
	test.Tap(g.TryAgain)
	if strings.Join(got, ",") != "start,pause,resume,again" {
		t.Errorf("callbacks %v", got)
	}
}

func TestGuideFamilyPicker(t *testing.T) {
	g, _ := newGuide(t, catalog.Side, procedure.Recovery, "")
	if !g.pickerBox.Visible() || len(g.Picker.Options) != 4 {
		t.Fatalf("picker shown %v with %d options", g.pickerBox.Visible(), len(g.Picker.Options))
	}
	var chosen []catalog.Family
	g.OnFamily = func(f catalog.Family) { chosen = append(chosen, f) }
	if want := "iPhone 8, SE (2nd gen) and later"; g.Picker.Options[0] != want || g.Picker.Selected != want {
		t.Errorf("picker options %q, selected %q: want the side-button family's phones, %q", g.Picker.Options, g.Picker.Selected, want)
	}
	g.Picker.SetSelected("iPhone SE (1st gen), 5s and earlier")
	if len(chosen) != 1 || chosen[0] != catalog.HomeTop {
		t.Errorf("OnFamily got %v", chosen)
	}
	p, _ := procedure.For(catalog.HomeTop, procedure.Recovery)
	g.SetProcedure(p, "")
	if len(chosen) != 1 {
		t.Errorf("SetProcedure called OnFamily: %v", chosen)
	}
	g.ApplyState(fixture.State(fixture.IPhoneX(device.ModeRecovery)), "")
	if g.pickerBox.Visible() || g.Mode.Text != "RECOVERY MODE" || g.ModeLine.Text != "iPhone X (Global)" || g.ModeColour() != modeColour(device.ModeRecovery) {
		t.Errorf("attached: picker %v, badge %q %q", g.pickerBox.Visible(), g.Mode.Text, g.ModeLine.Text)
	}
	unsteady := fixture.IPhoneX(device.ModeNormal)
	unsteady.Stability.Flaps = device.UnsteadyDrops - 1
	g.ApplyState(fixture.State(unsteady), "")
	if g.ModeColour() != modeColour(device.ModeNormal) {
		t.Errorf("%d drops a minute: badge %v, want normal mode's colour", unsteady.Stability.Flaps, g.ModeColour())
	}
	unsteady.Stability.Flaps = device.UnsteadyDrops
	g.ApplyState(fixture.State(unsteady), "")
	if _, _, _, card := badgeWords(unsteady); g.ModeColour() != colourRecovery || g.ModeColour() != card || g.Mode.Text != "RUNNING NORMALLY" {
		t.Errorf("%d drops a minute: badge %q %v, want the first tab's amber", unsteady.Stability.Flaps, g.Mode.Text, g.ModeColour())
	}
	g.ApplyState(fixture.State(), "")
	if g.Mode.Text != "NO PHONE" || !g.pickerBox.Visible() {
		t.Errorf("detached: badge %q picker %v", g.Mode.Text, g.pickerBox.Visible())
	}
}

func TestGuidePhoneFamilies(t *testing.T) {
	test.NewTempApp(t)
	p := NewPhoneDrawing()
	p.SetButtons(catalog.HomeTop, []procedure.Button{procedure.Top, procedure.Home}, "hold", false, false)
	if p.Label(procedure.Top) != "hold" || p.Label(procedure.Home) != "hold" || p.Label(procedure.VolumeDown) != "" {
		t.Error("home-top labels")
	}
	r := test.WidgetRenderer(p).(*phoneRenderer)
	var seen []procedure.Button
	for _, pt := range r.parts {
		seen = append(seen, pt.button)
	}
	if got := len(seen); got != 5 || seen[0] != procedure.Top {
		t.Errorf("home-top parts %v", seen)
	}
	p.SetButtons(catalog.Side, nil, "", true, true)
	if n := len(r.parts); n != 5 || r.parts[0].button != ActionButton || r.parts[4].button != CameraControl {
		t.Errorf("side parts %v", r.parts)
	}
}

// TestGuideGoldens pins one step of each family. After a deliberate design
// change, review testdata/failed/guide/*.png and move them into testdata/guide/.
func TestGuideGoldens(t *testing.T) {
	for _, tc := range []struct {
		family catalog.Family
		model  string
		step   int
	}{
		{catalog.Side, "iPhone 16 Pro", 3},
		{catalog.IPhone7, "iPhone 7 (Global)", 0},
		{catalog.HomeSide, "iPhone 6s", 1},
		{catalog.HomeTop, "iPhone 5s (GSM)", 0},
	} {
		t.Run(string(tc.family), func(t *testing.T) {
			test.NewTempApp(t)
			test.ApplyTheme(t, test.Theme())
			g := NewGuideView()
			w := test.NewTempWindow(t, g.Content())
			w.Resize(WindowSize)
			p, _ := procedure.For(tc.family, procedure.DFU)
			g.SetProcedure(p, tc.model)
			g.ApplyTick(stepTick(tc.step, 4200*time.Millisecond))
			assertGolden(t, w, "guide/"+string(tc.family)+".png")
		})
	}
}

// TestGuideScreens pins the guide in the real theme: counting, before a
// start, and a press step.
func TestGuideScreens(t *testing.T) {
	test.NewTempApp(t)
	test.ApplyTheme(t, theme.DefaultTheme())
	g := NewGuideView()
	w := test.NewTempWindow(t, g.Content())
	w.Resize(WindowSize)
	p, _ := procedure.For(catalog.Side, procedure.DFU)
	g.SetProcedure(p, "iPhone 16 Pro")
	g.ApplyState(fixture.State(fixture.IPhoneX(device.ModeRecovery)), "")
	g.ApplyTick(stepTick(3, 4200*time.Millisecond))
	assertGolden(t, w, "screens/guide-dfu.png")
	g.SetProcedure(p, "")
	g.ApplyState(fixture.State(), "")
	assertGolden(t, w, "screens/guide-intro.png")
	g.ApplyTick(stepTick(0, 300*time.Millisecond))
	assertGolden(t, w, "screens/guide-press.png")
}
