package tr

import (
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"text/template/parse"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"unstuck/assets"
)

// The seven languages of issue 17, each with its catalogue.
func TestTheSevenLanguagesLoad(t *testing.T) {
	if err := Err(); err != nil {
		t.Fatal(err)
	}
	var tags []string
	for _, l := range Languages() {
		tags = append(tags, l.Tag)
		if l.Name == "" || l.Name == l.Tag {
			t.Errorf("%s has no name of its own (language.name)", l.Tag)
		}
	}
	want := []string{"en", "de", "es", "fr", "ja", "pt-BR", "zh-Hans"}
	if !slices.Equal(tags, want) {
		t.Errorf("languages %v, want %v", tags, want)
	}
}

// forms is every plural form's text of a message.
func forms(m *i18n.Message) map[string]string {
	out := map[string]string{}
	for name, s := range map[string]string{"zero": m.Zero, "one": m.One, "two": m.Two, "few": m.Few, "many": m.Many, "other": m.Other} {
		if s != "" {
			out[name] = s
		}
	}
	return out
}

// placeholders is the set of {{.Name}} fields in a template's text.
func placeholders(t *testing.T, id, text string) map[string]bool {
	trees, err := parse.Parse(id, text, "{{", "}}")
	if err != nil {
		t.Errorf("%s: %v", id, err)
		return nil
	}
	out := map[string]bool{}
	var walk func(parse.Node)
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			for _, c := range n.Nodes {
				walk(c)
			}
		case *parse.ActionNode:
			for _, c := range n.Pipe.Cmds {
				for _, a := range c.Args {
					walk(a)
				}
			}
		case *parse.FieldNode:
			out[strings.Join(n.Ident, ".")] = true
		}
	}
	for _, tree := range trees {
		walk(tree.Root)
	}
	return out
}

// Every message of the English catalogue exists in every language, with
// the same placeholders (over all its plural forms: English says "once"
// where another language says "{{.Count}} vez"), and no language has a
// message English lacks.
func TestEveryMessageInEveryLanguageWithTheSamePlaceholders(t *testing.T) {
	c := load().all()
	en := c.raw[English]
	if len(en) < 50 {
		t.Fatalf("only %d English messages", len(en))
	}
	for _, l := range c.langs {
		msgs := c.raw[l.Tag]
		for _, id := range slices.Sorted(maps.Keys(en)) {
			m, ok := msgs[id]
			if !ok {
				t.Errorf("%s lacks %s", l.Tag, id)
				continue
			}
			want, got := map[string]bool{}, map[string]bool{}
			for _, s := range forms(en[id]) {
				maps.Copy(want, placeholders(t, "en/"+id, s))
			}
			for _, s := range forms(m) {
				maps.Copy(got, placeholders(t, l.Tag+"/"+id, s))
			}
			if !maps.Equal(want, got) {
				t.Errorf("%s %s has placeholders %v, English %v", l.Tag, id, slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)))
			}
		}
		for id := range msgs {
			if _, ok := en[id]; !ok {
				t.Errorf("%s has %s, which English lacks", l.Tag, id)
			}
		}
	}
}

