// Package live wires the real sources (usbmuxd through go-ios, the USB bus
// through sysfs and gousb, or Apple's driver on Windows) into a
// watch.Watcher. The app, the CLI and the demo all build their watcher
// here.
package live

import (
	"context"
	"io"
	"log/slog"
	"runtime"
	"time"

	"unstuck/device"
	"unstuck/device/muxsource"
	"unstuck/device/usbsource"
	"unstuck/device/watch"
)

// Options choose where the sources look. The zero value means the real
// computer: usbmuxd's usual socket (or USBMUXD_SOCKET_ADDRESS) and /sys.
type Options struct {
	// MuxAddress overrides the usbmuxd socket, e.g. "UNIX:///tmp/sim.sock".
	MuxAddress string
	// SysfsRoot overrides /sys for the USB source (tests and the demo).
	SysfsRoot string
	// NoLibusb reads USB from sysfs alone (the demo's simulated bus).
	NoLibusb bool
	// TrustRecheck is how often an untrusted phone is asked again
	// (default 2 s; the demo asks more often).
	TrustRecheck time.Duration
	// Uevents replaces the kernel's device events (tests play the kernel
	// over a socketpair); nil means the real ones, on Linux with /sys.
	Uevents func() (io.ReadCloser, error)
	// NoPair takes trust from usbmuxd's pair records alone: no phone is
	// asked to trust this computer (muxsource.Options.NoPair).
	NoPair bool
	// NoUSB and NoMux switch a source off.
	NoUSB, NoMux bool
	Logger       *slog.Logger
	Watcher      watch.Options
}

// NewWatcher builds a watcher over the real sources.
func NewWatcher(o Options) *watch.Watcher {
	wo := o.Watcher
	if wo.Logger == nil {
		wo.Logger = o.Logger
	}
	if !o.NoMux {
		wo.Mux = muxsource.New(muxsource.Options{Address: o.MuxAddress, Logger: o.Logger, Recheck: o.TrustRecheck, NoPair: o.NoPair})
	}
	if !o.NoUSB {
		wo.USB = usbsource.New(usbsource.Options{SysfsRoot: o.SysfsRoot, DisableLibusb: o.NoLibusb, Uevents: o.Uevents})
	}
	switch {
	case wo.USBIdlePoll != 0:
	case runtime.GOOS == "windows":
		// Listing is SetupAPI's list of Apple's driver's interfaces
		// (nothing opened, no libusb); with no phone in recovery or DFU mode
		// it runs every 500 ms, as libirecovery polls (there are no arrival
		// events to listen to under Wine, see usbsource/winsource.go).
		wo.USBIdlePoll = 500 * time.Millisecond
	case runtime.GOOS != "linux":
		// Without sysfs every listing starts libusb (on macOS: IOKit's
		// enumeration, libusb's event thread and gousb's 100 ms event
		// goroutine), so an empty bus is listed once a second rather than
		// every 150 ms. A phone in recovery or DFU mode keeps libusb open
		// and the 150 ms poll back: the mode changes a procedure waits for
		// are seen as quickly as before; only the first arrival can take up
		// to a second (usbmuxd's events still announce normal-mode phones).
		wo.USBIdlePoll = time.Second
	}
	return watch.New(wo)
}

// FirstReadingWait is how long the app and the CLI wait for every source's
// first reading before they go on without it.
const FirstReadingWait = 5 * time.Second

// WaitReady waits until the watcher has read every source once (true), or
// until wait passes or ctx ends (false).
func WaitReady(ctx context.Context, w interface{ Ready() <-chan struct{} }, wait time.Duration) bool {
	timer := time.NewTimer(wait)
	defer timer.Stop()
	select {
	case <-w.Ready():
		return true
	case <-timer.C:
	case <-ctx.Done():
	}
	return false
}

// Start runs a watcher over the real sources until ctx ends, and returns
// once WaitReady does. stop ends the watcher and waits for it.
func Start(ctx context.Context, o Options, wait time.Duration) (w *watch.Watcher, stop func()) {
	w = NewWatcher(o)
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { w.Run(ctx); close(done) }()
	WaitReady(ctx, w, wait)
	return w, func() { cancel(); <-done }
}

// Snapshot runs a watcher until every source has been read once (or until
// wait passes) and returns the State.
func Snapshot(ctx context.Context, o Options, wait time.Duration) (device.State, error) {
	w, stop := Start(ctx, o, wait)
	// The watcher stops in the background: the reading is done, and where
	// libusb is open (macOS, or a serial read on Linux) closing it waits out
	// its event thread's 100 ms poll.
	defer func() { go stop() }()
	if err := ctx.Err(); err != nil {
		return device.State{}, err
	}
	return w.State(), nil
}
