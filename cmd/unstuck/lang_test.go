package main

import (
	"os"
	"runtime"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"unstuck/device/tr"
)

// A choice reaches device/tr and, on Linux, LANGUAGE, and Fyne's own words
// follow it; no choice leaves LANGUAGE as it was.
func TestSpeak(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("Fyne reads LANGUAGE on Linux and the BSDs only")
	}
	t.Cleanup(func() { tr.Use(tr.English) })
	for _, v := range []string{"LC_ALL", "LC_MESSAGES"} {
		t.Setenv(v, "")
	}
	t.Setenv("LANG", "en_US.UTF-8")
	t.Setenv("LANGUAGE", "")
	speak("de")
	if tr.Current() != "de" || os.Getenv("LANGUAGE") != "de" {
		t.Errorf("speaking %s, LANGUAGE=%q", tr.Current(), os.Getenv("LANGUAGE"))
	}
	if got := lang.L("Quit"); got != "Beenden" {
		t.Errorf("Fyne's own Quit: %q", got)
	}
	if got := lang.X("tab.now", "?"); got != "Was gerade passiert" {
		t.Errorf("Fyne reads Unstuck's catalogue: %q", got)
	}
	speak("zh-Hans")
	if os.Getenv("LANGUAGE") != "zh_CN" {
		t.Errorf("LANGUAGE=%q for zh-Hans", os.Getenv("LANGUAGE"))
	}
	t.Setenv("LANGUAGE", "")
	speak("")
	if tr.Current() != "en" || os.Getenv("LANGUAGE") != "" {
		t.Errorf("no choice: speaking %s, LANGUAGE=%q", tr.Current(), os.Getenv("LANGUAGE"))
	}
}

// The Help menu in the pseudo-language: every item from the catalogue.
func TestHelpMenuInThePseudoLanguage(t *testing.T) {
	t.Cleanup(func() { tr.Use(tr.English) })
	t.Setenv("LANGUAGE", "")
	speak(tr.Pseudo)
	a := test.NewTempApp(t)
	menu, _ := helpMenu(a.NewWindow("t"), a.Preferences())
	for _, m := range menu.Items {
		names := []string{m.Label}
		for _, it := range m.Items {
			names = append(names, it.Label)
		}
		for _, name := range names {
			if !strings.HasPrefix(name, "[") || !strings.HasSuffix(name, "]") {
				t.Errorf("the menu says %q, not from the catalogue", name)
			}
		}
	}
}
