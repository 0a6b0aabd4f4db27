package ui

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Theme is Fyne's default theme with text that can be read: all text must
// meet 4.5:1 on its background (issue 16), and the default's grey
// secondary text (3.5:1 in the light variant), its orange warnings (2.2:1
// in the light variant) and its red errors (3.7:1 light, 4.4:1 on the dark
// input fields) do not, so those are darkened in the light variant and the
// red lightened in the dark one. Every other colour, size and font is the
// default's. ui/contrast_test.go measures each.
func Theme() fyne.Theme { return readable{theme.DefaultTheme()} }

type readable struct{ fyne.Theme }

// The colours that replace the default's, each 4.5:1 or more on the
// background, the header, the input fields and the dialogs' overlay.
var (
	lightMuted   = color.NRGBA{R: 0x5c, G: 0x5c, B: 0x62, A: 0xff} // 5:1 or more
	lightWarning = color.NRGBA{R: 0xa0, G: 0x5a, B: 0x00, A: 0xff} // a dark amber, 4.8:1 or more
	lightError   = color.NRGBA{R: 0xc6, G: 0x28, B: 0x28, A: 0xff} // 5:1 or more
	darkError    = color.NRGBA{R: 0xff, G: 0x6b, B: 0x5e, A: 0xff} // 5.5:1 or more
)

func (r readable) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	switch {
	case n == theme.ColorNamePlaceHolder && v == theme.VariantLight:
		return lightMuted
	case n == theme.ColorNameWarning && v == theme.VariantLight:
		return lightWarning
	case n == theme.ColorNameError && v == theme.VariantLight:
		return lightError
	case n == theme.ColorNameError:
		return darkError
	}
	return r.Theme.Color(n, v)
}

// contrast is WCAG 2's contrast ratio of two colours.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// luminance is WCAG 2's relative luminance of an opaque colour.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	ch := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(r) + 0.7152*ch(g) + 0.0722*ch(b)
}

// pillInk is near-black text for a pill too light for white text.
var pillInk = color.NRGBA{R: 0x1a, G: 0x1a, B: 0x1a, A: 0xff}

// onColour is the text colour for a pill or a numbered circle filled with
// c: white where white reads at 4.5:1, else near-black (the amber of
// recovery mode and of a dropping cable, the green of normal mode).
func onColour(c color.Color) color.Color {
	if contrast(color.White, c) >= 4.5 {
		return color.White
	}
	return pillInk
}
