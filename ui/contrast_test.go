package ui

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// TestTextContrast: the text colours the screens use (normal, the grey of
// secondary and status text, and the warnings' and dangers' colours of
// labels with those importances) are 4.5:1 or more on every background,
// in the dark and the light variant of the app's theme (issue 16).
func TestTextContrast(t *testing.T) {
	th := Theme()
	for _, v := range []fyne.ThemeVariant{theme.VariantDark, theme.VariantLight} {
		for _, bg := range []fyne.ThemeColorName{theme.ColorNameBackground, theme.ColorNameHeaderBackground, theme.ColorNameInputBackground, theme.ColorNameOverlayBackground} {
			for _, fg := range []fyne.ThemeColorName{theme.ColorNameForeground, theme.ColorNamePlaceHolder, theme.ColorNameWarning, theme.ColorNameError} {
				if c := contrast(th.Color(fg, v), th.Color(bg, v)); c < 4.5 {
					t.Errorf("variant %v: %s on %s is %.2f:1, under 4.5:1", v, fg, bg, c)
				}
			}
		}
	}
}

// TestPillTextContrast: the text on every filled pill and numbered circle
// (the mode colours, a dropping cable's amber, an erasing step's red) is
// 4.5:1 or more on its fill, as the screens draw it.
func TestPillTextContrast(t *testing.T) {
	fills := map[string]color.NRGBA{"danger": colourDanger, "grey": colourGrey, "unknown": unknownLook.colour}
	for m, l := range modeLooks {
		fills[string(m)] = l.colour
	}
	for name, c := range fills {
		if r := contrast(onColour(c), c); r < 4.5 {
			t.Errorf("text on the %s pill is %.2f:1, under 4.5:1", name, r)
		}
	}
	test.NewTempApp(t)
	b := newModeBadge()
	b.set("Recovery mode", "", "", colourRecovery)
	if r := contrast(b.Pill.Color, b.pill.FillColor); r < 4.5 {
		t.Errorf("the recovery badge draws its pill text at %.2f:1", r)
	}
}

// TestStatusTextReadable: the status lines are not in the disabled colour.
func TestStatusTextReadable(t *testing.T) {
	s, _ := newScreens(t)
	for name, l := range map[string]*widget.Label{"checked at": s.Computer.Host.CheckedAt, "report status": s.Computer.Report.Status} {
		if l.Importance == widget.LowImportance {
			t.Errorf("the %s line %q is drawn in the disabled colour", name, l.Text)
		}
	}
}
