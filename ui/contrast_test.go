package ui

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// contrast is WCAG 2's contrast ratio of two colours.
func contrast(a, b color.Color) float64 {
	lum := func(c color.Color) float64 {
		r, g, bl, _ := c.RGBA()
		ch := func(v uint32) float64 {
			s := float64(v) / 0xffff
			if s <= 0.04045 {
				return s / 12.92
			}
			return math.Pow((s+0.055)/1.055, 2.4)
		}
		return 0.2126*ch(r) + 0.7152*ch(g) + 0.0722*ch(bl)
	}
	la, lb := lum(a), lum(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// TestTextContrast: the text colours the screens use (normal and the grey
// of secondary and status text) are 4.5:1 or more on every background,
// in the dark and the light variant of the app's theme (issue 16).
func TestTextContrast(t *testing.T) {
	th := Theme()
	for _, v := range []fyne.ThemeVariant{theme.VariantDark, theme.VariantLight} {
		for _, bg := range []fyne.ThemeColorName{theme.ColorNameBackground, theme.ColorNameHeaderBackground, theme.ColorNameInputBackground} {
			for _, fg := range []fyne.ThemeColorName{theme.ColorNameForeground, theme.ColorNamePlaceHolder} {
				if c := contrast(th.Color(fg, v), th.Color(bg, v)); c < 4.5 {
					t.Errorf("variant %v: %s on %s is %.2f:1, under 4.5:1", v, fg, bg, c)
				}
			}
		}
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
