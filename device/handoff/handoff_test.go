package handoff

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"unstuck/device/hostcheck"
	"unstuck/device/tr"
)

func check(id string, s hostcheck.Status, m hostcheck.Manager) hostcheck.Check {
	return hostcheck.Check{ID: id, Status: s, Manager: m}
}

// The checks below carry the Manager hostcheck finds (darwin.go,
// windows.go; its tests check that it sets them).
func TestChoose(t *testing.T) {
	appleDevices := check("win.apple-devices", hostcheck.OK, hostcheck.ManagerAppleDevices)
	noDevices := check("win.apple-devices", hostcheck.OK, "")
	neither := check("win.apple-devices", hostcheck.Fail, "")
	for _, tc := range []struct {
		name   string
		goos   string
		checks []hostcheck.Check
		want   Tool
		button string
	}{
		{"new Mac", "darwin", []hostcheck.Check{check("mac.device-manager", hostcheck.OK, hostcheck.ManagerFinder)}, Finder, "Open Finder"},
		{"old Mac", "darwin", []hostcheck.Check{check("mac.device-manager", hostcheck.OK, hostcheck.ManagerITunes)}, ITunes, "Open iTunes"},
		{"old Mac without iTunes", "darwin", []hostcheck.Check{check("mac.device-manager", hostcheck.Fail, "")}, ITunes, "Open iTunes"},
		{"Mac of unknown version", "darwin", []hostcheck.Check{check("mac.device-manager", hostcheck.Unknown, "")}, Finder, "Open Finder"},
		{"Mac not checked yet", "darwin", nil, Finder, "Open Finder"},
		{"PC with Apple Devices", "windows", []hostcheck.Check{check("win.itunes", hostcheck.OK, ""), appleDevices}, AppleDevices, "Open Apple Devices"},
		{"PC with the installer's iTunes", "windows", []hostcheck.Check{check("win.itunes", hostcheck.OK, hostcheck.ManagerITunes), noDevices}, ITunes, "Open iTunes"},
		{"PC with the Store's iTunes", "windows", []hostcheck.Check{check("win.itunes", hostcheck.OK, hostcheck.ManagerITunesStore), noDevices}, ITunesStore, "Open iTunes"},
		{"PC with two iTunes", "windows", []hostcheck.Check{check("win.itunes", hostcheck.Warn, hostcheck.ManagerITunes), noDevices}, ITunes, "Open iTunes"},
		{"PC with neither", "windows", []hostcheck.Check{check("win.itunes", hostcheck.Fail, ""), neither}, GetAppleDevices, "Get Apple Devices from the Microsoft Store"},
		{"PC not checked yet", "windows", nil, NoTool, ""},
		{"Linux", "linux", []hostcheck.Check{check("linux.usbmuxd", hostcheck.OK, "")}, NoTool, ""},
	} {
		got := Choose(tc.goos, tc.checks)
		if got.Tool != tc.want || got.Button.In(tr.English) != tc.button || got.Then.IsZero() {
			t.Errorf("%s: %+v, want %q with button %q", tc.name, got, tc.want, tc.button)
		}
		if got.Tool != NoTool && !strings.Contains(got.Then.In(tr.English), "Update, not Restore") {
			t.Errorf("%s: %q does not say to choose Update", tc.name, got.Then.In(tr.English))
		}
	}
	if got := Choose("linux", nil).Then.In(tr.English); !strings.Contains(got, "needs a Mac") || !strings.Contains(got, "Windows PC") {
		t.Errorf("Linux: %q", got)
	}
}

