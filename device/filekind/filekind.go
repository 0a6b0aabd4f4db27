// Package filekind says in plain words what kind of file a path is, and
// opens only regular files: a named pipe, a device or a socket where a
// file is expected would block a read, or be destroyed by a save.
package filekind

import (
	"fmt"
	"io/fs"
	"os"
)

// Describe names the kind of file m is: "a regular file", "a named pipe"…
func Describe(m fs.FileMode) string {
	switch t := m.Type(); {
	case t == 0:
		return "a regular file"
	case t&fs.ModeDir != 0:
		return "a folder"
	case t&fs.ModeSymlink != 0:
		return "a symbolic link"
	case t&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case t&fs.ModeSocket != 0:
		return "a socket"
	case t&fs.ModeCharDevice != 0:
		return "a character device"
	case t&fs.ModeDevice != 0:
		return "a block device"
	}
	return "not a plain file"
}

// NotRegularError is a path that is not a regular file.
type NotRegularError struct {
	Mode fs.FileMode
	// Via is set when the path is a symbolic link to Mode.
	Via bool
}

func (e *NotRegularError) Error() string {
	if e.Via {
		return "not a regular file: it is a symbolic link to " + Describe(e.Mode)
	}
	return "not a regular file: it is " + Describe(e.Mode)
}

// Check returns a *NotRegularError unless m is a regular file.
func Check(m fs.FileMode) error {
	if m.IsRegular() {
		return nil
	}
	return &NotRegularError{Mode: m}
}

// OpenRegular opens path for reading when it is a regular file itself (a
// symbolic link is refused, not followed). The file is checked again once
// open, so one swapped in meanwhile is refused too.
func OpenRegular(path string) (*os.File, fs.FileInfo, error) {
	st, err := os.Lstat(path)
	if err != nil {
		return nil, nil, err
	}
	if err := Check(st.Mode()); err != nil {
		return nil, nil, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	now, err := f.Stat()
	if err == nil && !os.SameFile(st, now) {
		err = fmt.Errorf("%s changed while it was being opened", path)
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, now, nil
}
