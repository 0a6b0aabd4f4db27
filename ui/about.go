package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// About is what the About dialog says.
type About struct {
	Name    string // "Unstuck"
	Version string // the version --version prints
	Notices string // where THIRD_PARTY_NOTICES is on this computer, or "" when it is not found
}

// AboutContent is the About dialog's content: the name, the version, the
// licence and where the third-party notices are.
func AboutContent(a About) fyne.CanvasObject {
	notices := "The licences of the software Unstuck is built with are in THIRD_PARTY_NOTICES, shipped with the app."
	if a.Notices != "" {
		notices = "The licences of the software Unstuck is built with are in " + a.Notices + "."
	}
	name := widget.NewLabel(a.Name)
	name.TextStyle.Bold = true
	return container.NewVBox(
		name,
		widget.NewLabel("Version "+a.Version),
		widget.NewLabel("Released under the MIT licence."),
		&widget.Label{Text: notices, Wrapping: fyne.TextWrapWord},
	)
}

// ShowAbout opens the About dialog over w.
func ShowAbout(a About, w fyne.Window) {
	d := dialog.NewCustom("About "+a.Name, "Close", AboutContent(a), w)
	d.Resize(fyne.NewSize(420, 0))
	d.Show()
}
