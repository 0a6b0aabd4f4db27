//go:build linux

package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"unstuck/device"
	"unstuck/device/desktop/desktoptest"
	"unstuck/device/report/reporttest"
	"unstuck/device/tr"
)

// In German the panel saves the page and the summary in German and the
// JSON in English, for support staff.
func TestReportSavedInGerman(t *testing.T) {
	speak(t, "de")
	e, _, q, _ := newReportPanel(t)
	bin := desktoptest.OnlyPath(t)
	path := filepath.Join(t.TempDir(), "bericht.zip")
	desktoptest.Tool(t, bin, "zenity", "echo '"+path+"'")
	test.Tap(e.Save)
	drainUntil(t, q, "saved", func() bool { return e.saved != "" })
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	files := reporttest.Unzip(t, data)
	headline := device.ModeRestore.MessageID("headline")
	if page := files["report.html"]; !strings.Contains(page, `<html lang="de">`) || !strings.Contains(page, "Was versucht wurde") {
		t.Errorf("the page is not German:\n%s", page)
	}
	if !strings.HasPrefix(files["report.txt"], "Bericht von Unstuck") {
		t.Errorf("the summary is not German:\n%s", files["report.txt"])
	}
	if js := files["report.json"]; !strings.Contains(js, tr.In(tr.English, headline)) || strings.Contains(js, tr.In("de", headline)) {
		t.Errorf("the JSON is not English:\n%s", js)
	}
}