func TestMatch(t *testing.T) {
	for in, want := range map[string]string{
		"de": "de", "de-AT": "de", "de_DE.UTF-8": "de", "pt": "pt-BR", "pt_BR": "pt-BR", "pt-PT": "pt-BR",
		"zh-CN": "zh-Hans", "zh": "zh-Hans", "ja_JP.UTF-8": "ja", "fr-CA": "fr", "es-MX": "es", "en-US": "en",
		"en-XA": Pseudo, "C": "", "POSIX": "", "": "", "ru": "", "no such": "",
	} {
		if got := Match(in); got != want {
			t.Errorf("Match(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPick(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	system := func(l ...string) func() ([]string, error) { return func() ([]string, error) { return l, nil } }
	for _, c := range []struct {
		name, choice string
		env          func(string) string
		system       []string
		want         string
	}{
		{"a choice wins", "fr", env("LANG", "de_DE.UTF-8"), []string{"ja"}, "fr"},
		{"a choice Unstuck lacks falls through", "ru", env("LANG", "de_DE.UTF-8"), nil, "de"},
		{"LC_ALL before LANG", "", env("LC_ALL", "es_ES.UTF-8", "LANG", "de_DE.UTF-8"), nil, "es"},
		{"LC_MESSAGES before LANG", "", env("LC_MESSAGES", "ja_JP.UTF-8", "LANG", "de_DE.UTF-8"), nil, "ja"},
		{"LANGUAGE's list", "", env("LANG", "de_DE.UTF-8", "LANGUAGE", "ru:pt_BR:de"), nil, "pt-BR"},
		{"C is English, the system not asked", "", env("LANG", "C", "LANGUAGE", "fr"), []string{"ja"}, "en"},
		{"a locale Unstuck lacks is English", "", env("LANG", "ru_RU.UTF-8"), []string{"ja"}, "en"},
		{"no locale: the system's", "", env(), []string{"ru-RU", "zh-Hans-CN"}, "zh-Hans"},
		{"nothing: English", "", env(), nil, "en"},
	} {
		if got := pick(c.choice, c.env, system(c.system...)); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

func TestPluralsAndPlaceholders(t *testing.T) {
	defer Use(Current())
	Use("de")
	if got := N("stability.dropped", 3); got != "In der letzten Minute 3-mal abgebrochen: Versuche ein anderes Kabel oder einen anderen USB-Anschluss" {
		t.Errorf("German plural: %q", got)
	}
	if got := NIn("en", "stability.dropped", 1); !strings.HasPrefix(got, "Dropped once") {
		t.Errorf("English one: %q", got)
	}
	if got := NIn("pt-BR", "stability.dropped", 1); !strings.HasPrefix(got, "Caiu 1 vez") {
		t.Errorf("Portuguese one: %q", got)
	}
	if got := NIn("ja", "stability.dropped", 1); !strings.HasPrefix(got, "この 1 分間に 1 回") {
		t.Errorf("Japanese, which has one form: %q", got)
	}
	if got := In("fr", "departed.headline", "Name", "iPhone X", "Ago", "à l’instant"); got != "Votre iPhone X s’est déconnecté à l’instant" {
		t.Errorf("French placeholders: %q", got)
	}
	if got := In("ru", "tab.now"); got != "What is happening" {
		t.Errorf("a language Unstuck lacks is English: %q", got)
	}
	if got := In(Pseudo, "tab.now"); got != "[What is happening]" {
		t.Errorf("the pseudo-language: %q", got)
	}
	if got := T("no.such.message"); got != "«no.such.message»" {
		t.Errorf("a missing message: %q", got)
	}
}

// A message missing from one language is said in English.
func TestMissingFallsBackToEnglish(t *testing.T) {
	useCatalogue(t, fstest.MapFS{
		"i/en.json": {Data: []byte(`{"a": "Hello", "b": "Bye"}`)},
		"i/de.json": {Data: []byte(`{"a": "Hallo"}`)},
	})
	if got := In("de", "a") + " " + In("de", "b"); got != "Hallo Bye" {
		t.Errorf("%q", got)
	}
}

// A catalogue whose file is not named by its canonical tag is refused:
// Match returns file names, and Fyne reads the tag from the name.
func TestBadFileNames(t *testing.T) {
	for name, data := range map[string]string{"i/pt_BR.json": `{"a": "b"}`, "i/xx.json": `{"a": "b"}`, "i/en.json": `{"a": `} {
		if c := parseFS(fstest.MapFS{name: {Data: []byte(data)}}, "i"); c.err == nil {
			t.Errorf("%s was accepted", name)
		}
	}
}

// useCatalogue makes tr read fsys's catalogues (folder "i") for one test.
func useCatalogue(t *testing.T, fsys fstest.MapFS) {
	t.Helper()
	c := parseFS(fsys, "i")
	if c.err != nil {
		t.Fatal(c.err)
	}
	old := load
	load = func() *catalogue { return c }
	t.Cleanup(func() { load = old })
}

// At start only English is parsed (all seven cost 22 ms and 12 MB); a
// language is parsed when it is first said, and saying several at once
// from several goroutines is safe (go-i18n's bundle is not, while added to).
func TestLanguagesLoadWhenFirstSaid(t *testing.T) {
	c := parseFS(assets.I18n(), assets.I18nDir)
	if c.err != nil {
		t.Fatal(c.err)
	}
	if _, ok := c.raw["de"]; ok || c.raw[English] == nil || len(c.langs) != 7 || c.langs[1].Name != "Deutsch" {
		t.Fatalf("parsed at start: %v; languages %v", slices.Sorted(maps.Keys(c.raw)), c.langs)
	}
	old := load
	load = func() *catalogue { return c }
	t.Cleanup(func() { load = old })
	var wg sync.WaitGroup
	for _, l := range c.langs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if got := In(l.Tag, "tab.now"); got == "" || strings.HasPrefix(got, "«") {
				t.Errorf("%s: %q", l.Tag, got)
			}
		}()
	}
	wg.Wait()
	if len(c.raw) != 7 || In("de", "tab.now") != "Was gerade passiert" {
		t.Errorf("after saying each: %v", slices.Sorted(maps.Keys(c.raw)))
	}
}
