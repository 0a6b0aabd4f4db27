package ui

import (
	"runtime"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"unstuck/device"
	"unstuck/device/fixture"
)

// flapStates are the states a phone on a failing cable produces: attached,
// gone, back, with a timeline that keeps growing.
func flapStates(n int) []device.State {
	out := make([]device.State, n)
	var events []device.Event
	for i := range out {
		at := now.Add(time.Duration(i) * 100 * time.Millisecond)
		d := fixture.IPhoneX(device.ModeNormal)
		d.Stability.Flaps = i / 2
		kind := device.EventAttached
		if i%2 == 1 {
			kind = device.EventDetached
		}
		events = append(events, device.Event{At: at, Kind: kind, Key: d.Key, Device: d.Name(), To: string(device.ModeNormal)})
		s := device.State{Seq: uint64(i + 1), Updated: at, Timeline: append([]device.Event(nil), events...)}
		if i%2 == 0 {
			s.Devices = []device.Device{d}
		} else {
			d.Stability.LastSeen = at
			s.Departed = []device.Device{d}
		}
		out[i] = s
	}
	return out
}

// firstTabAndGuide opens the first tab and the guide, each in a window at
// the designed size.
func firstTabAndGuide(t *testing.T) (*MainView, fyne.Window, *GuideView, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	view := NewMainView(false)
	w := test.NewTempWindow(t, view.Content())
	w.Resize(WindowSize)
	guide := NewGuideView()
	gw := test.NewTempWindow(t, guide.Content())
	gw.Resize(WindowSize)
	return view, w, guide, gw
}

// liveHeap is the heap in use after a full collection, in bytes.
func liveHeap() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// TestFlapStormKeepsMemoryFlat shows 60 states of a flapping phone to
// the whole first tab and to the guide. Each Apply used to cost about a
// megabyte that was never freed (every Refresh of a theme override cached
// a new set of font faces); the heap must now stay within a few megabytes
// of where it started, however many states arrive.
func TestFlapStormKeepsMemoryFlat(t *testing.T) {
	view, w, guide, gw := firstTabAndGuide(t)
	n := 60
	if raceDetector {
		n = 30 // still far past the leak's 1 GB, at a quarter of the time
	}
	states := flapStates(n)
	show := func(s device.State) { // as the app does: apply, then draw a frame
		view.Apply(s)
		guide.ApplyState(s, "")
		w.Canvas().Capture()
		gw.Canvas().Capture()
	}
	for _, s := range states[:20] { // warm up: fonts, renderers, images
		show(s)
	}
	before := liveHeap()
	for _, s := range states[20:] {
		show(s)
	}
	after := liveHeap()
	grew := (int64(after) - int64(before)) >> 20
	t.Logf("heap %d MB -> %d MB over %d states", before>>20, after>>20, len(states)-20)
	if grew > 8 {
		t.Errorf("the heap grew by %d MB over %d states of a flapping phone", grew, len(states)-20)
	}
}

// drawnTexts is every text that obj's renderers (the cached ones, as the
// painter uses them) hold now.
func drawnTexts(obj fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if !o.Visible() {
			return
		}
		switch x := o.(type) {
		case *canvas.Text:
			b.WriteString(x.Text + "\n")
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		}
	}
	walk(obj)
	return b.String()
}

// TestChangesAreDrawn: a view that skips redraws for states that change
// nothing on screen still draws every state that does, with no outside
// refresh: a new mode, a new count of drops, a phone leaving, the guide's
// live badge.
func TestChangesAreDrawn(t *testing.T) {
	view, w, guide, gw := firstTabAndGuide(t)

	normal := fixture.IPhoneX(device.ModeNormal)
	flapping := normal
	flapping.Stability.Flaps = 3
	recovery := fixture.IPhoneX(device.ModeRecovery)
	view.Card.Details.Technical.Open(0) // the boot stage is drawn in the open fold
	drawnTexts(w.Content())             // the first frame: every renderer exists from here on
	drawnTexts(gw.Content())
	for _, step := range []struct {
		name  string
		state device.State
		want  []string // drawn in the card
		badge string   // drawn in the guide's live badge
	}{
		{"normal", fixture.State(normal), []string{"Steady connection"}, "RUNNING NORMALLY"},
		{"the same again", fixture.State(normal), []string{"Steady connection"}, "RUNNING NORMALLY"},
		{"drops", fixture.State(flapping), []string{"Dropped 3 times"}, "RUNNING NORMALLY"},
		{"recovery", fixture.State(recovery), []string{"RECOVERY MODE", "iboot"}, "RECOVERY MODE"},
		{"gone", device.State{Seq: 9, Updated: now}, []string{"No iPhone found yet"}, "NO PHONE"},
	} {
		view.Apply(step.state)
		guide.ApplyState(step.state, "")
		drawn := drawnTexts(w.Content())
		for _, want := range step.want {
			if !strings.Contains(drawn, want) {
				t.Errorf("%s: %q is not drawn; drawn:\n%s", step.name, want, drawn)
			}
		}
		if g := drawnTexts(gw.Content()); !strings.Contains(g, step.badge) {
			t.Errorf("%s: the guide's badge does not draw %q", step.name, step.badge)
		}
	}
}
