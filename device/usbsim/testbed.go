//go:build linux && cgo

// Package usbsim emulates iPhones in DFU, recovery and normal mode on the
// USB bus for tests: a umockdev testbed whose usbdevfs ioctls are answered by
// a custom handler, so libusb, gousb and irecovery see the phone, read its
// iBoot serial string and send it iBoot commands.
//
// Use it in-process (the test binary calls ReexecUnderPreload in TestMain so
// that libumockdev-preload is loaded, then creates a Testbed and a fresh
// libusb context) or for child processes (start them with Testbed.Env()).
// Only one Testbed may exist per process at a time: umockdev keeps its root
// in the process environment (UMOCKDEV_DIR).
package usbsim

/*
#cgo pkg-config: umockdev-1.0 glib-2.0 gobject-2.0
#include <stdlib.h>
#include "usbsim.h"
*/
import "C"

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"unsafe"
)

const preloadName = "libumockdev-preload.so.0"

// PreloadPath finds libumockdev-preload.so.0.
func PreloadPath() (string, error) {
	for _, pat := range []string{"/usr/lib/*/", "/usr/lib64/", "/usr/lib/", "/lib/*/", "/usr/local/lib/", "/usr/local/lib/*/"} {
		if m, _ := filepath.Glob(pat + preloadName); len(m) > 0 {
			return m[0], nil
		}
	}
	return "", errors.New("usbsim: " + preloadName + " not found (install umockdev)")
}

// UnderPreload reports whether libumockdev-preload is loaded in this process.
func UnderPreload() bool {
	maps, err := os.ReadFile("/proc/self/maps")
	return err == nil && bytes.Contains(maps, []byte("libumockdev-preload"))
}

const reexecMark = "UNSTUCK_USBSIM_REEXEC"

// ReexecUnderPreload makes sure this process runs under libumockdev-preload,
// which the harness needs for uevents (hotplug) to reach libusb. Call it
// first in TestMain: if the library is already loaded it returns nil,
// otherwise it replaces the process with itself (same arguments, LD_PRELOAD
// added), so the exit status is the new process's. It returns an error when
// the library cannot be found or the re-exec failed; tests should then skip.
func ReexecUnderPreload() error {
	if UnderPreload() {
		return nil
	}
	if os.Getenv(reexecMark) != "" {
		return errors.New("usbsim: re-executed with LD_PRELOAD but libumockdev-preload is not loaded")
	}
	lib, err := PreloadPath()
	if err != nil {
		return err
	}
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("usbsim: %v", err)
	}
	env := append(os.Environ(), preloadEnv(lib), reexecMark+"=1")
	return fmt.Errorf("usbsim: re-exec: %v", syscall.Exec(exe, os.Args, env))
}

func preloadEnv(lib string) string {
	cur := os.Getenv("LD_PRELOAD")
	if strings.Contains(cur, "libumockdev-preload") {
		return "LD_PRELOAD=" + cur
	}
	if cur != "" {
		return "LD_PRELOAD=" + lib + ":" + cur
	}
	return "LD_PRELOAD=" + lib
}

// Testbed is a umockdev testbed with emulated Apple devices.
type Testbed struct {
	mu       sync.Mutex
	tb       *C.UMockdevTestbed
	dir      string
	handlers map[string]handler // by device node, kept for the testbed's life
	devices  map[*Device]bool
	nextAddr map[int]int
}

type handler struct {
	slot int
	h    *C.UMockdevIoctlBase
}

var active struct {
	sync.Mutex
	tb *Testbed
}

// NewTestbed creates an empty testbed and points this process's umockdev
// environment (UMOCKDEV_DIR) at it.
func NewTestbed() (*Testbed, error) {
	active.Lock()
	defer active.Unlock()
	if active.tb != nil {
		return nil, errors.New("usbsim: another Testbed is still open in this process")
	}
	tb := C.umockdev_testbed_new()
	if tb == nil {
		return nil, errors.New("usbsim: umockdev_testbed_new failed")
	}
	cdir := C.umockdev_testbed_get_root_dir(tb)
	dir := C.GoString((*C.char)(cdir))
	C.g_free(C.gpointer(cdir))
	// umockdev set it through libc; keep Go's copy of the environment in step.
	os.Setenv("UMOCKDEV_DIR", dir)
	t := &Testbed{tb: tb, dir: dir, handlers: map[string]handler{},
		devices: map[*Device]bool{}, nextAddr: map[int]int{}}
	// A computer with USB has a sysfs bus directory even with nothing
	// plugged in. (No root hub device is emulated: irecovery 1.0.0 reads
	// its freed device list after opening a phone and crashes when another
	// device follows the phone in libusb's list.)
	if err := os.MkdirAll(filepath.Join(dir, "sys", "bus", "usb", "devices"), 0o755); err != nil {
		C.usbsim_unref(C.gpointer(tb))
		os.Unsetenv("UMOCKDEV_DIR")
		return nil, fmt.Errorf("usbsim: %v", err)
	}
	active.tb = t
	return t, nil
}

// Dir is the testbed root (UMOCKDEV_DIR); its sysfs is Dir()+"/sys".
func (t *Testbed) Dir() string { return t.dir }

