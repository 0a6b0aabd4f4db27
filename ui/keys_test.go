package ui

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"unstuck/device"
	"unstuck/device/action"
	"unstuck/device/fixture"
	"unstuck/device/tr"
)

// TestKeys: Ctrl+1..4 open the tabs, F1 opens help, Space runs the guide
// only while no control has the focus, and Ctrl+Q asks first while the
// guide counts.
func TestKeys(t *testing.T) {
	s, w, q := newScreensQ(t)
	helped := 0
	s.Keys(w, func() { helped++ })
	closed := false
	w.SetOnClosed(func() { closed = true })
	s.Apply(fixture.State(fixture.IPhoneX(device.ModeRecovery)))
	// The test canvas hides its shortcut handler behind the software
	// canvas it embeds (an exported field): the shortcuts reach it there,
	// as the GL driver's keys do.
	handler := reflect.ValueOf(w.Canvas()).Elem().FieldByName("WindowlessCanvas").Interface().(fyne.Shortcutable)
	shortcut := func(k fyne.KeyName) {
		handler.TypedShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault})
	}
	key := func(k fyne.KeyName) { w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: k}) }

	for i, k := range []fyne.KeyName{fyne.Key4, fyne.Key3, fyne.Key1, fyne.Key2} {
		shortcut(k)
		if want := []int{TabComputer, TabLadder, TabNow, TabGuide}[i]; s.Tabs.SelectedIndex() != want {
			t.Errorf("Ctrl+%s opened tab %d, want %d", k, s.Tabs.SelectedIndex(), want)
		}
	}
	key(fyne.KeyF1)
	if helped != 1 {
		t.Errorf("F1 opened help %d times", helped)
	}

	w.Canvas().Focus(s.Guide.View.Start) // a focused button takes Space itself
	if w.Canvas().Focused() == nil {
		t.Fatal("no focus")
	}
	key(fyne.KeySpace)
	if s.Guide.Running() {
		t.Fatal("Space started the guide while a button had the focus")
	}
	w.Canvas().Unfocus()
	key(fyne.KeySpace)
	if !s.Guide.Running() {
		t.Fatal("Space did not start the guide")
	}

	shortcut(fyne.KeyQ)
	if closed || s.Confirming == nil {
		t.Fatalf("Ctrl+Q while the guide counts: closed %v, asked %v", closed, s.Confirming != nil)
	}
	s.Confirming.Hide() // "Keep going"
	if closed {
		t.Fatal("the window closed on Keep going")
	}
	ended := s.Guide.Ended()
	s.Guide.Stop()
	drainUntil(t, q, "the run ended", func() bool {
		select {
		case <-ended:
			return true
		default:
			return false
		}
	})
	shortcut(fyne.KeyQ)
	if !closed {
		t.Error("Ctrl+Q with no guide running did not close the window")
	}
}

// Closing the window while a phone action runs asks first, in the
// action's own words, as during the guide's countdown; once the action has
// ended the window closes at once.
func TestCloseAsksWhileAnActionRuns(t *testing.T) {
	s, w, q := newScreensQ(t)
	closed := false
	w.SetOnClosed(func() { closed = true })
	release := make(chan struct{})
	s.Actions.o.Do = func(context.Context, action.Action, device.Device) error { <-release; return nil }
	s.Actions.Run(action.ExitRecovery, fixture.IPhoneX(device.ModeRecovery))
	s.Close(w)
	if closed || s.Confirming == nil {
		t.Fatalf("closing while the phone leaves recovery mode: closed %v, asked %v", closed, s.Confirming != nil)
	}
	if said := drawnTexts(w.Canvas().Overlays().Top()); !strings.Contains(said, "Quit while the phone restarts?") || !strings.Contains(said, "leave recovery mode") {
		t.Errorf("the question says:\n%s", said)
	}
	s.Confirming.Hide() // "Keep going"
	close(release)
	drainUntil(t, q, "the action ended", func() bool { _, busy := s.Actions.Running(); return !busy })
	s.Confirming = nil
	s.Close(w)
	if !closed || s.Confirming != nil {
		t.Errorf("closing after the action ended: closed %v, asked %v", closed, s.Confirming != nil)
	}
}

// Both quit questions, while the guide counts and while a phone action
// runs, are the catalogue's words in the pseudo-language: title, text and
// buttons.
func TestQuitQuestionsInThePseudoLanguage(t *testing.T) {
	speak(t, tr.Pseudo)
	s, w, q := newScreensQ(t)
	s.Apply(fixture.State(fixture.IPhoneX(device.ModeRecovery)))
	asked := func(when string) {
		t.Helper()
		s.Confirming = nil
		s.Close(w)
		if s.Confirming == nil {
			t.Fatalf("%s: no question", when)
		}
		said := 0
		texts(w.Canvas().Overlays().Top(), nil, func(text string, o fyne.CanvasObject) {
			if !bracketed(text) {
				t.Errorf("%s: %T shows %q, not from the catalogue", when, o, text)
			}
			said++
		})
		if said < 4 { // title, text, two buttons
			t.Errorf("%s: only %d texts in the question", when, said)
		}
		s.Confirming.Hide() // "Keep going"
	}
	s.Guide.Toggle()
	if !s.Guide.Running() {
		t.Fatal("the guide did not start")
	}
	asked("the guide counts")
	ended := s.Guide.Ended()
	s.Guide.Stop()
	drainUntil(t, q, "the run ended", func() bool {
		select {
		case <-ended:
			return true
		default:
			return false
		}
	})
	release := make(chan struct{})
	s.Actions.o.Do = func(context.Context, action.Action, device.Device) error { <-release; return nil }
	s.Actions.Run(action.ExitRecovery, fixture.IPhoneX(device.ModeRecovery))
	asked("a phone action runs")
	close(release)
	drainUntil(t, q, "the action ended", func() bool { _, busy := s.Actions.Running(); return !busy })
}
