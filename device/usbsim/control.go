//go:build linux && cgo

package usbsim

/*
#include <errno.h>
*/
import "C"

import (
	"strings"
	"sync"
	"unsafe"
)

// Device is one phone added to a Testbed.
type Device struct {
	tb    *Testbed
	phone Phone
	strs  map[int]string

	mu       sync.Mutex
	removed  bool
	commands []string
	ioctls   []string
}

// Phone returns the phone's description with defaults filled in.
func (d *Device) Phone() Phone { return d.phone }

// SysPath is the device's sysfs path (under the testbed's /sys).
func (d *Device) SysPath() string { return d.phone.SysPath() }

// DevNode is the device's usbfs node, e.g. /dev/bus/usb/001/002.
func (d *Device) DevNode() string { return d.phone.DevNode() }

// Commands returns the iBoot commands received so far (vendor OUT control
// requests, bmRequestType 0x40, without the trailing NUL), oldest first.
func (d *Device) Commands() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]string(nil), d.commands...)
}

// Ioctls lists the device-level usbdevfs requests seen: "open" (libusb's
// GET_CAPABILITIES right after opening the node), "claim", "setinterface", …
func (d *Device) Ioctls() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]string(nil), d.ioctls...)
}

// slots maps the handler slot ids (one per device node path) to the device
// currently at that node. The C handler runs on umockdev's worker thread.
var slots struct {
	sync.Mutex
	next int
	m    map[int]*Device
}

func slotDevice(slot int) *Device {
	slots.Lock()
	defer slots.Unlock()
	return slots.m[slot]
}

func setSlot(slot int, d *Device) {
	slots.Lock()
	defer slots.Unlock()
	if slots.m == nil {
		slots.m = map[int]*Device{}
	}
	if d == nil {
		delete(slots.m, slot)
		return
	}
	slots.m[slot] = d
}

func newSlot() int {
	slots.Lock()
	defer slots.Unlock()
	slots.next++
	return slots.next
}

//export usbsimControl
func usbsimControl(slot C.int, setup, data *C.uchar, length C.int) C.int {
	d := slotDevice(int(slot))
	if d == nil {
		return -C.ENODEV
	}
	s := unsafe.Slice((*byte)(unsafe.Pointer(setup)), 8)
	buf := unsafe.Slice((*byte)(unsafe.Pointer(data)), int(length))
	return C.int(d.control(s, buf))
}

var ioctlNames = map[uint32]string{15: "claim", 16: "release", 4: "setinterface",
	5: "setconfiguration", 21: "clear-halt", 3: "reset-ep", 20: "reset", 26: "open"}

//export usbsimEvent
func usbsimEvent(slot C.int, req C.ulong) {
	if d := slotDevice(int(slot)); d != nil {
		name := ioctlNames[uint32(req)&0xFF]
		d.mu.Lock()
		d.ioctls = append(d.ioctls, name)
		d.mu.Unlock()
	}
}

const errPipe = -int(C.EPIPE) // STALL

// control answers one control request; it returns the data-stage length or
// a negative errno.
func (d *Device) control(setup, data []byte) int {
	d.mu.Lock()
	removed := d.removed
	d.mu.Unlock()
	if removed {
		return -int(C.ENODEV)
	}
	rt, req := setup[0], setup[1]
	val := uint16(setup[2]) | uint16(setup[3])<<8
	length := int(uint16(setup[6]) | uint16(setup[7])<<8)
	if length > len(data) {
		length = len(data)
	}
	reply := func(b []byte) int { return copy(data[:length], b) }

	switch {
	case rt == 0x80 && req == 6: // GET_DESCRIPTOR
		typ, idx := val>>8, int(val&0xFF)
		switch {
		case typ == 1:
			return reply(d.phone.Descriptors[:18])
		case typ == 2 && idx == 0:
			return reply(d.phone.Descriptors[18:])
		case typ == 3 && idx == 0:
			return reply([]byte{4, 3, 0x09, 0x04}) // LANGID en-US
		case typ == 3:
			if s, ok := d.strs[idx]; ok {
				return reply(stringDescriptor(s))
			}
		}
		return errPipe
	case rt == 0x80 && req == 8: // GET_CONFIGURATION
		return reply([]byte{1})
	case rt&0xE0 == 0x80 && req == 0: // GET_STATUS (device/interface/endpoint)
		return reply([]byte{0, 0})
	case rt == 0x00 && req == 9, rt == 0x01 && req == 11: // SET_CONFIGURATION, SET_INTERFACE
		return 0
	case rt == 0x40 && (req == 0 || req == 1): // iBoot command
		cmd := strings.TrimRight(string(data[:length]), "\x00")
		d.mu.Lock()
		d.commands = append(d.commands, cmd)
		d.mu.Unlock()
		return length
	case rt == 0xC0 && req == 0: // iBoot command reply (getenv): empty
		return reply([]byte{0})
	case rt == 0xA1 && req == 3 && d.phone.Mode != "recovery": // DFU GETSTATUS: dfuIDLE
		return reply([]byte{0, 0, 0, 0, 2, 0})
	case rt == 0xA1 && req == 5 && d.phone.Mode != "recovery": // DFU GETSTATE: dfuIDLE
		return reply([]byte{2})
	}
	return errPipe
}
