package packaging

import (
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

// shippedModules lists "path version" of every module whose packages are
// linked into unstuck or unstuckctl on Linux, macOS or Windows.
func shippedModules(t *testing.T) map[string]string {
	t.Helper()
	mods := map[string]string{}
	for _, goos := range []string{"linux", "darwin", "windows"} {
		cmd := exec.Command("go", "list", "-deps", "-f", "{{with .Module}}{{.Path}} {{.Version}}{{end}}", "unstuck/cmd/unstuck", "unstuck/cmd/unstuckctl")
		cmd.Env = append(os.Environ(), "GOOS="+goos, "CGO_ENABLED=1")
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go list for %s: %v", goos, err)
		}
		for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			path, ver, _ := strings.Cut(line, " ")
			if path != "" && path != "unstuck" {
				mods[path] = strings.TrimSuffix(ver, "+incompatible") // go-licenses drops it
			}
		}
	}
	if len(mods) < 20 {
		t.Fatalf("go list found only %d modules: %v", len(mods), mods)
	}
	return mods
}

// noticeSections maps each "### title" of THIRD_PARTY_NOTICES to its text.
func noticeSections(t *testing.T) map[string]string {
	t.Helper()
	data, err := os.ReadFile("../THIRD_PARTY_NOTICES")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	parts := regexp.MustCompile(`(?m)^### (.*)$`).Split(string(data), -1)
	titles := regexp.MustCompile(`(?m)^### (.*)$`).FindAllStringSubmatch(string(data), -1)
	for i, m := range titles {
		out[m[1]] = parts[i+1]
	}
	return out
}

func TestEveryShippedModuleHasANotice(t *testing.T) {
	sections := noticeSections(t)
	for path, ver := range shippedModules(t) {
		found := false
		for title, text := range sections {
			name, rest, _ := strings.Cut(title, " ")
			if (name == path || strings.HasPrefix(name, path+"/")) && strings.HasPrefix(rest, ver+" ") {
				found = true
				if len(strings.TrimSpace(text)) < 100 {
					t.Errorf("%s: the notice has no licence text", title)
				}
			}
		}
		if !found {
			t.Errorf("no notice for %s %s: run make notices", path, ver)
		}
	}
}

func TestDirectRequirementsHaveANotice(t *testing.T) {
	data, err := os.ReadFile("../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	sections := noticeSections(t)
	direct := regexp.MustCompile(`(?m)^\t(\S+) (\S+)$`).FindAllStringSubmatch(string(data), -1)
	if len(direct) < 3 {
		t.Fatalf("go.mod lists %d direct requirements", len(direct))
	}
	linked := linkedModules(t)
	for _, m := range direct {
		if !linked[m[1]] {
			continue // a test's requirement (yaml.v3 for the workflow tests): not in any program
		}
		found := false
		for title := range sections {
			if strings.HasPrefix(title, m[1]+" "+m[2]+" ") || strings.HasPrefix(title, m[1]+"/") {
				found = true
			}
		}
		if !found {
			t.Errorf("go.mod requires %s %s, and THIRD_PARTY_NOTICES has no notice for it", m[1], m[2])
		}
	}
}

// linkedModules are the modules whose packages the two programs link.
func linkedModules(t *testing.T) map[string]bool {
	t.Helper()
	out, err := exec.Command("go", "list", "-deps", "-f", "{{with .Module}}{{.Path}}{{end}}", "../cmd/unstuck", "../cmd/unstuckctl").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	linked := map[string]bool{}
	for _, m := range strings.Fields(string(out)) {
		linked[m] = true
	}
	return linked
}

// TestNoticesCoverWhatGoLicensesCannotSee: the C and font licences, Go's
// own, and libusb's LGPL, each with its text.
func TestNoticesCoverWhatGoLicensesCannotSee(t *testing.T) {
	sections := noticeSections(t)
	for prefix, text := range map[string]string{
		"The Go standard library":                 "Redistribution and use in source and binary forms",
		"GLFW 3.4":                                "This software is provided 'as-is'",
		"Fonts bundled by Fyne: Noto Sans":        "SIL OPEN FONT LICENSE Version 1.1",
		"Fonts bundled by Fyne: Inter":            "SIL OPEN FONT LICENSE",
		"Fonts bundled by Fyne: EmojiOne":         "MIT License",
		"Fonts bundled by Fyne: DejaVu Sans Mono": "Bitstream Vera",
		"libusb 1.0 (LGPL-2.1-or-later)":          "GNU LESSER GENERAL PUBLIC LICENSE",
	} {
		found := false
		for title, body := range sections {
			if strings.HasPrefix(title, prefix) {
				found = true
				if !strings.Contains(strings.ToUpper(body), strings.ToUpper(text)) {
					t.Errorf("%s: lacks %q", title, text)
				}
			}
		}
		if !found {
			t.Errorf("no section %q", prefix)
		}
	}
	lic, err := os.ReadFile("../LICENSE")
	if err != nil || !strings.HasPrefix(string(lic), "MIT License") {
		t.Errorf("LICENSE: %v, %.40q", err, lic)
	}
}
