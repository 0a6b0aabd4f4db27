//go:build !cgo || windows

package usbsource

import (
	"context"
	"fmt"

	"unstuck/device"
)

// libusbBackend is empty without libusb: gousb needs cgo, and Windows
// builds leave it out (Apple's driver owns the phone there, see winsource.go).
type libusbBackend struct{}

var errNoCgo = fmt.Errorf("%w: built without libusb", device.ErrUSBUnavailable)

// listLibusb is unavailable; List still uses sysfs on Linux.
func (s *Source) listLibusb() ([]device.USBDevice, int, error) {
	return nil, 0, errNoCgo
}

func (s *Source) readSerial(context.Context, int, int) (string, error) {
	return "", errNoCgo
}

func (s *Source) libusbOpen() bool { return false }
func (s *Source) releaseLibusb()   {}

// Close does nothing without libusb.
func (s *Source) Close() error { return nil }

// sendLibusb: there is no libusb to send with.
func (s *Source) sendLibusb(context.Context, int, int, ...string) error {
	return errNoCgo
}
