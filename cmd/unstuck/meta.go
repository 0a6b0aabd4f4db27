package main

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"unstuck/assets"
	"unstuck/device/version"
	"unstuck/ui"
)

// appID is the app's ID, the one in FyneApp.toml (a test compares them).
const appID = "app.unstuck.desktop"

// appName is the app's name, the one in FyneApp.toml.
const appName = "Unstuck"

// newApp is the Fyne app with its metadata set in every build, so a plain
// go build, "fyne package" and the release build all name the same ID,
// name, icon and version (Fyne's own metadata file, when "fyne package"
// adds one, is replaced here).
func newApp() fyne.App {
	app.SetMetadata(appMetadata())
	a := app.NewWithID(appID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon()))
	a.Settings().SetTheme(ui.Theme())
	return a
}

func appMetadata() fyne.AppMetadata {
	return fyne.AppMetadata{
		ID:         appID,
		Name:       appName,
		Version:    version.Numeric(version.String()),
		Build:      1,
		Icon:       fyne.NewStaticResource("icon.png", assets.Icon()),
		Migrations: map[string]bool{"fyneDo": true},
	}
}
