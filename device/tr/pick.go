package tr

import (
	"os"
	"strings"

	"github.com/jeandeaual/go-locale"
)

// Pick is the language to speak: choice when Unstuck speaks it (the app's
// preference, the CLI's --lang), else the environment's (LC_ALL, then
// LC_MESSAGES, then LANG, as gettext reads them; LANGUAGE's list when the
// locale is not C), else the system's (GetUserDefaultLocaleName on
// Windows, AppleLanguages on macOS: go-locale, as Fyne's lang finds it),
// else English.
func Pick(choice string) string { return pick(choice, os.Getenv, locale.GetLocales) }

// pick is Pick over an environment and a system list, for the tests.
func pick(choice string, getenv func(string) string, system func() ([]string, error)) string {
	if t := Match(choice); t != "" {
		return t
	}
	if t, set := fromEnv(getenv); set {
		return t
	}
	if all, err := system(); err == nil {
		for _, l := range all {
			if t := Match(l); t != "" {
				return t
			}
		}
	}
	return English
}

// fromEnv is the language the locale variables name; set is false when
// none is set. A locale of C or POSIX, or one Unstuck does not speak, is
// English: the person set it, so the system's is not asked.
func fromEnv(getenv func(string) string) (tag string, set bool) {
	var loc string
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if loc = getenv(v); loc != "" {
			break
		}
	}
	if loc == "C" || loc == "POSIX" {
		return English, true
	}
	for _, l := range strings.Split(getenv("LANGUAGE"), ":") {
		if t := Match(l); t != "" && loc != "" {
			return t, true
		}
	}
	if loc == "" {
		return "", false
	}
	return resolve(loc), true
}
