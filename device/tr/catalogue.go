package tr

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// catalogue is every language's messages. English (and the pseudo-language
// built from it) is parsed at once; another language when it is first
// said (the app speaks one, the report may ask for a second): parsing all
// seven costs about 20 ms and 12 MB at start.
type catalogue struct {
	fsys  fs.FS
	langs []Language     // the real ones, English first
	tags  []language.Tag // in the order of langs
	files map[string][]string

	mu     sync.RWMutex // guards what follows: go-i18n's bundle is not safe to add to while it is read
	bundle *i18n.Bundle
	loc    map[string]*i18n.Localizer
	raw    map[string]map[string]*i18n.Message // tag → ID → message, for the tests
	err    error
}

// parseFS lists every <tag>.json in dir, each language's, and every
// <area>/<tag>.json below it (an area's messages: the host checks', the
// procedures'), reads each language's name, and parses English and the
// pseudo-language. An ID is defined once per language across all the files.
func parseFS(fsys fs.FS, dir string) *catalogue {
	c := &catalogue{fsys: fsys, files: map[string][]string{}, bundle: i18n.NewBundle(language.English),
		loc: map[string]*i18n.Localizer{}, raw: map[string]map[string]*i18n.Message{}}
	top, err := fs.Glob(fsys, path.Join(dir, "*.json"))
	if err != nil || len(top) == 0 {
		c.err = fmt.Errorf("no catalogues in %s: %v", dir, err)
		return c
	}
	areas, _ := fs.Glob(fsys, path.Join(dir, "*", "*.json"))
	for _, name := range top {
		tag := strings.TrimSuffix(path.Base(name), ".json")
		if t, err := language.Parse(tag); err != nil || t.String() != tag {
			c.fail(fmt.Errorf("%s: the file's name is not a canonical language tag", name))
			continue
		}
		c.files[tag] = []string{name}
		c.langs = append(c.langs, Language{Tag: tag, Name: c.nameIn(name, tag)})
	}
	for _, name := range areas {
		tag := strings.TrimSuffix(path.Base(name), ".json")
		if _, ok := c.files[tag]; !ok {
			c.fail(fmt.Errorf("%s: no %s.json for this language", name, tag))
			continue
		}
		c.files[tag] = append(c.files[tag], name)
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
	c.ensure(English)
	c.mu.Lock()
	c.addPseudo()
	c.mu.Unlock()
	return c
}

// nameIn is the language's name in itself (language.name in its file).
func (c *catalogue) nameIn(name, tag string) string {
	data, err := fs.ReadFile(c.fsys, name)
	if err != nil {
		c.fail(err)
		return tag
	}
	var named struct {
		Name string `json:"language.name"`
	}
	if err := json.Unmarshal(data, &named); err != nil || named.Name == "" {
		return tag
	}
	return named.Name
}

// speaks reports whether tag is a language of the catalogue, as it is
// spelled there (or the pseudo-language).
func (c *catalogue) speaks(tag string) bool {
	_, ok := c.files[tag]
	return ok || tag == Pseudo
}

// ensure parses tag's files unless they are parsed.
func (c *catalogue) ensure(tag string) {
	if _, ok := c.files[tag]; !ok {
		return
	}
	c.mu.RLock()
	_, done := c.raw[tag]
	c.mu.RUnlock()
	if done {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, done := c.raw[tag]; done {
		return
	}
	byID := map[string]*i18n.Message{}
	c.raw[tag] = byID
	for _, name := range c.files[tag] {
		c.add(name, tag, byID)
	}
	c.loc[tag] = i18n.NewLocalizer(c.bundle, tag)
}

// add parses one file of tag's into the bundle and byID; c.mu is held.
func (c *catalogue) add(name, tag string, byID map[string]*i18n.Message) {
	data, err := fs.ReadFile(c.fsys, name)
	if err != nil {
		c.fail(err)
		return
	}
	mf, err := c.bundle.ParseMessageFileBytes(data, name)
	if err != nil {
		c.fail(fmt.Errorf("%s: %w", name, err))
		return
	}
	for _, m := range mf.Messages {
		if _, dup := byID[m.ID]; dup {
			c.fail(fmt.Errorf("%s: %s is defined twice", name, m.ID))
		}
		byID[m.ID] = m
	}
}

// fail keeps the first problem met.
func (c *catalogue) fail(err error) {
	if c.err == nil {
		c.err = err
	}
}

// all parses every language, for the tests that read raw.
func (c *catalogue) all() *catalogue {
	for _, l := range c.langs {
		c.ensure(l.Tag)
	}
	return c
}

// addPseudo adds Pseudo: English, every form of every message bracketed;
// c.mu is held.
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
	if err := c.bundle.AddMessages(language.Make(Pseudo), msgs...); err != nil {
		c.fail(err)
	}
	c.loc[Pseudo] = i18n.NewLocalizer(c.bundle, Pseudo)
}
