package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"unstuck/device"
	"unstuck/device/fixture"
	"unstuck/device/hostcheck"
	"unstuck/device/tr"
)

// Fyne parses its fonts (and the system's fallbacks) once per text style in
// use, several megabytes each: the app draws in regular and bold only.
func TestTwoTextStylesAtMost(t *testing.T) {
	s, w := newScreens(t)
	w.Resize(WindowSize)
	s.Apply(fixture.State(fixture.IPhoneX(device.ModeRecovery)))
	styles := map[fyne.TextStyle]bool{}
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *canvas.Text:
			styles[x.TextStyle] = true
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
	for i := range s.Tabs.Items {
		s.Tabs.SelectIndex(i)
		walk(s.Tabs.Items[i].Content)
	}
	s.Computer.Host.Apply([]hostcheck.Check{{Title: tr.Raw("udev rules"), Snippet: `ACTION=="add"`}}, fixture.Now)
	walk(s.Computer.Content())
	for st := range styles {
		if st.Italic || st.Monospace || st.Symbol {
			t.Errorf("a text drawn in %+v: regular and bold only", st)
		}
	}
}
