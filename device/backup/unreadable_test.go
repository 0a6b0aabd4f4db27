//go:build unix

package backup

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"unstuck/device/tr"
)

// Unreadable files and folders need a user the permissions apply to. As
// root (the build machines), the scan runs in a copy of this test binary
// started as the user "nobody" (uid 65534).
func TestUnreadable(t *testing.T) {
	for _, tc := range []struct {
		name    string
		lock    string // path in the backup made unreadable
		missing string
	}{
		{"Info.plist", "Info.plist", "Info.plist cannot be read (permission denied)"},
		{"Manifest.db", "Manifest.db", "Manifest.db cannot be read (permission denied)"},
		{"backup folder", ".", "the backup folder cannot be read (permission denied)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := sharedTempDir(t)
			dir, _ := writeBackup(t, root, udidX, completeFixture(udidX))
			locked := filepath.Join(dir, tc.lock)
			must(t, os.Chmod(locked, 0))
			t.Cleanup(func() { os.Chmod(locked, 0o755) })
			b := only(t, scanAsUser(t, root))
			if b.Complete || !strings.Contains(strings.Join(tr.Strings(b.Missing), "\n"), tc.missing) {
				t.Errorf("complete %v, missing %q; want %q", b.Complete, b.Missing, tc.missing)
			}
			if b.UDID != udidX {
				t.Errorf("udid %q", b.UDID)
			}
		})
	}
	t.Run("blob folder", func(t *testing.T) {
		root := sharedTempDir(t)
		dir, size := writeBackup(t, root, udidX, completeFixture(udidX))
		must(t, os.MkdirAll(filepath.Join(dir, "ff"), 0o755))
		must(t, os.WriteFile(filepath.Join(dir, "ff", "ff00"), []byte("hidden"), 0o644))
		must(t, os.Chmod(filepath.Join(dir, "ff"), 0))
		t.Cleanup(func() { os.Chmod(filepath.Join(dir, "ff"), 0o755) })
		b := only(t, scanAsUser(t, root))
		if !b.Complete || !b.SizeAtLeast || b.SizeBytes != size {
			t.Errorf("complete %v, size %d at least %v; want complete, at least %d", b.Complete, b.SizeBytes, b.SizeAtLeast, size)
		}
	})
	t.Run("backups folder", func(t *testing.T) {
		root := sharedTempDir(t)
		writeBackup(t, root, udidX, completeFixture(udidX))
		must(t, os.Chmod(root, 0))
		t.Cleanup(func() { os.Chmod(root, 0o755) })
		res := scanAsUser(t, root)
		if len(res.Backups) != 0 || len(res.Problems) != 1 || !strings.Contains(res.Problems[0].Message.In("en"), "permission denied") {
			t.Errorf("backups %d, problems %v", len(res.Backups), res.Problems)
		}
	})
}

// sharedTempDir is a temporary folder the user "nobody" can enter.
func sharedTempDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "backup-test-")
	must(t, err)
	t.Cleanup(func() { os.RemoveAll(dir) })
	must(t, os.Chmod(dir, 0o755))
	return dir
}

const helperEnv = "UNSTUCK_BACKUP_SCAN_HELPER"

// scanAsUser scans root as an unprivileged user.
func scanAsUser(t *testing.T, root string) Result {
	t.Helper()
	if os.Geteuid() != 0 {
		return Scan(context.Background(), []string{root})
	}
	self, err := os.Executable()
	must(t, err)
	bin := filepath.Join(sharedTempDir(t), "backup.test")
	copyFile(t, self, bin)
	cmd := exec.Command(bin, "-test.run=^TestScanHelper$")
	cmd.Env = append(os.Environ(), helperEnv+"="+root)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("helper as nobody: %v\n%s", err, out)
	}
	line := out[:max(0, strings.IndexByte(string(out), '\n'))]
	var res Result
	if err := json.Unmarshal(line, &res); err != nil {
		t.Fatalf("helper output %q: %v", out, err)
	}
	return res
}

// TestScanHelper is the scan run by scanAsUser; it does nothing in a
// normal test run.
func TestScanHelper(t *testing.T) {
	root := os.Getenv(helperEnv)
	if root == "" {
		return
	}
	raw, err := json.Marshal(Scan(context.Background(), []string{root}))
	must(t, err)
	os.Stdout.Write(append(raw, '\n'))
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	src, err := os.Open(from)
	must(t, err)
	defer src.Close()
	dst, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY, 0o755)
	must(t, err)
	_, err = io.Copy(dst, src)
	must(t, err)
	must(t, dst.Close())
}
