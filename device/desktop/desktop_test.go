//go:build unix

package desktop

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"unstuck/device/desktop/desktoptest"
)

func same(got, want []string) bool { return strings.Join(got, "\x00") == strings.Join(want, "\x00") }

func TestRevealStartsTheFileManager(t *testing.T) {
	report := "/home/ann/Documents/Unstuck report.zip"
	for goos, want := range map[string][]string{
		"linux":  {"/home/ann/Documents"},
		"darwin": {"-R", report},
	} {
		bin := desktoptest.OnlyPath(t)
		args := desktoptest.Tool(t, bin, revealCommand(goos, report)[0], "exit 0")
		if err := reveal(context.Background(), goos, report); err != nil {
			t.Fatalf("%s: %v", goos, err)
		}
		if got := args(); !same(got, want) {
			t.Errorf("%s: the file manager got %q, want %q", goos, got, want)
		}
	}
	if got := revealCommand("windows", `C:\Users\ann\r.zip`); !same(got, []string{"explorer", `/select,C:\Users\ann\r.zip`}) {
		t.Errorf("windows: %q", got)
	}
}

// A launcher that fails says why; a missing one says so; one that keeps
// running (xdg-open's generic fallback runs the file manager itself) is not
// waited for.
func TestRevealFailuresAreSaid(t *testing.T) {
	bin := desktoptest.OnlyPath(t)
	desktoptest.Tool(t, bin, "xdg-open", "echo 'xdg-open: no method available for opening' >&2; exit 3")
	err := reveal(context.Background(), "linux", "/tmp/r.zip")
	if err == nil || !strings.Contains(err.Error(), "no method available") || !strings.Contains(err.Error(), "exit status 3") {
		t.Errorf("a failing launcher: %v", err)
	}
	desktoptest.OnlyPath(t)
	if err := reveal(context.Background(), "linux", "/tmp/r.zip"); err == nil || !strings.Contains(err.Error(), "cannot open the file manager") {
		t.Errorf("no launcher: %v", err)
	}
	bin = desktoptest.OnlyPath(t)
	desktoptest.Tool(t, bin, "xdg-open", "exec /bin/sleep 30")
	began := time.Now()
	if err := reveal(context.Background(), "linux", "/tmp/r.zip"); err != nil || time.Since(began) > launchWait+2*time.Second {
		t.Errorf("a launcher that stays: %v after %v", err, time.Since(began))
	}
}

func env(vars ...string) func(string) string {
	return func(k string) string {
		for i := 0; i+1 < len(vars); i += 2 {
			if vars[i] == k {
				return vars[i+1]
			}
		}
		return ""
	}
}

var save = Save{Title: "Save the report", Folder: "/home/ann/Documents", Name: "unstuck-report.zip"}

// The dialog's answer is the path; Cancel is "" without an error; a
// failure is an error, for the caller's own dialog to take over.
func TestSaveDialogAnswers(t *testing.T) {
	x11 := env("DISPLAY", ":0")
	for _, c := range []struct {
		goos, tool, body string
		env              func(string) string
		args             []string
		path             string
		err              string
	}{
		{"linux", "zenity", "echo /home/ann/r.zip", x11,
			[]string{"--file-selection", "--save", "--confirm-overwrite", "--title=Save the report", "--filename=/home/ann/Documents/unstuck-report.zip"}, "/home/ann/r.zip", ""},
		{"linux", "zenity", "exit 1", x11, nil, "", ""},
		{"linux", "zenity", "echo 'cannot open display' >&2; exit 255", x11, nil, "", "cannot open display"},
		{"linux", "kdialog", "echo /home/ann/k.zip", env("WAYLAND_DISPLAY", "wayland-0"),
			[]string{"--title", "Save the report", "--getsavefilename", "/home/ann/Documents/unstuck-report.zip"}, "/home/ann/k.zip", ""},
		{"darwin", "osascript", "echo /Users/ann/r.zip", nil,
			[]string{"-e", `POSIX path of (choose file name with prompt "Save the report" default name "unstuck-report.zip" default location (POSIX file "/home/ann/Documents"))`}, "/Users/ann/r.zip", ""},
		{"darwin", "osascript", "echo 'execution error: User canceled. (-128)' >&2; exit 1", nil, nil, "", ""},
		{"darwin", "osascript", "echo 'syntax error' >&2; exit 1", nil, nil, "", "syntax error"},
	} {
		bin := desktoptest.OnlyPath(t)
		args := desktoptest.Tool(t, bin, c.tool, c.body)
		path, err := saveDialog(context.Background(), c.goos, save, c.env)
		if path != c.path || (err == nil) != (c.err == "") || (err != nil && !strings.Contains(err.Error(), c.err)) {
			t.Errorf("%s %s %q: %q, %v; want %q, %q", c.goos, c.tool, c.body, path, err, c.path, c.err)
		}
		if c.args != nil && !same(args(), c.args) {
			t.Errorf("%s got %q, want %q", c.tool, args(), c.args)
		}
	}
}

// Which dialog: the desktop's own first; none without a display or without
// the programs.
func TestSaveDialogChoice(t *testing.T) {
	bin := desktoptest.OnlyPath(t)
	desktoptest.Tool(t, bin, "zenity", "")
	desktoptest.Tool(t, bin, "kdialog", "")
	for _, c := range []struct {
		env  func(string) string
		tool string
	}{
		{env("DISPLAY", ":0", "XDG_CURRENT_DESKTOP", "GNOME"), "zenity"},
		{env("DISPLAY", ":0", "XDG_CURRENT_DESKTOP", "KDE"), "kdialog"},
		{env("XDG_CURRENT_DESKTOP", "KDE"), ""},
	} {
		got := saveCommand("linux", save, c.env)
		if (got == nil) != (c.tool == "") || (got != nil && got[0] != c.tool) {
			t.Errorf("%q: %q, want %s", c.env("XDG_CURRENT_DESKTOP"), got, c.tool)
		}
	}
	desktoptest.OnlyPath(t)
	if _, err := saveDialog(context.Background(), "linux", save, env("DISPLAY", ":0")); !errors.Is(err, ErrNoDialog) {
		t.Errorf("neither zenity nor kdialog: %v", err)
	}
	if got := appleString(`a "b" \c`); got != `"a \"b\" \\c"` {
		t.Errorf("AppleScript string %s", got)
	}
}
