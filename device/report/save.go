package report

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"unstuck/device/filekind"
)

// The reasons a save fails that a person can act on. A *SaveError matches
// them with errors.Is.
var (
	ErrDiskFull = errors.New("the disk is full")
	ErrReadOnly = errors.New("the folder is read-only")
	ErrExists   = errors.New("a file with that name exists")
	ErrNoFolder = errors.New("the folder does not exist")
)

// SaveError says which file could not be written and why. The data was not
// written anywhere; the caller still holds it and can save it elsewhere.
type SaveError struct {
	Path   string
	Reason error // one of the Err values above, or nil when none fits
	Err    error // what the system said
}

func (e *SaveError) Error() string {
	if e.Reason != nil {
		return fmt.Sprintf("could not save %s: %v", e.Path, e.Reason)
	}
	return fmt.Sprintf("could not save %s: %v", e.Path, e.Err)
}

// Unwrap lets errors.Is see both the reason and the system's error.
func (e *SaveError) Unwrap() []error {
	if e.Reason == nil {
		return []error{e.Err}
	}
	return []error{e.Reason, e.Err}
}

// File is the temporary file a save writes before it renames it.
type File interface {
	io.Writer
	Name() string
	Sync() error
	Close() error
}

// FS is the part of the filesystem a save uses; tests inject failures here.
type FS interface {
	CreateTemp(dir, pattern string) (File, error)
	Link(oldname, newname string) error // fails when newname exists
	Rename(oldname, newname string) error
	Remove(name string) error
	Lstat(name string) (fs.FileInfo, error)
	Stat(name string) (fs.FileInfo, error) // follows links
}

// OSFS is the real filesystem.
type OSFS struct{}

// CreateTemp is os.CreateTemp.
func (OSFS) CreateTemp(dir, pattern string) (File, error) { return os.CreateTemp(dir, pattern) }

// Link is os.Link.
func (OSFS) Link(oldname, newname string) error { return os.Link(oldname, newname) }

// Rename is os.Rename.
func (OSFS) Rename(oldname, newname string) error { return os.Rename(oldname, newname) }

// Remove is os.Remove.
func (OSFS) Remove(name string) error { return os.Remove(name) }

// Lstat is os.Lstat.
func (OSFS) Lstat(name string) (fs.FileInfo, error) { return os.Lstat(name) }

// Stat is os.Stat.
func (OSFS) Stat(name string) (fs.FileInfo, error) { return os.Stat(name) }

// SyncDir flushes a folder's entries so a rename survives a power cut. It
// is best effort: Windows cannot open a folder this way, and says so.
func (OSFS) SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// syncDir flushes dir when the FS can; a failure there does not undo the save.
func syncDir(fsys FS, dir string) {
	if s, ok := fsys.(interface{ SyncDir(string) error }); ok {
		s.SyncDir(dir)
	}
}

// Saver writes files atomically through an FS.
type Saver struct{ FS FS }

// Save writes data to path atomically on the real filesystem; see Saver.Save.
func Save(path string, data []byte, overwrite bool) error {
	return Saver{FS: OSFS{}}.Save(path, data, overwrite)
}

// Save writes data to a temporary file in path's folder, flushes it to the
// disk, then moves it to path in one step: path holds either the old file
// or the whole new one, never a part. Without overwrite an existing path is
// left alone and the error matches ErrExists.
func (s Saver) Save(path string, data []byte, overwrite bool) error {
	fsys := s.FS
	if fsys == nil {
		fsys = OSFS{}
	}
	fail := func(err error) error { return &SaveError{Path: path, Reason: reason(err), Err: err} }
	if path == "" {
		return &SaveError{Path: `""`, Err: errors.New("no file name was given")}
	}
	dir := filepath.Dir(path)
	if info, err := fsys.Lstat(dir); err != nil {
		return fail(err)
	} else if !info.IsDir() {
		return &SaveError{Path: path, Err: fmt.Errorf("%s is not a folder", dir)}
	}
	if info, err := fsys.Lstat(path); err == nil {
		if err := replaceable(fsys, path, info); err != nil {
			return &SaveError{Path: path, Err: err}
		}
		if !overwrite {
			return &SaveError{Path: path, Reason: ErrExists, Err: fs.ErrExist}
		}
	}
	tmp, err := fsys.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fail(err)
	}
	tmpName := tmp.Name()
	done := false
	defer func() {
		if !done {
			fsys.Remove(tmpName)
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fail(err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		return fail(err)
	}
	if overwrite {
		if info, err := fsys.Lstat(path); err == nil {
			if err := replaceable(fsys, path, info); err != nil {
				return &SaveError{Path: path, Err: err} // it changed while the data was written
			}
		}
		if err := fsys.Rename(tmpName, path); err != nil {
			return fail(err)
		}
		done = true
		syncDir(fsys, dir)
		return nil
	}
	// A hard link refuses to replace a file that appeared meanwhile; where
	// links are not supported (FAT sticks), fall back to a rename.
	switch err := fsys.Link(tmpName, path); {
	case err == nil:
		syncDir(fsys, dir)
		return nil // the deferred Remove drops the temporary name
	case errors.Is(err, fs.ErrExist):
		return &SaveError{Path: path, Reason: ErrExists, Err: err}
	}
	if err := fsys.Rename(tmpName, path); err != nil {
		return fail(err)
	}
	done = true
	syncDir(fsys, dir)
	return nil
}

// replaceable refuses to replace anything but a regular file or a link to
// one: a device, a named pipe, a socket or a folder stays what it is (a
// rename over /dev/full would turn the device into a plain file).
func replaceable(fsys FS, path string, info fs.FileInfo) error {
	if info.Mode()&fs.ModeSymlink == 0 {
		if err := filekind.Check(info.Mode()); err != nil {
			return fmt.Errorf("%w, and only a regular file is replaced", err)
		}
		return nil
	}
	target, err := fsys.Stat(path)
	if err != nil || target.Mode().IsRegular() {
		return nil // a dangling link, or a link to a file: the link is replaced
	}
	return fmt.Errorf("%w, and only a regular file is replaced", &filekind.NotRegularError{Mode: target.Mode(), Via: true})
}

// reason turns a system error into the plain reason a person can act on.
func reason(err error) error {
	switch {
	case isDiskFull(err):
		return ErrDiskFull
	case isWriteProtected(err), errors.Is(err, fs.ErrPermission):
		return ErrReadOnly
	case errors.Is(err, fs.ErrNotExist):
		return ErrNoFolder
	case errors.Is(err, fs.ErrExist):
		return ErrExists
	}
	return nil
}

// FileName is the default name of a report file, e.g.
// "unstuck-report-2026-11-24-2031.zip"; ext is "zip", "json", "html" or "txt".
func FileName(t time.Time, ext string) string {
	return fmt.Sprintf("unstuck-report-%s.%s", t.Format("2006-01-02-1504"), ext)
}
