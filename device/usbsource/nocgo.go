//go:build !cgo

package usbsource

import (
	"context"
	"fmt"

	"unstuck/device"
)

// libusbBackend is empty without cgo: gousb needs it.
type libusbBackend struct{}

var errNoCgo = fmt.Errorf("%w: built without cgo", device.ErrUSBUnavailable)

// listLibusb is unavailable; List still uses sysfs on Linux.
func (s *Source) listLibusb() ([]device.USBDevice, int, error) {
	return nil, 0, errNoCgo
}

func (s *Source) readSerial(context.Context, int, int) (string, error) {
	return "", errNoCgo
}

func (s *Source) libusbOpen() bool { return false }
func (s *Source) releaseLibusb()   {}

// Close does nothing without cgo.
func (s *Source) Close() error { return nil }

// SendIBootCommands needs libusb, which needs cgo.
func (s *Source) SendIBootCommands(context.Context, int, int, ...string) error {
	return errNoCgo
}
