package report

import "golang.org/x/sys/windows"

// errDiskFullHere is what a write on a full disk returns on Windows
// (WriteFile's ERROR_DISK_FULL; Go does not map it to ENOSPC).
var errDiskFullHere error = windows.ERROR_DISK_FULL
