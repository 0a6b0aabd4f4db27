//go:build linux

package ui

import (
	"archive/zip"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"unstuck/device"
	"unstuck/device/desktop/desktoptest"
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
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	files := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		files[f.Name] = string(b)
	}
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
