package main

import (
	"io/fs"
	"os"
	"path"
	"runtime"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"unstuck/assets"
	"unstuck/device/tr"
)

// speak makes the app speak the language picked from choice (the
// preference or --lang; "" is the system's) before anything is built.
// Unstuck's words come from device/tr. Fyne's own few (the menu's Quit, a
// file dialog's buttons) and the CJK font it falls back to follow the
// system's locale, which Fyne reads from LANGUAGE on Linux and the BSDs: a
// choice is put there too, and the same catalogues are given to Fyne's
// lang, which then matches it again. (On Windows and macOS Fyne asks the
// system, so its own words stay in the system's language.) The system's
// save dialog, zenity or kdialog, inherits LANGUAGE and speaks it as well.
func speak(choice string) {
	tag := tr.Use(tr.Pick(choice))
	if choice != "" && runtime.GOOS != "windows" && runtime.GOOS != "darwin" {
		os.Setenv("LANGUAGE", gettextName(tag))
	}
	if err := fs.WalkDir(assets.I18n(), assets.I18nDir, addCatalogue); err != nil {
		fyne.LogError("the catalogues", err)
	}
}

// addCatalogue gives Fyne's lang one catalogue file (a language's, or an
// area's below it: Fyne's AddTranslationsFS reads one folder).
func addCatalogue(name string, d fs.DirEntry, err error) error {
	if err != nil || d.IsDir() || path.Ext(name) != ".json" {
		return err
	}
	data, err := fs.ReadFile(assets.I18n(), name)
	if err != nil {
		return err
	}
	return lang.AddTranslations(fyne.NewStaticResource(path.Base(name), data))
}

// gettextName is a tag as LANGUAGE lists it: "pt_BR", "zh_CN".
func gettextName(tag string) string {
	if tag == "zh-Hans" {
		return "zh_CN"
	}
	return strings.ReplaceAll(tag, "-", "_")
}
