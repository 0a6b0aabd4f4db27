//go:build windows

package activity

import (
	"os"
	"syscall"
)

// openShared opens a file for reading, sharing read, write and delete:
// Go's os.Open shares read and write but not delete (syscall_windows.go),
// so a backup program's move or delete of the file would fail while it is
// open. See shared/research/stuck-or-working.md, section 1.
func openShared(path string) (*os.File, error) {
	p, err := syscall.UTF16PtrFromString(path)
	if err != nil {
		return nil, err
	}
	h, err := syscall.CreateFile(p, syscall.GENERIC_READ,
		syscall.FILE_SHARE_READ|syscall.FILE_SHARE_WRITE|syscall.FILE_SHARE_DELETE,
		nil, syscall.OPEN_EXISTING, syscall.FILE_ATTRIBUTE_NORMAL, 0)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: path, Err: err}
	}
	return os.NewFile(uintptr(h), path), nil
}
