package report

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// leftovers lists the files in dir other than the wanted ones.
func leftovers(t *testing.T, dir string, want ...string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var extra []string
	for _, e := range entries {
		found := false
		for _, w := range want {
			found = found || e.Name() == w
		}
		if !found {
			extra = append(extra, e.Name())
		}
	}
	return extra
}

func TestSaveWritesAndRefusesToOverwrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, FileName(time.Date(2026, 11, 24, 20, 31, 0, 0, time.UTC), "zip"))
	if filepath.Base(path) != "unstuck-report-2026-11-24-2031.zip" {
		t.Errorf("file name %s", filepath.Base(path))
	}
	if err := Save(path, []byte("first"), false); err != nil {
		t.Fatal(err)
	}
	err := Save(path, []byte("second"), false)
	if !errors.Is(err, ErrExists) || !strings.Contains(err.Error(), "a file with that name exists") {
		t.Errorf("second save without overwrite: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "first" {
		t.Errorf("the existing file was changed: %q", b)
	}
	if err := Save(path, []byte("third"), true); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "third" {
		t.Errorf("overwrite wrote %q", b)
	}
	if extra := leftovers(t, dir, filepath.Base(path)); len(extra) > 0 {
		t.Errorf("temporary files left: %v", extra)
	}
}

func TestSaveBadPaths(t *testing.T) {
	dir := t.TempDir()
	for path, want := range map[string]error{
		filepath.Join(dir, "missing", "r.zip"): ErrNoFolder,
		"":                                     nil,
		dir:                                    nil, // a folder
	} {
		err := Save(path, []byte("x"), true)
		var se *SaveError
		if !errors.As(err, &se) || (want != nil && !errors.Is(err, want)) {
			t.Errorf("Save(%q) = %v, want a SaveError matching %v", path, err, want)
		}
	}
}

// fullDisk is the real filesystem, except that writes stop after room bytes
// with the error this system's full disk gives (errDiskFullHere).
type fullDisk struct {
	OSFS
	room int
}

type fullFile struct {
	*os.File
	room int
}

func (f *fullFile) Write(p []byte) (int, error) {
	if len(p) <= f.room {
		f.room -= len(p)
		return f.File.Write(p)
	}
	n, _ := f.File.Write(p[:f.room])
	f.room = 0
	return n, &fs.PathError{Op: "write", Path: f.Name(), Err: errDiskFullHere}
}

func (d fullDisk) CreateTemp(dir, pattern string) (File, error) {
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return nil, err
	}
	return &fullFile{File: f, room: d.room}, nil
}

func TestSaveOnAFullDiskKeepsTheOldFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "report.zip")
	if err := os.WriteFile(path, []byte("the old report"), 0o644); err != nil {
		t.Fatal(err)
	}
	data := bytes.Repeat([]byte("x"), 4096)
	err := Saver{FS: fullDisk{room: 1000}}.Save(path, data, true)
	if !errors.Is(err, ErrDiskFull) || !errors.Is(err, errDiskFullHere) || !strings.Contains(err.Error(), "the disk is full") {
		t.Fatalf("save on a full disk: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "the old report" {
		t.Errorf("the old file was damaged: %q", b)
	}
	if extra := leftovers(t, dir, "report.zip"); len(extra) > 0 {
		t.Errorf("temporary files left: %v", extra)
	}
	// The same data saves elsewhere afterwards: nothing was lost.
	if err := Save(filepath.Join(dir, "elsewhere.zip"), data, false); err != nil {
		t.Fatal(err)
	}
}

func TestSaveIntoAReadOnlyFolder(t *testing.T) {
	dir := readOnlyFolder(t)
	err := Save(filepath.Join(dir, "report.zip"), []byte("x"), false)
	if !errors.Is(err, ErrReadOnly) || !strings.Contains(err.Error(), "the folder is read-only") {
		t.Fatalf("save into a read-only folder: %v", err)
	}
	if extra := leftovers(t, dir); len(extra) > 0 {
		t.Errorf("files appeared: %v", extra)
	}
}
