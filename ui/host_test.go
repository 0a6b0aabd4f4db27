package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"unstuck/device/hostcheck"
	"unstuck/device/tr"
)

var hostChecks = []hostcheck.Check{
	{ID: "os", Title: tr.Raw("Operating system"), Status: hostcheck.OK, Found: tr.Raw("Debian GNU/Linux 12 (bookworm)")},
	{ID: "linux.udev-rules", Title: tr.Raw("Permission rules"), Status: hostcheck.Warn, Found: tr.Raw("No rule for 05ac:f014."),
		Fix: tr.Raw("Save the rule below."), Snippet: `ATTR{idVendor}=="05ac", TAG+="uaccess"`, Link: "https://github.com/libimobiledevice/libirecovery"},
	{ID: "linux.usbmuxd-running", Title: tr.Raw("usbmuxd running"), Status: hostcheck.Fail, Found: tr.Raw("Socket refuses."), Fix: tr.Raw("Restart it.")},
	{ID: "compat", Title: tr.Raw("This iPhone"), Status: hostcheck.Unknown, Found: tr.Raw("No running iPhone.")},
	{ID: "x", Title: tr.Raw("Ok with a stray link"), Status: hostcheck.OK, Found: tr.Raw("fine"), Link: "https://example.com"},
}

func TestHostPanelShowsChecks(t *testing.T) {
	test.NewTempApp(t)
	clicks := 0
	p := NewHostPanel(func() { clicks++ })
	w := test.NewTempWindow(t, p.Content())
	w.Resize(WindowSize)
	if p.CheckedAt.Text != "Not checked yet" {
		t.Errorf("before: %q", p.CheckedAt.Text)
	}
	at := time.Date(2025, 3, 4, 14, 5, 6, 0, time.Local)
	p.Apply(hostChecks, at)
	if len(p.Rows) != len(hostChecks) {
		t.Fatalf("%d rows", len(p.Rows))
	}
	if p.CheckedAt.Text != "Checked at 14:05:06: 2 things to fix" {
		t.Errorf("summary %q", p.CheckedAt.Text)
	}
	// Each status has its own icon, coloured as the theme's success,
	// warning, error and disabled colours.
	wantIcons := []string{"success_check", "warning_warning", "error_error", "disabled_question"}
	for i, want := range wantIcons {
		if got := p.Rows[i].Icon.Resource.Name(); !strings.Contains(got, want) {
			t.Errorf("row %d icon %q, want %q", i, got, want)
		}
	}
	warn := p.Rows[1]
	if !warn.Fix.Visible() || warn.Fix.Text != "Save the rule below." || !warn.Snippet.Visible() || warn.Snippet.Text != hostChecks[1].Snippet {
		t.Errorf("warn row fix %q (shown %v), snippet shown %v", warn.Fix.Text, warn.Fix.Visible(), warn.Snippet.Visible())
	}
	if !warn.Link.Visible() || warn.Link.URL == nil || warn.Link.URL.String() != hostChecks[1].Link || warn.Link.Text != "Open github.com" {
		t.Errorf("warn link %q %v shown %v", warn.Link.Text, warn.Link.URL, warn.Link.Visible())
	}
	ok := p.Rows[0]
	if ok.Fix.Visible() || ok.Link.Visible() || ok.Snippet.Visible() {
		t.Error("an ok row shows a fix, link or snippet")
	}
	if p.Rows[4].Link.Visible() {
		t.Error("an ok row shows its link")
	}
	if fail := p.Rows[2]; !fail.Fix.Visible() || fail.Link.Visible() {
		t.Error("fail row: fix hidden or an empty link shown")
	}
	test.Tap(p.CheckAgain)
	if clicks != 1 {
		t.Errorf("Check again ran %d times", clicks)
	}
	// A second Apply replaces the list.
	p.Apply(hostChecks[:1], at)
	if len(p.Rows) != 1 || len(p.list.Objects) != 1 || p.CheckedAt.Text != "Checked at 14:05:06: nothing to fix" {
		t.Errorf("after re-apply: %d rows, %d objects, %q", len(p.Rows), len(p.list.Objects), p.CheckedAt.Text)
	}
	NewHostPanel(nil).CheckAgain.OnTapped() // no callback: no panic
}
