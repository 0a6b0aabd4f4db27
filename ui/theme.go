package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Theme is Fyne's default theme with grey secondary text that can be read:
// the light variant's placeholder colour is 3.5:1 on the background, under
// the 4.5:1 all text must meet (issue 16), so it is darkened there. Every
// other colour, size and font is the default's.
func Theme() fyne.Theme { return readable{theme.DefaultTheme()} }

type readable struct{ fyne.Theme }

// lightMuted is the light variant's grey text: 5:1 or more on the
// background, the header and the input fields.
var lightMuted = color.NRGBA{R: 0x5c, G: 0x5c, B: 0x62, A: 0xff}

func (r readable) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if n == theme.ColorNamePlaceHolder && v == theme.VariantLight {
		return lightMuted
	}
	return r.Theme.Color(n, v)
}
