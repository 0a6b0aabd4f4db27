// Package usbsource is Unstuck's raw-USB view: it lists the Apple devices on
// the USB bus (a watch.USBSource) with their product ID, place and speed, and
// the USB serial string that identifies a phone in DFU or recovery mode.
//
// It merges two sources. On Linux the kernel's sysfs tree names every device
// and caches its serial string, readable without any permission: that is
// the whole listing there. libusb (through gousb, cgo builds only) lists
// devices where there is no sysfs (macOS). libusb is started only
// when needed: on Linux to read a serial string sysfs lacks (a DFU or
// recovery device is opened once for it) or to send iBoot commands, and
// closed right after; on macOS for each listing, kept open only while a
// phone in an iBoot mode is attached. Normal-mode phones are never opened
// (usbmuxd owns them).
//
// Windows builds have no libusb: there Apple's own driver owns a phone in
// recovery or DFU mode, and the source lists and talks to it through the
// driver's device interfaces (winsource.go).
package usbsource

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"time"

	"unstuck/device"
)

// AppleVID is Apple's USB vendor ID.
const AppleVID = device.AppleVID

// Options configures a Source. The zero value is the normal configuration.
type Options struct {
	// SysfsRoot is where sysfs is mounted (default "/sys"). Tests point it
	// at a umockdev testbed's sys directory.
	SysfsRoot string
	// DevRoot is where device nodes live (default "/dev"); <DevRoot>/bus/usb
	// is one sign that the computer has a USB bus at all.
	DevRoot string
	// DisableLibusb lists from sysfs only; nothing is ever opened.
	DisableLibusb bool
	// DisableSysfs ignores sysfs' device list and serial strings (it is still
	// consulted to tell "no USB bus" from "nothing plugged in").
	DisableSysfs bool
	// Uevents opens the kernel's device events for Notify (default: a
	// NETLINK_KOBJECT_UEVENT socket on Linux, none elsewhere). Each Read
	// returns one message. Tests hand in one end of a socketpair.
	Uevents func() (io.ReadCloser, error)
	// SerialTimeout bounds each control transfer that reads a serial
	// string (default 500 ms).
	SerialTimeout time.Duration
	// RetryAfter is how long a failed serial read is remembered before the
	// device is opened again (default 3 s). Successful reads are kept while
	// the device stays attached.
	RetryAfter time.Duration
}

// Source lists Apple USB devices. It is safe for concurrent use.
type Source struct {
	opts Options

	mu  sync.Mutex
	lib libusbBackend
	// win is Apple's driver on Windows (nil elsewhere, see New): List and
	// SendIBootCommands go through it alone.
	win     *winSource
	serials map[serialKey]serialEntry
	noBus   struct {
		at   time.Time
		none bool
	}
}

type serialKey struct {
	bus, addr int
	pid       uint16
}

type serialEntry struct {
	serial string
	err    error
	at     time.Time
}

// New returns a Source; it opens nothing until List.
func New(opts Options) *Source {
	// On Windows Apple's driver lists the phones, unless a sysfs tree is
	// given (tests, the demo's simulated bus, --sysfs): that is read as on
	// Linux.
	sys := platformWinUSB()
	if opts.SysfsRoot != "" || opts.DisableLibusb {
		sys = nil
	}
	if opts.SysfsRoot == "" {
		opts.SysfsRoot = "/sys"
	}
	if opts.DevRoot == "" {
		opts.DevRoot = "/dev"
	}
	if opts.SerialTimeout <= 0 {
		opts.SerialTimeout = 500 * time.Millisecond
	}
	if opts.RetryAfter <= 0 {
		opts.RetryAfter = 3 * time.Second
	}
	s := &Source{opts: opts, serials: map[serialKey]serialEntry{}}
	if sys != nil {
		s.win = newWinSource(sys)
	}
	return s
}

// Mode classes of Apple product IDs.

// IsIBootPID reports whether pid is a boot-ROM or iBoot mode (DFU, recovery,
// WTF, port DFU) whose serial string describes the chip.
func IsIBootPID(pid uint16) bool {
	switch {
	case pid == 0x1227, pid == 0x1222, pid == 0xF014:
		return true
	case pid >= 0x1280 && pid <= 0x1283:
		return true
	}
	return false
}

// ExitRecoveryCommands are what `irecovery -n` and palera1n's exitrecv send
// to leave recovery mode without erasing anything (dfu-anchors.md 1.4):
// boot automatically from now on, remember that, and reboot.
var ExitRecoveryCommands = []string{"setenv auto-boot true", "saveenv", "reboot"}

// IsNormalPID reports whether pid is a normal/restore-mode PID that usbmuxd
// serves; such devices are never opened here.
func IsNormalPID(pid uint16) bool { return pid >= 0x1290 && pid <= 0x12AF }

// SendIBootCommands sends iBoot commands to the phone in recovery mode at
// bus/address: each as a vendor control transfer (0x40, request 0, value 0,
// index 0) carrying the command and its terminating NUL. The phone must be
// in recovery mode (iBoot); in DFU these do nothing. A phone that drops off
// right after "reboot" has done what it was told, so that is not an error.
// libusb sends them; on Windows, Apple's driver (see winiboot.go).
func (s *Source) SendIBootCommands(ctx context.Context, bus, addr int, cmds ...string) error {
	if s.win != nil {
		return s.win.send(ctx, bus, addr, cmds)
	}
	return s.sendLibusb(ctx, bus, addr, cmds...)
}

