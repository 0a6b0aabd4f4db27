//go:build !linux

package usbsource

import (
	"errors"
	"fmt"
	"io"
)

// openUevents: only Linux has kernel uevents.
func openUevents() (io.ReadCloser, error) {
	return nil, fmt.Errorf("no kernel USB events on this system: %w", errors.ErrUnsupported)
}
