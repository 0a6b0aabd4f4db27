package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"unstuck/device/muxsim"
	"unstuck/device/tr"
	"unstuck/device/version"
)

// dataWords are codes the output shows as they are, in every language:
// mode and trust codes, button families, program names.
var dataWords = map[string]bool{"normal": true, "recovery": true, "dfu": true, "side": true, "unstuckctl": true, "export": true}

var edgePunct = regexp.MustCompile(`^[^\pL\pN-]+|[^\pL\pN]+$`)

// untranslated lists the words of out (said in the pseudo-language) that
// no message bracketed, once data is taken out: the strings in data (names,
// paths, versions), the usage's syntax lines, the flags' lines of --help,
// flags, placeholders in capitals and words with a digit (product types,
// IDs, versions).
func untranslated(out string, data ...string) []string {
	var lines []string
	for line := range strings.Lines(out) {
		switch {
		case strings.HasPrefix(line, "  unstuckctl "): // a command's syntax
		case strings.HasPrefix(line, "  -"): // a flag's syntax, in --help
		default:
			lines = append(lines, line)
		}
	}
	out = strings.Join(lines, "")
	for _, d := range data {
		out = strings.ReplaceAll(out, d, " ")
	}
	var bad []string
	for _, w := range strings.Fields(tr.Unbracketed(out)) {
		w = edgePunct.ReplaceAllString(w, "")
		switch {
		case w == "", strings.HasPrefix(w, "-"), strings.ContainsAny(w, "0123456789/"), w == strings.ToUpper(w), dataWords[w]:
		default:
			bad = append(bad, w)
		}
	}
	return bad
}

// Every command's usage and help, the argument mistakes, and the human
// output of identify, simulate, status, watch and version, run through
// the real command line in the pseudo-language: every word is a
// catalogue's (bracketed) but data.
func TestPseudoLanguageEndToEnd(t *testing.T) {
	noLocale(t)
	sim := startSim(t, "normal")
	phone := sim.Phones()[0]
	sock := filepath.Join(shortTemp(t), "sim.sock")
	data := []string{"iPhone X (Global)", "iPhone 8 Plus (GSM)", phone.UDID, sock, "parse error", version.String(),
		strings.Join(muxsim.ScenarioNames(), ", ")}
	data = append(data, muxsim.ScenarioNames()...)
	winPath := `USB\VID_05AC&PID_1281\CPID:8015_BDID:0C_ECID:001A2B3C4D5E6F70_SRTG:[IBOOT-3865.0.0.4.7]`
	for _, c := range []struct {
		args  []string
		stdin string
	}{
		{args: nil}, {args: []string{"help"}}, {args: []string{"frobnicate"}},
		{args: []string{"status", "--help"}}, {args: []string{"watch", "-h"}}, {args: []string{"identify", "--help"}},
		{args: []string{"simulate", "--help"}}, {args: []string{"host", "--help"}}, {args: []string{"guide", "--help"}},
		{args: []string{"backups", "--help"}}, {args: []string{"report", "--help"}},
		{args: []string{"exit-recovery", "--help"}}, {args: []string{"enter-recovery", "--help"}},

		{args: []string{"status", "extra"}}, {args: []string{"status", "--wait", "-1s"}}, {args: []string{"status", "--nosuch"}},
		{args: []string{"status", "--wait"}}, {args: []string{"status", "--wait", "soon"}}, {args: []string{"simulate"}},
		{args: []string{"identify", "--text", winPath}}, {args: []string{"identify", "--text", "nothing here"}},
		{args: []string{"identify", "--text", "00008140-001C396E1E13001C"}},
		{args: []string{"identify", "--text"}, stdin: "CPID: 0x8015\nBDID: 0x06\n" + strings.Repeat("x", 1<<20)},
		{args: []string{"simulate", "--list"}}, {args: []string{"status", "--sysfs", emptyBus(t)}}, {args: []string{"--version"}},
	} {
		args := append([]string{"--lang", tr.Pseudo}, c.args...)
		_, out, errOut := runCLI(t, context.Background(), c.stdin, args...)
		if bad := untranslated(out+errOut, data...); len(bad) > 0 {
			t.Errorf("%v says %q outside the catalogue:\n%s%s", c.args, bad, out, errOut)
		}
	}
	// A mistake in --lang itself is said in the environment's language.
	t.Setenv("LANG", tr.Pseudo)
	_, _, errOut := runCLI(t, context.Background(), "", "status", "--lang", "ru")
	if bad := untranslated(errOut, data...); len(bad) > 0 || !strings.Contains(errOut, "[unstuckctl does not speak ru") {
		t.Errorf("--lang ru says %q outside the catalogue:\n%s", bad, errOut)
	}
	out := runUntil(t, 1500*time.Millisecond, "simulate", "--socket", sock)
	if bad := untranslated(out, append(data, "export USBMUXD_SOCKET_ADDRESS=unix:")...); len(bad) > 0 || !strings.Contains(out, "[Simulating") {
		t.Errorf("simulate says %q outside the catalogue:\n%s", bad, out)
	}
	out = runUntil(t, 2*time.Second, "watch", "--sysfs", emptyBus(t), "--backup-dir", t.TempDir())
	if bad := untranslated(out, data...); len(bad) > 0 || !strings.Contains(out, "[Mode]") {
		t.Errorf("watch says %q outside the catalogue:\n%s", bad, out)
	}
}

