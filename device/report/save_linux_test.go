package report

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// readOnlyFolder gives a folder this process cannot write to. As a normal
// user that is chmod 0555; root ignores modes, so as root it is a read-only
// tmpfs mounted there (EROFS), and the test skips if mounting is not allowed.
func readOnlyFolder(t *testing.T) string {
	dir := t.TempDir()
	if os.Geteuid() != 0 {
		if err := os.Chmod(dir, 0o555); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(dir, 0o755) })
		return dir
	}
	mountTmpfs(t, dir, "ro,size=64k")
	return dir
}

func mountTmpfs(t *testing.T, dir, options string) {
	t.Helper()
	flags := uintptr(0)
	if options[:2] == "ro" {
		flags = syscall.MS_RDONLY
	}
	if err := syscall.Mount("tmpfs", dir, "tmpfs", flags, options); err != nil {
		t.Skipf("running as root, where folder permissions do not stop writes, and mounting a tmpfs is not allowed here (%v)", err)
	}
	t.Cleanup(func() {
		if err := syscall.Unmount(dir, 0); err != nil {
			t.Errorf("unmount %s: %v", dir, err)
		}
	})
}

// TestSaveOnARealFullDisk fills a 64 KiB tmpfs (root only: it mounts one).
func TestSaveOnARealFullDisk(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a small tmpfs needs root; the injected full disk test covers this case")
	}
	dir := t.TempDir()
	mountTmpfs(t, dir, "size=64k")
	err := Save(filepath.Join(dir, "report.zip"), bytes.Repeat([]byte("x"), 256<<10), false)
	if !errors.Is(err, ErrDiskFull) {
		t.Fatalf("saving 256 KiB on a 64 KiB disk: %v", err)
	}
	if extra := leftovers(t, dir); len(extra) > 0 {
		t.Errorf("files left on the full disk: %v", extra)
	}
}