// Env returns the environment entries a child process needs to see the
// testbed: LD_PRELOAD with libumockdev-preload, and UMOCKDEV_DIR.
func (t *Testbed) Env() []string {
	lib, err := PreloadPath()
	if err != nil {
		lib = preloadName
	}
	return []string{preloadEnv(lib), "UMOCKDEV_DIR=" + t.dir}
}

// Add attaches a phone: it installs the ioctl handler for its device node
// first, then adds the device (which emits the "add" uevent).
func (t *Testbed) Add(p Phone) (*Device, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.tb == nil {
		return nil, errors.New("usbsim: testbed closed")
	}
	if p.Bus == 0 {
		p.Bus = 1
	}
	if p.Address == 0 {
		p.Address = t.freeAddress(p.Bus)
	}
	desc, err := p.Description() // validates
	if err != nil {
		return nil, err
	}
	if err := p.setDefaults(); err != nil {
		return nil, err
	}
	for o := range t.devices {
		q := o.phone
		if q.Bus == p.Bus && (q.Address == p.Address || q.Port == p.Port) {
			return nil, fmt.Errorf("usbsim: bus %d address %d / port %s already in use", p.Bus, p.Address, p.Port)
		}
	}
	d := &Device{tb: t, phone: p, strs: p.strings()}
	node := p.DevNode()
	h, ok := t.handlers[node]
	if !ok {
		h = handler{slot: newSlot()}
		h.h = C.usbsim_handler_new(C.int(h.slot))
		if err := cbool(func(e **C.char) C.int {
			cs := C.CString(node)
			defer C.free(unsafe.Pointer(cs))
			return C.usbsim_attach(t.tb, cs, h.h, e)
		}); err != nil {
			C.usbsim_unref(C.gpointer(h.h))
			return nil, fmt.Errorf("usbsim: attach ioctl handler to %s: %v", node, err)
		}
		t.handlers[node] = h
	}
	setSlot(h.slot, d)
	if err := cbool(func(e **C.char) C.int {
		cs := C.CString(desc)
		defer C.free(unsafe.Pointer(cs))
		return C.usbsim_add(t.tb, cs, e)
	}); err != nil {
		setSlot(h.slot, nil)
		return nil, fmt.Errorf("usbsim: add device: %v", err)
	}
	if p.DenyOpen {
		// Any open for writing of this file fails with EACCES, even for
		// root: the kernel checks /proc/sys permissions without the
		// CAP_DAC_OVERRIDE bypass.
		f := filepath.Join(t.dir, node)
		err := os.Remove(f)
		if err == nil {
			err = os.Symlink("/proc/sys/kernel/osrelease", f)
		}
		if err != nil {
			return nil, fmt.Errorf("usbsim: deny open: %v", err)
		}
	}
	t.devices[d] = true
	return d, nil
}

// AddDescription adds a device from a umockdev description such as
// testdata/apple-dfu.umockdev.
func (t *Testbed) AddDescription(text string) (*Device, error) {
	p, err := ParseDescription(text)
	if err != nil {
		return nil, err
	}
	return t.Add(p)
}

func (t *Testbed) freeAddress(bus int) int {
	for {
		a := t.nextAddr[bus]
		if a < 2 || a > 127 {
			a = 2
		}
		t.nextAddr[bus] = a + 1
		used := false
		for d := range t.devices {
			used = used || (d.phone.Bus == bus && d.phone.Address == a)
		}
		if !used {
			return a
		}
	}
}

// Remove unplugs the device: a "remove" uevent, then its sysfs entry goes.
func (t *Testbed) Remove(d *Device) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.tb == nil || !t.devices[d] {
		return
	}
	delete(t.devices, d)
	d.mu.Lock()
	d.removed = true
	d.mu.Unlock()
	if h, ok := t.handlers[d.DevNode()]; ok && slotDevice(h.slot) == d {
		setSlot(h.slot, nil)
	}
	cs := C.CString(d.SysPath())
	defer C.free(unsafe.Pointer(cs))
	C.usbsim_remove(t.tb, cs)
	os.Remove(filepath.Join(t.dir, d.DevNode()))
	// umockdev drops the bus directory with its last device; a real
	// computer keeps it (see NewTestbed).
	os.MkdirAll(filepath.Join(t.dir, "sys", "bus", "usb", "devices"), 0o755)
}

// Devices lists the attached devices.
func (t *Testbed) Devices() []*Device {
	t.mu.Lock()
	defer t.mu.Unlock()
	var out []*Device
	for d := range t.devices {
		out = append(out, d)
	}
	return out
}

// Close removes the testbed (and its directory) and its handlers.
func (t *Testbed) Close() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.tb == nil {
		return nil
	}
	for d := range t.devices {
		d.mu.Lock()
		d.removed = true
		d.mu.Unlock()
	}
	t.devices = nil
	C.usbsim_unref(C.gpointer(t.tb))
	t.tb = nil
	for _, h := range t.handlers {
		setSlot(h.slot, nil)
		C.usbsim_unref(C.gpointer(h.h))
	}
	t.handlers = nil
	os.Unsetenv("UMOCKDEV_DIR")
	os.RemoveAll(t.dir)
	active.Lock()
	active.tb = nil
	active.Unlock()
	return nil
}

func cbool(f func(**C.char) C.int) error {
	var msg *C.char
	if f(&msg) != 0 {
		return nil
	}
	defer C.g_free(C.gpointer(msg))
	return errors.New(C.GoString(msg))
}
