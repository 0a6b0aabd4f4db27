//go:build unix

package report

import (
	"errors"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// charDevice gives a character device that is safe to write to: a copy of
// /dev/null made with mknod in a temporary folder (root), else /dev/null
// itself, whose folder a normal user cannot write to anyway.
func charDevice(t *testing.T, dir string) string {
	path := filepath.Join(dir, "null")
	if err := syscall.Mknod(path, syscall.S_IFCHR|0o666, 1<<8|3); err == nil {
		return path
	}
	if os.Geteuid() == 0 {
		t.Skip("mknod is not allowed here, and as root a failing test would replace the real /dev/null")
	}
	return "/dev/null"
}

// TestSaveReplacesOnlyARegularFile: a named pipe, a device, a socket, a
// folder and a link to one of them stay what they are, with or without
// overwrite, and the refusal says what the path is.
func TestSaveReplacesOnlyARegularFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(dir, "s.sock")
	ln, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	folder := filepath.Join(dir, "folder")
	os.Mkdir(folder, 0o755)
	link := filepath.Join(dir, "link")
	os.Symlink(fifo, link)
	dev := charDevice(t, dir)
	for path, want := range map[string]string{
		fifo:   "a named pipe",
		sock:   "a socket",
		folder: "a folder",
		link:   "a symbolic link to a named pipe",
		dev:    "a character device",
	} {
		before, _ := os.Lstat(path)
		for _, overwrite := range []bool{false, true} {
			err := Save(path, []byte("report"), overwrite)
			var se *SaveError
			if !errors.As(err, &se) || errors.Is(err, ErrExists) || !strings.Contains(err.Error(), want) {
				t.Errorf("Save(%s, overwrite %v) = %v, want a refusal naming %q", path, overwrite, err, want)
			}
		}
		after, err := os.Lstat(path)
		if err != nil || after.Mode() != before.Mode() || !os.SameFile(before, after) {
			t.Errorf("%s was %v, is now %v (%v)", path, before.Mode(), after.Mode(), err)
		}
	}
	if st, err := os.Stat(dev); err != nil || st.Mode()&fs.ModeCharDevice == 0 {
		t.Errorf("%s is no longer a character device: %v %v", dev, st.Mode(), err)
	}
	if extra := leftovers(t, dir, "fifo", "s.sock", "folder", "link", "null"); len(extra) > 0 {
		t.Errorf("temporary files left: %v", extra)
	}
	// A link to a regular file is still replaced.
	target := filepath.Join(dir, "target")
	os.WriteFile(target, []byte("old"), 0o644)
	os.Symlink(target, filepath.Join(dir, "filelink"))
	if err := Save(filepath.Join(dir, "filelink"), []byte("new"), true); err != nil {
		t.Errorf("a link to a regular file: %v", err)
	}
}
