package main

import (
	"context"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"unstuck/device/report"
	"unstuck/device/report/reporttest"
	"unstuck/device/tr"
)

// report --lang de against the usbmuxd simulator writes the page and the
// summary in German, and the JSON (alone, in the zip and in the page) in
// English, as support staff read it.
func TestReportInGermanAgainstSimulator(t *testing.T) {
	noLocale(t)
	startSim(t, "two-phones")
	withHostChecks(t)
	zipPath := filepath.Join(t.TempDir(), "r.zip")
	if code, _, errOut := runCLI(t, context.Background(), "", "report", "--lang", "de", "--out", zipPath); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	data, err := os.ReadFile(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	files := reporttest.Unzip(t, data)
	page, text := html.UnescapeString(files["report.html"]), files["report.txt"]
	for _, want := range []string{`<html lang="de">`, "<h2>Was versucht wurde</h2>", "<h2>Dieser Computer</h2>",
		"Für den Support: dieser Bericht auf Englisch (JSON)", "Pair records", "Warnung"} {
		if !strings.Contains(page, want) {
			t.Errorf("the German page lacks %q:\n%s", want, page)
		}
	}
	for _, want := range []string{"Bericht von Unstuck", "(Kennungen gekürzt)", "iPhone: "} {
		if !strings.Contains(text, want) {
			t.Errorf("the German summary lacks %q:\n%s", want, text)
		}
	}
	for _, english := range []string{"What was tried", "This computer</h2>", "Drops in the last minute"} {
		if strings.Contains(page, english) {
			t.Errorf("the German page says %q", english)
		}
	}
	r, err := report.Parse([]byte(files["report.json"]))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Devices) == 0 {
		t.Fatalf("no phones in the JSON:\n%s", files["report.json"])
	}
	for _, p := range r.Devices {
		if want := tr.In(tr.English, p.Mode.MessageID("headline")); p.ModeMeaning.In("de") != want {
			t.Errorf("the JSON's mode meaning is %q, want the English %q", p.ModeMeaning.In("de"), want)
		}
		if !strings.Contains(page, tr.In("de", p.Mode.MessageID("headline"))) {
			t.Errorf("the page lacks the German meaning of %s", p.Mode)
		}
	}
	if !strings.Contains(page, strings.TrimSpace(files["report.json"])) {
		t.Errorf("the page does not embed the English JSON")
	}
	// LANG alone, without --lang, picks the page's language too.
	t.Setenv("LANG", "ja_JP.UTF-8")
	_, out, _ := runCLI(t, context.Background(), "", "report", "--format", "html")
	if !strings.Contains(out, `<html lang="ja">`) || !strings.Contains(out, "<h2>試したこと</h2>") {
		t.Errorf("LANG=ja_JP.UTF-8: the page is not Japanese:\n%s", out)
	}
}
