package main

import (
	"os"
	"runtime"
	"strings"

	"fyne.io/fyne/v2"

	"unstuck/device/tr"
	"unstuck/ui"
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
	if err := ui.AddCatalogues(); err != nil {
		fyne.LogError("the catalogues", err)
	}
}

// gettextName is a tag as LANGUAGE lists it: "pt_BR", "zh_CN".
func gettextName(tag string) string {
	if tag == "zh-Hans" {
		return "zh_CN"
	}
	return strings.ReplaceAll(tag, "-", "_")
}
