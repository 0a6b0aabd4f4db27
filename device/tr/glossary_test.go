package tr

import (
	"os"
	"strings"
	"testing"
)

// glossary reads assets/i18n/glossary.tsv: term → language → Apple's name.
func glossary(t *testing.T) map[string]map[string]string {
	data, err := os.ReadFile("../../assets/i18n/glossary.tsv")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]string{}
	for i, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		if strings.HasPrefix(line, "#") || strings.HasPrefix(line, "term\t") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 5 || f[2] == "" || f[3] == "" || (f[4] != "memory" && !strings.HasPrefix(f[4], "page ")) {
			t.Errorf("glossary line %d: %q", i+1, line)
			continue
		}
		if out[f[0]] == nil {
			out[f[0]] = map[string]string{}
		}
		out[f[0]][f[1]] = f[2]
	}
	return out
}

// The glossary names every term in every language, with a source, and the
// catalogues call the modes and the erasing choice by Apple's names.
func TestTheCataloguesUseApplesNames(t *testing.T) {
	g := glossary(t)
	for _, term := range []string{"side-button", "volume-up", "volume-down", "home-button", "trust", "update", "restore", "recovery-mode", "dfu-mode"} {
		for _, l := range Languages() {
			if g[term][l.Tag] == "" {
				t.Errorf("the glossary lacks %s in %s", term, l.Tag)
			}
		}
	}
	for _, use := range []struct{ term, id string }{
		{"recovery-mode", "mode.recovery.pill"}, {"dfu-mode", "mode.dfu.pill"}, {"restore", "mode.recovery.meaning"},
		{"side-button", "guide.button.side"}, {"home-button", "guide.button.home"},
		{"volume-up", "guide.button.volume_up"}, {"volume-down", "guide.button.volume_down"},
	} {
		for _, l := range Languages() {
			s, name := strings.ToLower(In(l.Tag, use.id)), strings.ToLower(g[use.term][l.Tag])
			if !strings.Contains(s, name) && !strings.Contains(name, s) { // "Volume Up" names Apple's "volume up button"
				t.Errorf("%s %s says %q, not Apple's %q", l.Tag, use.id, In(l.Tag, use.id), g[use.term][l.Tag])
			}
		}
	}
}
