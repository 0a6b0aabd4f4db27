package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"unstuck/device/hostcheck"
	"unstuck/device/tr"
)

// host, guide (printed and run), backups and report, and their mistakes,
// in the pseudo-language: every word is a catalogue's (bracketed) but
// data (paths, the checks' commands, the procedures' sources).
func TestPseudoLanguageOtherCommands(t *testing.T) {
	noLocale(t)
	sim := startSim(t, "normal")
	bus, empty := emptyBus(t), t.TempDir()
	saved := filepath.Join(t.TempDir(), "report.txt")
	data := append([]string{bus, empty, saved, "iPhone X (Global)", sim.Phones()[0].UDID, "side, iphone7, home-side, home-top"},
		hostSnippets(t, bus)...)
	for _, c := range []struct {
		args  []string
		stdin string
	}{
		{args: []string{"host", "--sysfs", bus, "--wait", "1s"}},
		{args: []string{"guide", "--procedure", "force-restart", "--family", "side"}},
		{args: []string{"guide", "--procedure", "dfu", "--model", "iPhone10,3"}},
		{args: []string{"guide", "--procedure", "dfu"}}, {args: []string{"guide", "--procedure", "dfu", "--family", "nosuch"}},
		{args: []string{"guide", "--procedure", "nosuch", "--family", "side"}}, {args: []string{"guide", "--model", "x", "--family", "side"}},
		{args: []string{"guide", "--procedure", "dfu", "--model", "iPhone99,9"}},
		{args: []string{"backups", "--dir", empty}}, {args: []string{"backups", "--udid", "nosuch"}}, {args: []string{"backups", "--dir", ""}},
		{args: []string{"report", "--sysfs", bus, "--wait", "1s", "--out", saved}},
		{args: []string{"report", "--sysfs", bus, "--wait", "1s", "--out", saved}, stdin: "n\n"},
		{args: []string{"report", "--sysfs", bus, "--wait", "1s", "--out", saved, "--no-redact"}, stdin: "y\n"},
		{args: []string{"report", "--sysfs", bus, "--wait", "1s", "--out", saved}}, // no answer
		{args: []string{"report", "--format", "nosuch"}}, {args: []string{"report", "--format", "zip"}},
		{args: []string{"report", "--out", "report.nosuch"}},
	} {
		args := append([]string{"--lang", tr.Pseudo}, c.args...)
		_, out, errOut := runCLI(t, context.Background(), c.stdin, args...)
		if bad := untranslated(out+errOut, data...); len(bad) > 0 || out+errOut == "" {
			t.Errorf("%v says %q outside the catalogue:\n%s%s", c.args, bad, out, errOut)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second) // the run stops while it gets ready
	defer cancel()
	_, out, errOut := runCLI(t, ctx, "", "--lang", tr.Pseudo, "guide", "--run", "--procedure", "force-restart", "--sysfs", bus)
	if bad := untranslated(out+errOut, data...); len(bad) > 0 || !strings.Contains(out, "[") {
		t.Errorf("guide --run says %q outside the catalogue:\n%s%s", bad, out, errOut)
	}
}

// hostSnippets are the commands host's checks suggest: data, the same in
// every language.
func hostSnippets(t *testing.T, bus string) []string {
	_, out, _ := runCLI(t, context.Background(), "", "host", "--json", "--sysfs", bus, "--wait", "1s")
	var checks []hostcheck.Check
	if err := json.Unmarshal([]byte(out), &checks); err != nil {
		t.Fatalf("host --json: %v\n%s", err, out)
	}
	var snippets []string
	for _, c := range checks {
		if c.Snippet != "" {
			snippets = append(snippets, c.Snippet)
		}
	}
	return snippets
}

// The report's save, said in German: where it went, the question before
// replacing a file (answered with the language's yes) and the end of the
// input; none of it in English.
func TestReportSaveInGerman(t *testing.T) {
	noLocale(t)
	startSim(t, "normal")
	path := filepath.Join(t.TempDir(), "bericht.txt")
	if err := os.WriteFile(path, []byte("alt"), 0o600); err != nil {
		t.Fatal(err)
	}
	args := []string{"--lang", "de", "report", "--sysfs", emptyBus(t), "--wait", "1s", "--out", path}
	_, out, errOut := runCLI(t, context.Background(), "ja\n", args...)
	for _, want := range []string{path + " gibt es schon. Ersetzen? [j/N] ", "Der Bericht ist gespeichert in " + path + " (Kennungen gekürzt)."} {
		if !strings.Contains(out, want) || strings.Contains(out, "Replace") {
			t.Errorf("German save lacks %q:\n%s%s", want, out, errOut)
		}
	}
	_, _, errOut = runCLI(t, context.Background(), "", args...)
	if want := "keine Antwort: die Standardeingabe ist zu Ende: der Bericht wurde nicht gespeichert"; !strings.Contains(errOut, want) {
		t.Errorf("German end of input lacks %q:\n%s", want, errOut)
	}
}
