package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"unstuck/device/tr"
)

// noLocale clears the locale variables, so only --lang or what a test sets
// picks the language, and puts English back after.
func noLocale(t *testing.T) {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"} {
		t.Setenv(v, "")
	}
	t.Setenv("LANG", "C")
	t.Cleanup(func() { tr.Use(tr.English) })
}

// status --lang de against the usbmuxd simulator speaks German, with the
// labels aligned; JSON stays as it is.
func TestStatusInGermanAgainstSimulator(t *testing.T) {
	noLocale(t)
	startSim(t, "normal")
	code, out, errOut := runCLI(t, context.Background(), "", "status", "--lang", "de")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"iPhone X (Global) — Verbunden: Das iPhone läuft normal\n", "  Modus:        normaler Modus\n",
		"  Produkttyp:   iPhone10,3\n", "  iOS:          16.7.10", "  Vertrauen:    unbekannt\n", "Dieser Computer wird wach gehalten: "} {
		if !strings.Contains(out, want) {
			t.Errorf("German status lacks %q:\n%s", want, out)
		}
	}
	for _, english := range []string{"Product type", "Connected:", "Keeping this computer awake"} {
		if strings.Contains(out, english) {
			t.Errorf("German status says %q:\n%s", english, out)
		}
	}
	_, en, _ := runCLI(t, context.Background(), "", "status", "--json")
	_, de, _ := runCLI(t, context.Background(), "", "status", "--json", "--lang=de")
	var a, b struct{ Devices []map[string]any }
	if json.Unmarshal([]byte(en), &a) != nil || json.Unmarshal([]byte(de), &b) != nil || len(a.Devices) != 1 || len(b.Devices) != 1 ||
		a.Devices[0]["mode"] != b.Devices[0]["mode"] || a.Devices[0]["note"] != b.Devices[0]["note"] {
		t.Errorf("JSON differs by language:\n%s\n%s", en, de)
	}
}

// Without --lang, LANG picks the language; Japanese labels, two columns a
// character, line up with the rest.
func TestStatusFollowsLANG(t *testing.T) {
	noLocale(t)
	startSim(t, "normal")
	t.Setenv("LANG", "ja_JP.UTF-8")
	_, out, _ := runCLI(t, context.Background(), "", "status")
	if !strings.Contains(out, "  モード:       通常モード\n") || !strings.Contains(out, "  製品タイプ:   iPhone10,3\n") {
		t.Errorf("LANG=ja_JP.UTF-8:\n%s", out)
	}
	_, out, _ = runCLI(t, context.Background(), "", "status", "--lang", "fr")
	if !strings.Contains(out, "  Type de produit: iPhone10,3\n") {
		t.Errorf("--lang fr over LANG:\n%s", out)
	}
	t.Setenv("LANG", "C")
	_, out, _ = runCLI(t, context.Background(), "", "status")
	if !strings.Contains(out, "  Product type: iPhone10,3\n") {
		t.Errorf("LANG=C is English, also after a German run:\n%s", out)
	}
}

func TestTakeLang(t *testing.T) {
	noLocale(t)
	for _, c := range []struct {
		args []string
		rest string
		lang string
	}{
		{[]string{"status", "--lang", "de", "--json"}, "status --json", "de"},
		{[]string{"--lang=pt-BR", "status"}, "status", "pt-BR"},
		{[]string{"status", "-lang", "zh-CN"}, "status", "zh-Hans"},
		{[]string{"identify", "--language", "x"}, "identify --language x", "en"},
		{[]string{"status"}, "status", "en"},
	} {
		rest, err := takeLang(c.args)
		if err != nil || strings.Join(rest, " ") != c.rest || tr.Current() != c.lang {
			t.Errorf("%v: %v %v, speaking %s", c.args, rest, err, tr.Current())
		}
	}
	for _, args := range [][]string{{"status", "--lang"}, {"status", "--lang", "ru"}} {
		code, _, errOut := runCLI(t, context.Background(), "", args...)
		if code != 2 || !strings.Contains(errOut, "--lang") && !strings.Contains(errOut, "speaks en, de") {
			t.Errorf("%v: exit %d, %s", args, code, errOut)
		}
	}
}
