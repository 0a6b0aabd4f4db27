package hostcheck

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A named pipe where /etc/os-release, dpkg's status file or a udev rule
// should be is skipped, not read: reading one would wait for a writer
// that never comes, and the checks would never end.
func TestLinuxNamedPipesAreNotRead(t *testing.T) {
	root := t.TempDir()
	for _, p := range []string{"etc/os-release", dpkgStatus, "usr/lib/udev/rules.d/39-libirecovery.rules"} {
		path := filepath.Join(root, p)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := syscall.Mkfifo(path, 0o644); err != nil {
			t.Skipf("no named pipes here: %v", err)
		}
	}
	p := LinuxProbes{Root: os.DirFS(root), Cmd: debianTools, Net: fakeDialer{}, UID: 1000}
	done := make(chan []Check, 1)
	go func() { done <- checkLinux(context.Background(), p, phoneState()) }()
	select {
	case checks := <-done:
		wantCheck(t, checks, "os", Unknown, "distribution not named")
	case <-time.After(10 * time.Second):
		t.Fatal("the checks wait on a named pipe")
	}
}

// The same for the Mac's plists, read through the same probes.
func TestPlistNamedPipeIsNotRead(t *testing.T) {
	root := t.TempDir()
	path := filepath.Join(root, "SystemVersion.plist")
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	done := make(chan error, 1)
	go func() { _, err := readPlistStrings(os.DirFS(root), "SystemVersion.plist"); done <- err }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "named pipe") {
			t.Errorf("error %v, want it to name the named pipe", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("reading the plist waits on a named pipe")
	}
}
