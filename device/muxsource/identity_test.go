package muxsource

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestIdentityPersists(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "id.pem")
	a := New(Options{IdentityFile: path})
	h1, err := a.identity()
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	// Windows has no Unix permission bits to check (its ACLs are another matter).
	if err != nil || runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Fatalf("identity file %v %v, want mode 0600", fi, err)
	}
	h2, err := New(Options{IdentityFile: path}).identity()
	if err != nil {
		t.Fatal(err)
	}
	if h1.hostID != h2.hostID || string(h1.rootPEM) != string(h2.rootPEM) || string(h1.hostPEM) != string(h2.hostPEM) {
		t.Error("a second run made a new identity instead of loading the saved one")
	}
	// A damaged file is replaced, not fatal.
	os.WriteFile(path, []byte("garbage"), 0o600)
	h3, err := New(Options{IdentityFile: path}).identity()
	if err != nil || h3.hostID == h1.hostID {
		t.Errorf("damaged file: %v, same id %v", err, h3 != nil && h3.hostID == h1.hostID)
	}
	// An unwritable place keeps the identity in memory.
	h4, err := New(Options{IdentityFile: "/proc/unstuck/id.pem"}).identity()
	if err != nil || h4 == nil {
		t.Errorf("unwritable identity file: %v", err)
	}
}