// runUntil runs a command that runs until interrupted (simulate, watch) in
// the pseudo-language for d and returns what it printed.
func runUntil(t *testing.T, d time.Duration, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	code, out, errOut := runCLI(t, ctx, "", append([]string{"--lang", tr.Pseudo}, args...)...)
	if code != 0 {
		t.Errorf("%v: exit %d, %s", args, code, errOut)
	}
	return out + errOut
}

// shortTemp is a temporary folder with a short path: a Unix socket's path
// is limited.
func shortTemp(t *testing.T) string {
	dir, err := os.MkdirTemp("", "ctl")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

// The command line in German end to end, by --lang de and by LANG: the
// usage, a command's help, a mistake, identify, simulate and watch (with
// status, with the phone's note from device/muxsource); none of it in
// English.
func TestGermanEndToEnd(t *testing.T) {
	noLocale(t)
	startSim(t, "normal")
	ctx, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
	defer cancel()
	_, out, _ := runCLI(t, ctx, "", "--lang", "de", "watch", "--sysfs", emptyBus(t), "--backup-dir", t.TempDir())
	if !strings.Contains(out, "  Vertrauen:    fragt, ob es diesem Computer vertrauen soll.") || strings.Contains(out, "Trust:") {
		t.Errorf("German watch:\n%s", out)
	}
	t.Setenv("LANG", "de_DE.UTF-8")
	_, out, _ = runCLI(t, context.Background(), "", "status", "--sysfs", emptyBus(t), "--backup-dir", t.TempDir())
	if !strings.Contains(out, "  Hinweis:      Dieser Computer ist noch nicht mit dem iPhone gekoppelt;") || strings.Contains(out, "no pairing") {
		t.Errorf("German status by LANG:\n%s", out)
	}
	t.Setenv("LANG", "C")
	winPath := `USB\VID_05AC&PID_1281\CPID:8015_BDID:0C_ECID:001A2B3C4D5E6F70_SRTG:[IBOOT-3865.0.0.4.7]`
	for _, how := range []string{"--lang", "LANG"} {
		run := func(args ...string) string {
			if how == "--lang" {
				args = append([]string{"--lang", "de"}, args...)
			} else {
				t.Setenv("LANG", "de_DE.UTF-8")
			}
			_, out, errOut := runCLI(t, context.Background(), "", args...)
			return out + errOut
		}
		for _, c := range []struct {
			args          []string
			want, english string
		}{
			{[]string{"help"}, "  unstuckctl status [--json]", "usage:"},
			{[]string{"help"}, "      erklärt die iPhone-Kennungen in eingefügtem Text", "explain"},
			{[]string{"status", "--help"}, "\n  -json\n    \tJSON ausgeben\n", "print JSON"},
			{[]string{"status", "--help"}, "Messwert jeder Quelle (Standard: 5s)", "default"},
			{[]string{"status", "extra"}, "unstuckctl: status nimmt keine Argumente, erhalten: extra\nAufruf:\n", "takes no"},
			{[]string{"status", "--wait", "-1s"}, "--wait darf nicht negativ sein", "must not"},
			{[]string{"frobnicate"}, `unbekannter Befehl "frobnicate"`, "unknown"},
			{[]string{"identify", "--text", winPath}, "Modell:        iPhone 8 Plus (GSM)\n", "Model:"},
			{[]string{"identify", "--text", winPath}, "Gefunden:      ein Windows-Gerätepfad; Windows nennt die Produkt-ID 1281, also Wiederherstellungsmodus\n", "Found"},
			{[]string{"identify", "--text", "nichts"}, "Im Text wurden keine iPhone-Kennungen gefunden.", "No iPhone"},
			{[]string{"simulate"}, "simulate braucht --socket PATH", "needs"},
		} {
			out := run(c.args...)
			if !strings.Contains(out, c.want) || strings.Contains(out, c.english) {
				t.Errorf("%s de %v: want %q, not %q, in:\n%s", how, c.args, c.want, c.english, out)
			}
		}
	}
}