// The hand-off in German names the tools as Apple's German software does
// and says to choose Aktualisieren; every language has every message (a
// missing one would read «id»).
func TestChooseInEveryLanguage(t *testing.T) {
	pc := []hostcheck.Check{check("win.itunes", hostcheck.OK, ""), check("win.apple-devices", hostcheck.OK, hostcheck.ManagerAppleDevices)}
	de := Choose("windows", pc)
	if got := de.Button.In("de"); got != "„Apple Geräte“ öffnen" {
		t.Errorf("the German button: %q", got)
	}
	if got := de.Then.In("de"); !strings.Contains(got, "„Aktualisieren“, nicht auf „Wiederherstellen“") {
		t.Errorf("the German words: %q", got)
	}
	for _, l := range tr.Languages() {
		for _, goos := range []string{"darwin", "windows", "linux"} {
			for _, checks := range [][]hostcheck.Check{nil, pc, {check("win.apple-devices", hostcheck.Fail, "")}} {
				o := Choose(goos, checks)
				for _, s := range []string{o.Button.In(l.Tag), o.Then.In(l.Tag), Name(o.Tool).In(l.Tag)} {
					if strings.Contains(s, "«") {
						t.Errorf("%s on %s: %q", l.Tag, goos, s)
					}
				}
			}
		}
	}
}

func TestCommand(t *testing.T) {
	none := func(string) bool { return false }
	for _, tc := range []struct {
		goos string
		tool Tool
		want string
	}{
		{"darwin", Finder, "open -a Finder"},
		{"darwin", ITunes, "open -a iTunes"},
		{"windows", AppleDevices, `explorer.exe shell:AppsFolder\AppleInc.AppleDevices_nzyj5cx40ttqa!App`},
		{"windows", ITunesStore, `explorer.exe shell:AppsFolder\AppleInc.iTunes_nzyj5cx40ttqa!iTunes`},
		{"windows", ITunes, `explorer.exe shell:AppsFolder`},
		{"windows", GetAppleDevices, `explorer.exe ms-windows-store://pdp/?productid=9NP83LWLPZ9K`},
	} {
		args, err := Command(tc.goos, tc.tool, `C:\Program Files`, none)
		if got := strings.Join(args, " "); err != nil || got != tc.want {
			t.Errorf("%s %s: %q %v, want %q", tc.goos, tc.tool, got, err, tc.want)
		}
	}
	args, _ := Command("windows", ITunes, `C:\Program Files`, func(p string) bool { return p == `C:\Program Files\iTunes\iTunes.exe` })
	if len(args) != 1 || args[0] != `C:\Program Files\iTunes\iTunes.exe` {
		t.Errorf("the installer's iTunes: %q", args)
	}
	for _, bad := range []struct {
		goos string
		tool Tool
	}{{"linux", Finder}, {"darwin", AppleDevices}, {"windows", NoTool}} {
		if _, err := Command(bad.goos, bad.tool, "", none); err == nil {
			t.Errorf("%s on %s: a command", bad.tool, bad.goos)
		}
	}
}

// fakeLauncher puts an executable called name first in PATH that writes
// its arguments to a file and exits with code; it returns the file.
func fakeLauncher(t *testing.T, name string, code int) string {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("the fake launcher is a shell script")
	}
	dir := t.TempDir()
	log := filepath.Join(dir, "args")
	script := "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > '" + log + "'\nexit " + string(rune('0'+code)) + "\n"
	if err := os.WriteFile(filepath.Join(dir, name), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
	return log
}

func TestOpenRunsTheLauncher(t *testing.T) {
	log := fakeLauncher(t, "open", 0)
	if err := Open(context.Background(), "darwin", Finder); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(log); string(b) != "-a\nFinder\n" {
		t.Errorf("open was run with %q", b)
	}
}

func TestOpenOnWindows(t *testing.T) {
	log := fakeLauncher(t, "explorer.exe", 1) // explorer.exe says 1 when it did open the app
	if err := Open(context.Background(), "windows", AppleDevices); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(log); string(b) != "shell:AppsFolder\\AppleInc.AppleDevices_nzyj5cx40ttqa!App\n" {
		t.Errorf("explorer.exe was run with %q", b)
	}
}

func TestOpenSaysWhatFailed(t *testing.T) {
	fakeLauncher(t, "open", 3)
	err := Open(context.Background(), "darwin", ITunes)
	if err == nil || !strings.Contains(err.Error(), "exit status 3") {
		t.Errorf("a launcher that failed: %v", err)
	}
	if err := Open(context.Background(), "linux", Finder); err == nil {
		t.Error("Linux opened Finder")
	}
}
