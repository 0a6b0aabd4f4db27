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

// USBNotifier is a USBSource that can tell when the bus changes (on Linux,
// the kernel's uevents): the watcher then lists it on each change and every
// Options.USBResync, instead of every USBPoll.
type USBNotifier interface {
	// Notify calls ready once it listens, then changed after every USB
	// device that arrives or leaves, until ctx ends (nil) or the events
	// fail (an error; errors.ErrUnsupported: there are none to listen to).
	Notify(ctx context.Context, ready, changed func()) error
}

// USBIdler is a USBSource for which listing costs something while nothing
// is attached (starting libusb where there is no sysfs): Idle says the
// last List found nothing that needs close watching, and the watcher then
// lists every Options.USBIdlePoll.
type USBIdler interface {
	Idle() bool
}
