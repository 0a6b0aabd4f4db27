package single

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// localNetwork is the endpoint's kind here: loopback TCP (a named pipe would need go-winio).
const localNetwork = "tcp"

// tryLock takes an exclusive lock on f's first byte without waiting: false
// when another handle holds it (in this process or another).
func tryLock(f *os.File) (bool, error) {
	var ol windows.Overlapped
	err := windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &ol)
	if errors.Is(err, windows.ERROR_LOCK_VIOLATION) {
		return false, nil
	}
	return err == nil, err
}
