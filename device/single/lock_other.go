//go:build !unix && !windows

package single

import (
	"errors"
	"os"
)

// localNetwork is the endpoint's kind here: loopback TCP.
const localNetwork = "tcp"

// tryLock has no lock to take on this system: every copy runs alone.
func tryLock(*os.File) (bool, error) { return false, errors.New("no file locks on this system") }
