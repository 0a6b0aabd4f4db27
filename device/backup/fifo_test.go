//go:build unix

package backup

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"unstuck/device/tr"
)

// A named pipe in place of Info.plist is named for what it is, and the
// scan does not wait on it.
func TestANamedPipeInABackupIsNamed(t *testing.T) {
	root := t.TempDir()
	dir, _ := writeBackup(t, root, udidX, completeFixture(udidX))
	info := filepath.Join(dir, "Info.plist")
	must(t, os.Remove(info))
	must(t, syscall.Mkfifo(info, 0o644))
	done := make(chan Result, 1)
	go func() { done <- Scan(context.Background(), []string{root}) }()
	select {
	case res := <-done:
		b := only(t, res)
		if want := "Info.plist cannot be read (not a regular file: it is a named pipe)"; b.Complete || !strings.Contains(strings.Join(tr.Strings(b.Missing), "\n"), want) {
			t.Errorf("missing %q, want %q", b.Missing, want)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the scan waited on the named pipe")
	}
}
