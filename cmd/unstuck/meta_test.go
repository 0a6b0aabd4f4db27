package main

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"unstuck/device/version"
)

// TestMetadataMatchesFyneAppToml keeps the ID and name set in code the
// same as FyneApp.toml's, which "fyne package" reads.
func TestMetadataMatchesFyneAppToml(t *testing.T) {
	data, err := os.ReadFile("FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	field := func(name string) string {
		m := regexp.MustCompile(`(?m)^` + name + `\s*=\s*"([^"]*)"`).FindSubmatch(data)
		if m == nil {
			t.Fatalf("FyneApp.toml has no %s", name)
		}
		return string(m[1])
	}
	m := appMetadata()
	if id := field("ID"); m.ID != id || appID != id {
		t.Errorf("ID: code %q, FyneApp.toml %q", m.ID, id)
	}
	if name := field("Name"); m.Name != name {
		t.Errorf("Name: code %q, FyneApp.toml %q", m.Name, name)
	}
	if icon := field("Icon"); !fileExists(icon) {
		t.Errorf("FyneApp.toml's icon %s is not there", icon)
	}
	if m.Version != version.Numeric(version.String()) || m.Icon == nil || !m.Migrations["fyneDo"] {
		t.Errorf("metadata %+v", m)
	}
	if regexp.MustCompile(`(?m)^(Version|Build)\s*=`).Match(data) {
		t.Error("FyneApp.toml names a version: it comes from the VCS, and fyne package would bump Build in a tracked file")
	}
}

func fileExists(p string) bool { fi, err := os.Stat(p); return err == nil && fi.Mode().IsRegular() }

func TestNoticesPath(t *testing.T) {
	root := t.TempDir()
	put := func(rel string) string {
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("notices"), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	if got := noticesPath(filepath.Join(root, "usr", "bin")); got != "" {
		t.Errorf("nothing installed, got %q", got)
	}
	if err := os.MkdirAll(filepath.Join(root, "usr", "share", "doc", "unstuck", "THIRD_PARTY_NOTICES"), 0o755); err != nil {
		t.Fatal(err)
	}
	if got := noticesPath(filepath.Join(root, "usr", "bin")); got != "" {
		t.Errorf("a folder of that name is not the notices, got %q", got)
	}
	os.Remove(filepath.Join(root, "usr", "share", "doc", "unstuck", "THIRD_PARTY_NOTICES"))
	for dir, rel := range map[string]string{
		"usr/bin":                    "usr/share/doc/unstuck/THIRD_PARTY_NOTICES",
		"Unstuck.app/Contents/MacOS": "Unstuck.app/Contents/Resources/THIRD_PARTY_NOTICES",
		"Program Files/Unstuck":      "Program Files/Unstuck/THIRD_PARTY_NOTICES",
	} {
		want := put(rel)
		if got := noticesPath(filepath.Join(root, dir)); got != want {
			t.Errorf("%s: got %q, want %q", dir, got, want)
		}
	}
	if got := noticesPath(""); got != "" {
		t.Errorf("no executable: got %q", got)
	}
}
