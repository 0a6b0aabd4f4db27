//go:build linux

package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"unstuck/device/backup"
	"unstuck/device/desktop"
	"unstuck/device/desktop/desktoptest"
	"unstuck/device/diagnose"
	"unstuck/device/hostcheck"
)

// newReportPanel is the panel with the real save dialog and file manager
// launchers (device/desktop), in a window of its own; the programs they
// start are the scripts the test puts on PATH.
func newReportPanel(t *testing.T) (*ReportPanel, fyne.Window, *Queue, *[]error) {
	t.Helper()
	a := test.NewTempApp(t)
	w := a.NewWindow("t")
	q := NewQueue()
	var failed []error
	e := NewReportPanel(ReportPanelOptions{Ctx: context.Background(), Window: w, Post: q.Post,
		Options: func() diagnose.Options {
			return diagnose.Options{State: restoring, Host: []hostcheck.Check{}, Backups: &backup.Result{}}
		},
		Failed: func(err error) { failed = append(failed, err) }, SaveDialog: desktop.SaveDialog, Reveal: desktop.Reveal})
	w.SetContent(e.Content())
	t.Setenv("DISPLAY", ":99")
	t.Setenv("XDG_CURRENT_DESKTOP", "GNOME")
	return e, w, q, &failed
}

// Save goes through the system's dialog (zenity here), which has asked
// before replacing; then "Show in folder" opens the file manager at the
// report's folder.
func TestReportSavedThroughTheSystemDialog(t *testing.T) {
	e, w, q, _ := newReportPanel(t)
	bin := desktoptest.OnlyPath(t)
	path := filepath.Join(t.TempDir(), "for support.zip")
	os.WriteFile(path, []byte("an older report"), 0o600)
	asked := desktoptest.Tool(t, bin, "zenity", "echo '"+path+"'")
	opened := desktoptest.Tool(t, bin, "xdg-open", "exit 0")
	if e.ShowInFolder.Visible() {
		t.Error("Show in folder before anything was saved")
	}
	test.Tap(e.Save)
	drainUntil(t, q, "saved", func() bool { return strings.HasPrefix(e.Status.Text, "Saved") })
	if b, _ := os.ReadFile(path); !strings.HasPrefix(string(b), "PK") {
		t.Errorf("the chosen file holds %.20q, not the report", b)
	}
	if a := strings.Join(asked(), " "); !strings.Contains(a, "--save") || !strings.Contains(a, "unstuck-report-") {
		t.Errorf("zenity was asked %q", a)
	}
	if len(w.Canvas().Overlays().List()) != 0 {
		t.Error("Fyne's dialog opened too")
	}
	if !e.ShowInFolder.Visible() {
		t.Fatal("no Show in folder after saving")
	}
	test.Tap(e.ShowInFolder)
	drainUntil(t, q, "the file manager", func() bool { return strings.Contains(e.Status.Text, "is opening") })
	if got := opened(); len(got) != 1 || got[0] != filepath.Dir(path) {
		t.Errorf("xdg-open got %q, want the report's folder", got)
	}
}

// Cancel in the system dialog saves nothing and opens no other dialog;
// without a system dialog Fyne's folder dialog opens; a file manager that
// fails says so, and where the report is.
func TestReportDialogCancelledOrMissing(t *testing.T) {
	e, w, q, failed := newReportPanel(t)
	bin := desktoptest.OnlyPath(t)
	desktoptest.Tool(t, bin, "zenity", "exit 1")
	test.Tap(e.Save)
	drainUntil(t, q, "the dialog closed", func() bool { return e.Status.Text == notSaved() })
	if len(w.Canvas().Overlays().List()) != 0 || strings.HasPrefix(e.Status.Text, "Saved") {
		t.Errorf("after Cancel: status %q, %d dialogs", e.Status.Text, len(w.Canvas().Overlays().List()))
	}

	desktoptest.OnlyPath(t) // no zenity, no kdialog
	test.Tap(e.Save)
	drainUntil(t, q, "Fyne's folder dialog", func() bool { return len(w.Canvas().Overlays().List()) == 1 })

	bin = desktoptest.OnlyPath(t)
	desktoptest.Tool(t, bin, "xdg-open", "echo 'no method available' >&2; exit 3")
	e.WriteTo(filepath.Join(t.TempDir(), "r.zip"), []byte("PK"), now, false)
	drainUntil(t, q, "saved", func() bool { return e.ShowInFolder.Visible() })
	test.Tap(e.ShowInFolder)
	drainUntil(t, q, "the failure said", func() bool { return strings.Contains(e.Status.Text, "could not be opened") })
	if !strings.Contains(e.Status.Text, "no method available") || !strings.Contains(e.Status.Text, "r.zip") {
		t.Errorf("status %q", e.Status.Text)
	}
	if len(*failed) != 1 || !strings.Contains((*failed)[0].Error(), "showing the report in its folder") {
		t.Errorf("failures noted for the report: %v", *failed)
	}
}
