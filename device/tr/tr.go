// Package tr is Unstuck's one translation layer: the app, the command line
// and the report say every sentence through it, in the language the person
// chose, else the system's, else English.
//
// The catalogues are assets/i18n/<language>.json, in go-i18n's JSON format
// (a message ID to its text, or to an object of plural forms: "one",
// "other", ...), the same files Fyne's lang.AddTranslationsFS reads. A
// message is a Go template: {{.Count}} in a plural, {{.Name}} and so on.
//
// tr imports no Fyne, so device packages and the CLI use it as the app does.
package tr

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"unstuck/assets"
)

// English is the language every message exists in first, and the fallback.
const English = "en"

// Pseudo is the pseudo-language: English with every message in [brackets],
// so a screen shown in it shows any text that bypasses the catalogue. It is
// chosen by its exact tag only and is not offered in the app's list.
const Pseudo = "en-XA"

// Language is one language Unstuck speaks.
type Language struct {
	Tag  string // BCP 47, as the catalogue's file is named: "de", "pt-BR", "zh-Hans"
	Name string // the language's name in itself: "Deutsch"
}

var (
	load    = sync.OnceValue(func() *catalogue { return parseFS(assets.I18n(), assets.I18nDir) })
	current atomic.Value // string: the tag in use
)

// Err is the first problem met reading the catalogues, or nil.
// It parses every language, so it is for tests and checks, not for start.
func Err() error {
	c := load().all()
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.err
}

// Languages lists the languages Unstuck speaks, English first.
func Languages() []Language { return slices.Clone(load().langs) }

// Match is the tag of the language Unstuck speaks that is closest to want
// (a BCP 47 tag or a POSIX locale such as "de_DE.UTF-8"), or "" when none
// is close. Pseudo matches itself only.
func Match(want string) string {
	c := load()
	want = posixToBCP47(want)
	if want == "" {
		return ""
	}
	if strings.EqualFold(want, Pseudo) {
		return Pseudo
	}
	tag, err := language.Parse(want)
	if err != nil {
		return ""
	}
	_, i, conf := language.NewMatcher(c.tags).Match(tag)
	if conf == language.No {
		return ""
	}
	return c.langs[i].Tag
}

// posixToBCP47 turns "pt_BR.UTF-8@euro" into "pt-BR"; "C" and "POSIX" into "".
func posixToBCP47(s string) string {
	s, _, _ = strings.Cut(s, ".")
	s, _, _ = strings.Cut(s, "@")
	if s == "C" || s == "POSIX" {
		return ""
	}
	return strings.ReplaceAll(s, "_", "-")
}

// Use makes the language closest to tag (see Match) the one T speaks,
// English when none is close, and returns the tag used.
func Use(tag string) string {
	t := resolve(tag)
	current.Store(t)
	return t
}

// resolve is Match, English when nothing matches.
func resolve(tag string) string {
	if t := Match(tag); t != "" {
		return t
	}
	return English
}

// Current is the tag T speaks in.
func Current() string {
	if t, ok := current.Load().(string); ok {
		return t
	}
	return English
}

// T is message id in the current language, its template filled from kv:
// pairs of a name and a value, T("card.departed", "Name", "iPhone X").
func T(id string, kv ...any) string { return In(Current(), id, kv...) }

// N is the plural message id for count in the current language; the
// template has count as {{.Count}}, beside kv's names.
func N(id string, count int, kv ...any) string { return NIn(Current(), id, count, kv...) }

// In is T in the language tag (as Use matches it).
func In(tag, id string, kv ...any) string { return localize(tag, id, nil, kv) }

// NIn is N in the language tag.
func NIn(tag, id string, count int, kv ...any) string {
	return localize(tag, id, &count, append(kv, "Count", count))
}

func localize(tag, id string, count *int, kv []any) string {
	c := load()
	if !c.speaks(tag) {
		tag = resolve(tag)
	}
	c.ensure(tag)
	data := map[string]any{}
	for i := 0; i+1 < len(kv); i += 2 {
		data[fmt.Sprint(kv[i])] = kv[i+1]
	}
	cfg := &i18n.LocalizeConfig{MessageID: id, TemplateData: data}
	if count != nil {
		cfg.PluralCount = *count
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	for _, t := range []string{tag, English} {
		if s, err := c.loc[t].Localize(cfg); err == nil {
			return s
		}
	}
	return "«" + id + "»" // a missing ID; the catalogue tests fail first
}

// Sentences joins two sentences as the language does ("A. B", "A。B"); an
// empty one is left out.
func Sentences(first, second string) string {
	switch {
	case second == "":
		return first
	case first == "":
		return second
	}
	return T("sentences.two", "First", first, "Second", second)
}

// WritesWithoutSpaces reports whether the current language writes its
// words without spaces between them (Chinese, Japanese): text wraps
// between any two characters.
func WritesWithoutSpaces() bool {
	base, _ := language.Make(Current()).Base()
	return base.String() == "ja" || base.String() == "zh"
}
