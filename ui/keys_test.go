package ui

import (
	"reflect"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"unstuck/device"
	"unstuck/device/fixture"
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
