package hostcheck

import (
	"context"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"howett.net/plist"
)

func macProbes(dir string) DarwinProbes {
	return DarwinProbes{Root: os.DirFS("testdata/" + dir), Uname: Uname{Sysname: "Darwin", Machine: "arm64"}}
}

func TestDarwinSequoia(t *testing.T) {
	checks := checkDarwin(context.Background(), macProbes("mac-sequoia"), phoneState(runningPhone("18.2", 480)))
	wantCheck(t, checks, "os", OK, "macOS 15.2", "24C101", "arm64")
	wantCheck(t, checks, "mac.device-manager", OK, "Finder")
	wantCheck(t, checks, "mac.mobiledevice", OK, "1810.0.0", "/Library/Apple/System/Library/PrivateFrameworks")
	wantCheck(t, checks, "compat", OK, "iOS 18.2", "macOS 15 Sequoia")
	// A phone on iOS 26 is newer than Sequoia: warn about the update prompt.
	c := wantCheck(t, checkDarwin(context.Background(), macProbes("mac-sequoia"), phoneState(runningPhone("26.0", 480))), "compat", Warn, "macOS 26 Tahoe", "15.2")
	if !strings.Contains(c.Fix.String(), "software update is required") {
		t.Errorf("fix %q", c.Fix.String())
	}
}

func TestDarwinMojaveUsesITunesAndOldFrameworkPath(t *testing.T) {
	checks := checkDarwin(context.Background(), macProbes("mac-mojave"), phoneState(runningPhone("12.5.7", 480)))
	wantCheck(t, checks, "os", OK, "Mac OS X 10.14.6")
	wantCheck(t, checks, "mac.device-manager", OK, "iTunes 12.9.5", "10.14 and earlier")
	wantCheck(t, checks, "mac.mobiledevice", OK, "1206.11.2", "/System/Library/PrivateFrameworks")
	// iOS 12 has no sourced row: unknown, not guessed.
	wantCheck(t, checks, "compat", Unknown, "no source")
	// iOS 13 came with Catalina, newer than Mojave.
	wantCheck(t, checkDarwin(context.Background(), macProbes("mac-mojave"), phoneState(runningPhone("13.7", 480))), "compat", Warn, "10.15 Catalina")
}

func TestDarwinWithoutFrameworkOrITunes(t *testing.T) {
	checks := checkDarwin(context.Background(), macProbes("mac-ventura-noframework"), phoneState())
	wantCheck(t, checks, "os", OK, "macOS 13.6.1")
	wantCheck(t, checks, "mac.mobiledevice", Warn, "not found")
	wantCheck(t, checks, "mac.device-manager", OK, "Finder")
	wantCheck(t, checks, "compat", Unknown, "No running iPhone")
	wantCheck(t, checks, "usb.devices", OK, "No iPhone")

	// Mojave without iTunes has nothing to manage the phone.
	fsys := fstest.MapFS{systemVersionPlist: {Data: mustRead(t, "testdata/mac-mojave/"+systemVersionPlist)}}
	checks = checkDarwin(context.Background(), DarwinProbes{Root: fsys}, Input{})
	wantCheck(t, checks, "mac.device-manager", Fail, "iTunes was not found")
	wantCheck(t, checks, "usb.stack", Unknown)
}

func TestDarwinBinaryPlistAndBrokenFiles(t *testing.T) {
	bin, err := plist.Marshal(map[string]any{"ProductName": "macOS", "ProductVersion": "14.4", "ProductBuildVersion": "23E214"}, plist.BinaryFormat)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		systemVersionPlist:  {Data: bin},
		mobileDeviceCurrent: {Data: []byte("this is not a plist")},
	}
	checks := checkDarwin(context.Background(), DarwinProbes{Root: fsys}, phoneState(runningPhone("17.5", 480)))
	wantCheck(t, checks, "os", OK, "macOS 14.4", "unknown architecture")
	wantCheck(t, checks, "mac.mobiledevice", Warn)
	wantCheck(t, checks, "compat", OK, "macOS 14 Sonoma")

	checks = checkDarwin(context.Background(), DarwinProbes{Root: fstest.MapFS{systemVersionPlist: {Data: []byte("<plist")}}}, phoneState(runningPhone("17.5", 480)))
	wantCheck(t, checks, "os", Unknown)
	wantCheck(t, checks, "mac.device-manager", Unknown)
	wantCheck(t, checks, "compat", Unknown, "not known")
	// No file system at all must not panic.
	for _, c := range checkDarwin(context.Background(), DarwinProbes{}, Input{}) {
		if c.Status == OK && c.ID != "usb.devices" {
			t.Errorf("%s ok with nothing to read: %q", c.ID, c.Found.String())
		}
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}
