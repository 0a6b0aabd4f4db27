package usbsource

// This file is the Windows USB source's logic: which of Apple's driver's
// device interfaces are listed, what their paths say, and the stable
// synthetic bus and address each phone gets. It builds on every OS; the
// system calls are behind winUSB (winsys_windows.go on Windows, a data fake
// of recorded-shape paths in the tests elsewhere).
//
// On Windows a phone in recovery or DFU mode is bound to Apple's own driver
// (iTunes / Apple Devices), not to a generic USB driver, so it is found the
// way libirecovery finds it (src/libirecovery.c @04d04f7 L1233-1355): by
// the driver's device interface GUIDs. Only those modes are listed here;
// normal-mode phones come through usbmuxd (Apple Mobile Device Service).
// The serial string is taken from the interface path, nothing is opened
// to list. The watcher polls this source (live.go; Source.Notify says there
// are no events): CM_Register_Notification is missing under Wine 8, and
// libirecovery polls every 500 ms too.

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"unstuck/device"
	"unstuck/device/iboot"
)

// appleInterfaces are the interface class GUIDs of Apple's driver
// (libirecovery L1233-1236), in the order libirecovery tries them (L1251).
var appleInterfaces = []struct{ name, guid string }{
	{"KIS", kisGUID},
	{"port DFU", "{AF633FF1-1170-4CA6-AE9E-08D001421EAA}"},
	{"DFU", "{B8085869-FEB9-404B-8CB1-1E5C14FA8C54}"},
	{"iBoot", "{ED82A167-D61A-4AF6-9AB6-11E52236C576}"},
}

const kisGUID = "{B36F4137-F4EF-4BFC-A25A-C2410768EE37}"

// winUSB is the Windows system layer: enumeration (SetupAPI) and the
// driver's control requests (CreateFile, DeviceIoControl).
type winUSB interface {
	// InterfacePaths lists the present device interfaces of an interface
	// class GUID ("{...}"), e.g. `\\?\usb#vid_05ac&pid_1281#<serial>#{guid}`.
	InterfacePaths(guid string) ([]string, error)
	// DriverKey is the device's driver key (SPDRP_DRIVER), e.g.
	// `{36fc9e60-c465-11cf-8056-444553540000}\0012`.
	DriverKey(path string) (string, error)
	// Open opens a device interface for control requests.
	Open(path string) (controlHandle, error)
}

// controlHandle is one opened device interface.
type controlHandle interface {
	// Control sends a control request (setup packet, then data) and
	// returns the data bytes transferred. It returns within timeout, or
	// soon after ctx ends (ctx's error).
	Control(ctx context.Context, setup [8]byte, data []byte, timeout time.Duration) (int, error)
	Close() error
}

// What a control request's failure means; the system layer wraps its own
// error in one of these where it knows.
var (
	errDeviceGone     = errors.New("the phone is no longer connected")
	errTransferFailed = errors.New("the phone did not take the request")
	errTimedOut       = errors.New("timed out")
)

// winBus is every phone's Bus on Windows: libusb numbers buses from 1, so
// 0 marks the address as Unstuck's own (see assign).
const winBus = 0

// winSource lists the phones of Apple's driver. Safe for concurrent use.
type winSource struct {
	sys winUSB

	mu sync.Mutex
	// addrs keeps each attached phone's address, by interface key.
	addrs    map[string]int
	attached bool
}

// winDevice is one listed interface.
type winDevice struct {
	dev  device.USBDevice
	key  string // the path without its interface GUID, lower case
	path string
}

func newWinSource(sys winUSB) *winSource {
	return &winSource{sys: sys, addrs: map[string]int{}}
}

// list returns the phones in an iBoot mode, by address.
func (w *winSource) list(ctx context.Context) ([]device.USBDevice, error) {
	found, err := w.scan(ctx)
	if err != nil {
		return nil, err
	}
	devs := make([]device.USBDevice, len(found))
	for i, d := range found {
		devs[i] = d.dev
	}
	return devs, nil
}

// idle says the last listing found nothing: the watcher may poll slower.
func (w *winSource) idle() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return !w.attached
}

// scan lists every interface of Apple's driver, once per device, sorted by
// address. It fails only when no interface class could be listed.
func (w *winSource) scan(ctx context.Context) ([]winDevice, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	var found []winDevice
	seen := map[string]bool{}
	var errs []error
	for _, c := range appleInterfaces {
		paths, err := w.sys.InterfacePaths(c.guid)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s interfaces: %w", c.name, err))
			continue
		}
		for _, path := range paths {
			d, ok := parseInterface(path, c.guid)
			if ok && !seen[d.key] {
				seen[d.key] = true
				found = append(found, d)
			}
		}
	}
	if len(errs) == len(appleInterfaces) {
		return nil, fmt.Errorf("%w: Windows could not list the devices of Apple's driver: %v", device.ErrUSBUnavailable, errors.Join(errs...))
	}
	w.assign(found)
	sort.Slice(found, func(i, j int) bool { return found[i].dev.Address < found[j].dev.Address })
	w.attached = len(found) > 0
	return found, nil
}

// parseInterface reads an interface path of the class guid; ok is false
// for anything not an Apple USB device.
func parseInterface(path, guid string) (d winDevice, ok bool) {
	p, ok := iboot.FindWindowsPath(path)
	if !ok || p.VID != AppleVID {
		return d, false
	}
	if guid == kisGUID && p.PID == 1 {
		p.PID = 0x1881 // as libirecovery does (L1287-1296)
	}
	d.path = path
	d.key = strings.ToLower(path)
	if i := strings.LastIndex(d.key, "#{"); i >= 0 {
		d.key = d.key[:i]
	}
	d.dev = device.USBDevice{Bus: winBus, ProductID: p.PID, Serial: p.Serial}
	if p.Serial == "" {
		d.dev.SerialErr = errors.New("no serial string in this phone's Windows device path, so its chip and ECID are unknown")
	}
	return d, true
}

// assign gives each phone its synthetic address. A phone keeps its address
// while it stays attached. A new one gets its driver key's number plus 1
// (libirecovery tells devices apart by the driver key's last 4 characters,
// L3024-3043): the same phone gets the same address from a new Source
// too, which is how an action finds the phone the watcher listed. Without
// a driver key the address is 10001 plus a hash of the path; a clash takes
// the next free number.
func (w *winSource) assign(found []winDevice) {
	next := make(map[string]int, len(found))
	taken := map[int]bool{}
	for _, d := range found {
		if a, ok := w.addrs[d.key]; ok {
			next[d.key], taken[a] = a, true
		}
	}
	sort.Slice(found, func(i, j int) bool { return found[i].key < found[j].key })
	for i := range found {
		d := &found[i]
		a, ok := next[d.key]
		if !ok {
			a = w.firstAddress(*d)
			for taken[a] {
				a++
			}
			next[d.key], taken[a] = a, true
		}
		d.dev.Address = a
	}
	w.addrs = next
}

func (w *winSource) firstAddress(d winDevice) int {
	if key, err := w.sys.DriverKey(d.path); err == nil {
		if n, ok := driverKeyNumber(key); ok {
			return n + 1
		}
	}
	h := fnv.New32a()
	h.Write([]byte(d.key))
	return 10001 + int(h.Sum32()%50000)
}

// driverKeyNumber reads the instance number that ends a driver key
// (`{class GUID}\0012` gives 12).
func driverKeyNumber(key string) (int, bool) {
	if len(key) < 4 {
		return 0, false
	}
	tail := key[len(key)-4:]
	for _, c := range tail {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(tail)
	return n, err == nil
}
