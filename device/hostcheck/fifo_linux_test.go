package hostcheck

import (
	"context"
	"os"
	"path/filepath"
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