// List returns the Apple devices on the bus, sorted by bus and address.
func (s *Source) List(ctx context.Context) ([]device.USBDevice, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if s.win != nil {
		return s.win.list(ctx)
	}
	s.mu.Lock()
	defer s.mu.Unlock()

	var sys []device.USBDevice
	sysOK := false
	if !s.opts.DisableSysfs {
		sys, sysOK = readSysfs(s.opts.SysfsRoot)
	}
	var lib []device.USBDevice
	total := 0
	var libErr error
	// sysfs lists everything on Linux; libusb lists only where there is no
	// sysfs (macOS, a Linux without /sys).
	if !s.opts.DisableLibusb && !sysOK {
		lib, total, libErr = s.listLibusb()
		if libErr != nil {
			s.releaseLibusb()
			return nil, libErr
		}
	}
	devs := merge(sys, lib)
	s.fillSerials(ctx, devs, libErr)
	if !s.keepLibusb(sysOK, devs) {
		s.releaseLibusb()
	}
	if len(devs) == 0 && total == 0 && s.noUSBBus() {
		return nil, fmt.Errorf("%w: no USB bus found on this computer", device.ErrUSBUnavailable)
	}
	return devs, nil
}

// keepLibusb says whether the libusb context stays open after a List:
// never where sysfs lists the bus (libusb was opened for one serial read),
// elsewhere only while a phone in an iBoot mode is attached. An idle
// libusb context is not free: gousb runs libusb's event loop in a goroutine
// that wakes every 100 ms for as long as the context lives.
func (s *Source) keepLibusb(sysOK bool, devs []device.USBDevice) bool {
	if sysOK {
		return false
	}
	for _, d := range devs {
		if IsIBootPID(d.ProductID) {
			return true
		}
	}
	return false
}

// Idle reports that the last List found no phone in an iBoot mode, so
// nothing is held open: where listing means starting libusb (no sysfs),
// the watcher then lists less often (see watch.Options.USBIdlePoll).
func (s *Source) Idle() bool {
	if s.win != nil {
		return s.win.idle()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return !s.libusbOpen()
}

// merge joins sysfs and libusb facts by bus and address; a device seen by
// either is listed (each may lag the other for a moment around hotplug).
func merge(sys, lib []device.USBDevice) []device.USBDevice {
	out := sys
	for _, l := range lib {
		found := false
		for i := range out {
			d := &out[i]
			if d.Bus != l.Bus || d.Address != l.Address {
				continue
			}
			found = true
			if d.ProductID == 0 {
				d.ProductID = l.ProductID
			}
			if d.Port == "" {
				d.Port = l.Port
			}
			if d.SpeedMbps == 0 {
				d.SpeedMbps = l.SpeedMbps
			}
			break
		}
		if !found {
			out = append(out, l)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Bus != out[j].Bus {
			return out[i].Bus < out[j].Bus
		}
		return out[i].Address < out[j].Address
	})
	return out
}

// fillSerials completes serial strings from the cache or by reading them
// (libusb builds), and forgets cache entries of departed devices.
func (s *Source) fillSerials(ctx context.Context, devs []device.USBDevice, libErr error) {
	now := time.Now()
	seen := make(map[serialKey]bool, len(devs))
	for i := range devs {
		d := &devs[i]
		k := serialKey{d.Bus, d.Address, d.ProductID}
		seen[k] = true
		if d.Serial != "" {
			s.serials[k] = serialEntry{serial: d.Serial, at: now}
			continue
		}
		if !IsIBootPID(d.ProductID) {
			continue
		}
		if e, ok := s.serials[k]; ok && (e.err == nil || now.Sub(e.at) < s.opts.RetryAfter) {
			d.Serial, d.SerialErr = e.serial, e.err
			continue
		}
		var e serialEntry
		switch {
		case ctx.Err() != nil:
			d.SerialErr = ctx.Err()
			continue
		case s.opts.DisableLibusb:
			e.err = fmt.Errorf("serial string not in sysfs and reading it over USB is disabled")
		case libErr != nil:
			e.err = fmt.Errorf("serial string not in sysfs and libusb is unavailable: %w", libErr)
		default:
			e.serial, e.err = s.readSerial(ctx, d.Bus, d.Address)
		}
		e.at = time.Now()
		s.serials[k] = e
		d.Serial, d.SerialErr = e.serial, e.err
	}
	for k := range s.serials {
		if !seen[k] {
			delete(s.serials, k)
		}
	}
}

// noUSBBus reports, on Linux, that neither sysfs nor usbfs shows a USB bus:
// then "no devices" means "cannot see", not "nothing plugged in". The
// answer is cached for a few seconds.
func (s *Source) noUSBBus() bool {
	if runtime.GOOS != "linux" {
		return false
	}
	if time.Since(s.noBus.at) < 5*time.Second {
		return s.noBus.none
	}
	_, err1 := os.Stat(filepath.Join(s.opts.SysfsRoot, "bus", "usb", "devices"))
	_, err2 := os.Stat(filepath.Join(s.opts.DevRoot, "bus", "usb"))
	s.noBus.at, s.noBus.none = time.Now(), err1 != nil && err2 != nil
	return s.noBus.none
}
