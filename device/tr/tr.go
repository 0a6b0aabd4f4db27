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
	"io/fs"
	"path"
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

type catalogue struct {
	bundle *i18n.Bundle
	langs  []Language     // the real ones, English first
	tags   []language.Tag // in the order of langs
	loc    map[string]*i18n.Localizer
	raw    map[string]map[string]*i18n.Message // tag → ID → message, for the tests
	err    error
}

var (
	load    = sync.OnceValue(func() *catalogue { return parseFS(assets.I18n(), assets.I18nDir) })
	current atomic.Value // string: the tag in use
)

// parseFS reads every <tag>.json in dir, each language's, then every
// <area>/<tag>.json below it (an area's messages: the host checks', the
// procedures'), and adds the pseudo-language. An ID is defined once per
// language across all the files.
func parseFS(fsys fs.FS, dir string) *catalogue {
	c := &catalogue{bundle: i18n.NewBundle(language.English), loc: map[string]*i18n.Localizer{},
		raw: map[string]map[string]*i18n.Message{}}
	files, err := fs.ReadDir(fsys, dir)
	if err != nil {
		c.err = err
		return c
	}
	var areas []string
	for _, f := range files {
		if f.IsDir() {
			areas = append(areas, path.Join(dir, f.Name()))
			continue
		}
		if path.Ext(f.Name()) != ".json" {
			continue
		}
		if err := c.add(fsys, path.Join(dir, f.Name()), false); err != nil && c.err == nil {
			c.err = err
		}
	}
	for _, area := range areas {
		names, err := fs.Glob(fsys, path.Join(area, "*.json"))
		if err != nil && c.err == nil {
			c.err = err
		}
		for _, name := range names {
			if err := c.add(fsys, name, true); err != nil && c.err == nil {
				c.err = err
			}
		}
	}
	// English first: the matcher falls back to the first tag.
	slices.SortStableFunc(c.langs, func(a, b Language) int {
		if a.Tag == English {
			return -1
		} else if b.Tag == English {
			return 1
		}
		return strings.Compare(a.Tag, b.Tag)
	})
	for _, l := range c.langs {
		c.tags = append(c.tags, language.Make(l.Tag))
	}
	c.addPseudo()
	return c
}

// add reads one file; area says it is an area's, for a language whose own
// file came first.
func (c *catalogue) add(fsys fs.FS, name string, area bool) error {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return err
	}
	mf, err := c.bundle.ParseMessageFileBytes(data, name)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	tag := strings.TrimSuffix(path.Base(name), ".json")
	if mf.Tag.String() != tag {
		return fmt.Errorf("%s: the file's name is not the canonical tag %s", name, mf.Tag)
	}
	byID := c.raw[tag]
	if area != (byID != nil) {
		if area {
			return fmt.Errorf("%s: no %s.json for this language", name, tag)
		}
		return fmt.Errorf("%s: the language is read twice", name)
	}
	if byID == nil {
		byID = map[string]*i18n.Message{}
		c.raw[tag] = byID
	}
	for _, m := range mf.Messages {
		if _, dup := byID[m.ID]; dup {
			return fmt.Errorf("%s: %s is defined twice", name, m.ID)
		}
		byID[m.ID] = m
	}
	if area {
		return nil
	}
	label := tag
	if m, ok := byID["language.name"]; ok {
		label = m.Other
	}
	c.langs = append(c.langs, Language{Tag: tag, Name: label})
	c.loc[tag] = i18n.NewLocalizer(c.bundle, tag)
	return nil
}

// addPseudo adds Pseudo: English, every form of every message bracketed.
func (c *catalogue) addPseudo() {
	var msgs []*i18n.Message
	for _, m := range c.raw[English] {
		p := *m
		for _, s := range []*string{&p.Zero, &p.One, &p.Two, &p.Few, &p.Many, &p.Other} {
			if *s != "" {
				*s = "[" + *s + "]"
			}
		}
		msgs = append(msgs, &p)
	}
	if err := c.bundle.AddMessages(language.Make(Pseudo), msgs...); err != nil && c.err == nil {
		c.err = err
	}
	c.loc[Pseudo] = i18n.NewLocalizer(c.bundle, Pseudo)
}

// Err is the first problem met reading the catalogues, or nil.
func Err() error { return load().err }

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
	if _, ok := c.loc[tag]; !ok {
		tag = resolve(tag)
	}
	data := map[string]any{}
	for i := 0; i+1 < len(kv); i += 2 {
		data[fmt.Sprint(kv[i])] = kv[i+1]
	}
	cfg := &i18n.LocalizeConfig{MessageID: id, TemplateData: data}
	if count != nil {
		cfg.PluralCount = *count
	}
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
