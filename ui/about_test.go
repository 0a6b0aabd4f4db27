package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// labelTexts is the text of every label under o, in order.
func labelTexts(o fyne.CanvasObject) []string {
	var out []string
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch o := o.(type) {
		case *widget.Label:
			out = append(out, o.Text)
		case *fyne.Container:
			for _, c := range o.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(o).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

func TestAboutSaysNameVersionLicenceAndNotices(t *testing.T) {
	test.NewTempApp(t)
	for _, c := range []struct {
		notices, want string
	}{
		{"/usr/share/doc/unstuck/THIRD_PARTY_NOTICES", "are in /usr/share/doc/unstuck/THIRD_PARTY_NOTICES."},
		{"", "are in THIRD_PARTY_NOTICES, shipped with the app."},
	} {
		texts := labelTexts(AboutContent(About{Name: "Unstuck", Version: "v1.2.3", Notices: c.notices}))
		all := strings.Join(texts, "\n")
		for _, want := range []string{"Unstuck", "Version v1.2.3", "MIT licence", c.want} {
			if !strings.Contains(all, want) {
				t.Errorf("notices %q: the About text lacks %q:\n%s", c.notices, want, all)
			}
		}
	}
}

func TestShowAboutOpensADialog(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel("main"))
	w.Resize(fyne.NewSize(800, 600))
	if w.Canvas().Overlays().Top() != nil {
		t.Fatal("an overlay before the dialog")
	}
	ShowAbout(About{Name: "Unstuck", Version: "v0.0.0-20261201110856-c0df870a1b2c"}, w)
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("ShowAbout opened nothing")
	}
	all := strings.Join(labelTexts(top), "\n")
	if !strings.Contains(all, "About Unstuck") || !strings.Contains(all, "Version v0.0.0-20261201110856-c0df870a1b2c") {
		t.Errorf("the dialog says:\n%s", all)
	}
}
