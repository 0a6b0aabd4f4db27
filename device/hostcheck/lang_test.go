package hostcheck

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"unstuck/device"
	"unstuck/device/tr"
	"unstuck/device/tr/trtest"
)

// sampleChecks are the checks of every fixture computer, with phones of
// every kind attached: most of the findings the checks can say.
func sampleChecks(t *testing.T) map[string][]Check {
	ctx := context.Background()
	slow := phoneState(runningPhone("18.2", 12), dfuPhone(1, 7))
	fedora := LinuxProbes{Root: os.DirFS("testdata/linux-fedora"), Cmd: fakeRunner{}, Uname: Uname{Machine: "aarch64"}}
	stopped := fakeServices{amdsName: {State: "stopped", StartType: "manual"}}
	return map[string][]Check{
		"debian":         checkLinux(ctx, debianProbes(fakeDialer{}, nil, 1000), slow),
		"debian refused": checkLinux(ctx, debianProbes(fakeDialer{DefaultMuxSocket: refused}, fakeOpener{}, 1000), slow),
		"fedora":         checkLinux(ctx, fedora, phoneState()),
		"sequoia":        checkDarwin(ctx, macProbes("mac-sequoia"), phoneState(runningPhone("26.0", 480))),
		"mojave":         checkDarwin(ctx, macProbes("mac-mojave"), phoneState(runningPhone("13.7", 480))),
		"no framework":   checkDarwin(ctx, macProbes("mac-ventura-noframework"), Input{}),
		"installer":      checkWindows(ctx, winProbes(t, "windows-installer-itunes.json", amdsRunning, nil), slow),
		"both":           checkWindows(ctx, winProbes(t, "windows-both-itunes.json", stopped, errors.New("i/o timeout")), Input{}),
		"store":          checkWindows(ctx, winProbes(t, "windows-store-itunes.json", stopped, nil), phoneState()),
		"apple devices":  checkWindows(ctx, winProbes(t, "windows-apple-devices.json", amdsRunning, nil), Input{}),
		"nothing":        checkWindows(ctx, winProbes(t, "windows-nothing.json", fakeServices{}, nil), Input{}),
	}
}

// Every title, finding and fix is in the catalogue in every language: a
// message missing from one is said as «id», which fails here.
func TestEveryCheckIsSaidInEveryLanguage(t *testing.T) {
	for name, checks := range sampleChecks(t) {
		for _, c := range checks {
			for _, l := range tr.Languages() {
				title, found, fix := c.Title.In(l.Tag), c.Found.In(l.Tag), c.Fix.In(l.Tag)
				if title == "" || found == "" || strings.Contains(title+found+fix, "«host.") {
					t.Errorf("%s %s in %s: %q / %q / %q", name, c.ID, l.Tag, title, found, fix)
				}
			}
		}
	}
}

// The checks say their findings in German through the catalogue, with
// the facts (versions, paths) as they are; JSON stays English.
func TestChecksInGerman(t *testing.T) {
	trtest.Speak(t, "de")
	checks := sampleChecks(t)["debian"]
	if c := byID(t, checks, "os"); c.Title.String() != "Betriebssystem" || c.Found.String() != "Debian GNU/Linux 12 (bookworm), Kernel 6.1.0-28-amd64, Intel/AMD 64-Bit (x86_64)" {
		t.Errorf("os: %q: %q", c.Title.String(), c.Found.String())
	}
	usb := byID(t, checks, "usb.devices")
	if got := usb.Found.String(); !strings.Contains(got, "iPhone 15 (normaler Modus): USB 1.1 Full Speed") || !strings.Contains(usb.Fix.String(), "ohne Hub") {
		t.Errorf("usb.devices: %q, fix %q", got, usb.Fix.String())
	}
	raw, err := json.Marshal(checks)
	if err != nil || !strings.Contains(string(raw), `"title":"Operating system"`) || strings.Contains(string(raw), "Betriebssystem") {
		t.Errorf("JSON is not English: %s (%v)", raw, err)
	}
}

// The checks that find the app managing phones name it as a fact, for
// device/handoff: it does not read their sentences.
func TestManagerNamesTheApp(t *testing.T) {
	s := sampleChecks(t)
	for _, tc := range []struct {
		set, id string
		want    Manager
	}{
		{"sequoia", "mac.device-manager", ManagerFinder},
		{"mojave", "mac.device-manager", ManagerITunes},
		{"no framework", "mac.device-manager", ManagerFinder},
		{"installer", "win.itunes", ManagerITunes},
		{"both", "win.itunes", ManagerITunes},
		{"store", "win.itunes", ManagerITunesStore},
		{"apple devices", "win.apple-devices", ManagerAppleDevices},
		{"apple devices", "win.itunes", ""},
		{"installer", "win.apple-devices", ""},
		{"nothing", "win.itunes", ""},
	} {
		if got := byID(t, s[tc.set], tc.id).Manager; got != tc.want {
			t.Errorf("%s %s: manager %q, want %q", tc.set, tc.id, got, tc.want)
		}
	}
}

// A Windows service's words the catalogue lacks are said as they are.
func TestServiceWords(t *testing.T) {
	if serviceWord("state", "running").ID() != "host.win.state.running" || serviceWord("state", "odd").String() != "odd" {
		t.Error("service words")
	}
	if got := usbDevicesCheck(phoneState(device.Device{Key: "k", Mode: device.ModeDFU})).Found.In("en"); got != "Apple device in DFU mode: speed not reported." {
		t.Errorf("%q", got)
	}
}

// No finding is two sentences glued with a doubled mark ("..", "。。").
func TestNoDoubledFullStops(t *testing.T) {
	for name, checks := range sampleChecks(t) {
		for _, c := range checks {
			for _, l := range tr.Languages() {
				if s := c.Found.In(l.Tag) + " " + c.Fix.In(l.Tag); strings.Contains(s, "..") && !strings.Contains(s, "...") || strings.Contains(s, "。。") {
					t.Errorf("%s %s in %s: %q", name, c.ID, l.Tag, s)
				}
			}
		}
	}
}
