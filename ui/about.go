package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"unstuck/device/tr"
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
	notices := tr.T("about.notices")
	if a.Notices != "" {
		notices = tr.T("about.notices.at", "Path", a.Notices)
	}
	name := widget.NewLabel(a.Name)
	name.TextStyle.Bold = true
	return container.NewVBox(
		name,
		widget.NewLabel(tr.T("about.version", "Version", a.Version)),
		widget.NewLabel(tr.T("about.licence")),
		&widget.Label{Text: notices, Wrapping: fyne.TextWrapWord},
	)
}

// ShowAbout opens the About dialog over w.
func ShowAbout(a About, w fyne.Window) {
	d := dialog.NewCustom(tr.T("menu.about", "App", a.Name), tr.T("about.close"), AboutContent(a), w)
	d.Resize(fyne.NewSize(420, 0))
	d.Show()
}
