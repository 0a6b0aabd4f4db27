//go:build unix

package single

import (
	"errors"
	"os"
	"syscall"
)

// localNetwork is the endpoint's kind here: a unix socket in the user's own directory.
const localNetwork = "unix"

// tryLock takes an exclusive flock on f without waiting: false when another
// open file holds it (in this process or another).
func tryLock(f *os.File) (bool, error) {
	err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return false, nil
	}
	return err == nil, err
}
