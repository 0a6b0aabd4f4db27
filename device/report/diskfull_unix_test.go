//go:build !windows

package report

import "syscall"

// errDiskFullHere is what a write on a full disk returns on this system.
var errDiskFullHere error = syscall.ENOSPC
