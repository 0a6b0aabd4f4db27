package main

import (
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"

	"unstuck/device/tr"
	"unstuck/device/version"
	"unstuck/ui"
)

// helpMenu is the window's menu: Help, the language choice and About
// Unstuck (Fyne puts About in the application menu on macOS), and the
// same dialog for F1.
func helpMenu(w fyne.Window, prefs fyne.Preferences) (*fyne.MainMenu, func()) {
	show := func() {
		ui.ShowAbout(ui.About{Name: appName, Version: version.String(), Notices: noticesPath(exeDir())}, w)
	}
	return fyne.NewMainMenu(fyne.NewMenu(tr.T("menu.help"),
		fyne.NewMenuItem(tr.T("menu.language"), func() { ui.ShowLanguage(prefs, w) }),
		fyne.NewMenuItem(tr.T("menu.about", "App", appName), show))), show
}

func exeDir() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	if real, err := filepath.EvalSymlinks(exe); err == nil {
		exe = real
	}
	return filepath.Dir(exe)
}

// noticesPath is where THIRD_PARTY_NOTICES is installed beside the program
// in dir: the .deb's and the tarball's doc folder, the macOS bundle's
// Resources, the Windows install folder; "" when it is in none of them.
func noticesPath(dir string) string {
	if dir == "" {
		return ""
	}
	for _, p := range []string{
		filepath.Join(dir, "..", "share", "doc", "unstuck", "THIRD_PARTY_NOTICES"),
		filepath.Join(dir, "..", "Resources", "THIRD_PARTY_NOTICES"),
		filepath.Join(dir, "THIRD_PARTY_NOTICES"),
	} {
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
			return filepath.Clean(p)
		}
	}
	return ""
}
