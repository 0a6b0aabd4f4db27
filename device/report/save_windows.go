package report

import (
	"errors"

	"golang.org/x/sys/windows"
)

// isDiskFull spots what Windows' WriteFile really returns when the disk (or
// the user's quota on it) is full. Go never turns these into
// syscall.ENOSPC on Windows, so ENOSPC is not one of them.
func isDiskFull(err error) bool {
	return errors.Is(err, windows.ERROR_DISK_FULL) || errors.Is(err, windows.ERROR_HANDLE_DISK_FULL) ||
		errors.Is(err, windows.ERROR_DISK_QUOTA_EXCEEDED)
}

func isWriteProtected(err error) bool { return errors.Is(err, windows.ERROR_WRITE_PROTECT) }
