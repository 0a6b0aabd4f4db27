package device

import (
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strings"
	"testing"

	"unstuck/device/tr"
)

// TestModesListsEveryMode reads the Mode constants from mode.go, so a new
// constant without a row in the mode table fails here.
func TestModesListsEveryMode(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "mode.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var declared []string
	for _, decl := range f.Decls {
		g, ok := decl.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, spec := range g.Specs {
			v := spec.(*ast.ValueSpec)
			if id, ok := v.Type.(*ast.Ident); ok && id.Name == "Mode" {
				for _, n := range v.Names {
					declared = append(declared, n.Name)
				}
			}
		}
	}
	if len(declared) == 0 {
		t.Fatal("found no Mode constants in mode.go")
	}
	if len(declared) != len(Modes()) {
		t.Errorf("mode.go declares %d modes %v; Modes lists %d: %v", len(declared), declared, len(Modes()), Modes())
	}
	seen := map[Mode]bool{}
	for _, m := range Modes() {
		if seen[m] {
			t.Errorf("Modes lists %q twice", m)
		}
		seen[m] = true
	}
}

// Every mode has a headline of its own in every language.
func TestEveryModeHasAHeadline(t *testing.T) {
	defer tr.Use(tr.Current())
	for _, l := range tr.Languages() {
		tr.Use(l.Tag)
		unknown := Mode("no-such-mode").Headline()
		seen := map[string]Mode{}
		for _, m := range Modes() {
			h := m.Headline()
			if h == "" || h == unknown || strings.HasPrefix(h, "«") {
				t.Errorf("%s: mode %q has no headline: %q", l.Tag, m, h)
			}
			if other, ok := seen[h]; ok {
				t.Errorf("%s: %q and %q share the headline %q", l.Tag, m, other, h)
			}
			seen[h] = m
		}
	}
}

// Every mode has words of its own, never its internal value with a hyphen.
func TestEveryModeHasWords(t *testing.T) {
	seen := map[string]Mode{}
	for _, m := range Modes() {
		w := m.Words().In("en")
		if w == "" || (w == string(m) && strings.Contains(w, "-")) {
			t.Errorf("mode %q has no words: %q", m, w)
		}
		if other, ok := seen[w]; ok {
			t.Errorf("%q and %q share the words %q", m, other, w)
		}
		seen[w] = m
	}
}

func TestBootloaderModes(t *testing.T) {
	var got []Mode
	for _, m := range Modes() {
		if m.BootloaderMode() {
			got = append(got, m)
		}
	}
	if want := []Mode{ModeRecovery, ModeDFU, ModePortDFU, ModeWTF}; !slices.Equal(got, want) {
		t.Errorf("bootloader modes %v, want %v", got, want)
	}
}
