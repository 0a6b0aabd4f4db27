package watch

import (
	"context"

	"unstuck/device"
)

// MuxSource is the usbmuxd side: the devices it serves, and its change events.
type MuxSource interface {
	// List returns the devices usbmuxd sees, with their lockdown facts.
	List(ctx context.Context) ([]device.MuxDevice, error)
	// Listen blocks, calling changed after every usbmuxd event, until ctx
	// ends (nil) or the connection fails (the error says why).
	Listen(ctx context.Context, changed func()) error
}

// USBSource is the raw-USB side.
type USBSource interface {
	// List returns the Apple devices on the bus. An error means the bus
	// could not be listed at all (see ErrUSBUnavailable).
	List(ctx context.Context) ([]device.USBDevice, error)
}
