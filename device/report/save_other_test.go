//go:build !linux

package report

import (
	"os"
	"runtime"
	"testing"
)

// readOnlyFolder gives a folder this process cannot write to (chmod 0555).
func readOnlyFolder(t *testing.T) string {
	if runtime.GOOS == "windows" {
		t.Skip("Windows ignores a folder's read-only attribute for new files")
	}
	if os.Geteuid() == 0 {
		t.Skip("running as root, where folder permissions do not stop writes")
	}
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	return dir
}
