//go:build !windows

package report

import (
	"errors"
	"syscall"
)

func isDiskFull(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT)
}

func isWriteProtected(err error) bool { return errors.Is(err, syscall.EROFS) }
