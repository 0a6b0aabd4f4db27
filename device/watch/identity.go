package watch

import (
	"fmt"
	"strings"

	"unstuck/device"
)

// This file holds how the watcher names a phone and how it knows that the
// two sources see the same one.

// keyFor is a phone's Key: its ECID when known (it survives reboots and
// mode changes), else its UDID, else its place on the USB bus.
func keyFor(ecid uint64, udid string, u device.USBDevice) string {
	switch {
	case ecid != 0:
		return fmt.Sprintf("ecid:%016x", ecid)
	case udid != "":
		return udidKey(udid)
	}
	return usbKey(u.Bus, u.Address)
}

func udidKey(udid string) string {
	return "udid:" + strings.ToLower(strings.ReplaceAll(udid, "-", ""))
}

// usbKey is the Key of a phone known only by its USB address.
func usbKey(bus, address int) string { return fmt.Sprintf("usb:%d-%d", bus, address) }

// locationID is usbmuxd's LocationID for a USB device, as it reports it on
// Linux: bus<<16 | address.
func locationID(u device.USBDevice) uint32 { return uint32(u.Bus)<<16 | uint32(u.Address) }

// joins says a usbmuxd phone and a USB device are one phone: the same
// place on the bus, or the same UDID in the USB serial string.
func joins(m device.MuxDevice, u device.USBDevice) bool {
	return (m.LocationID != 0 && m.LocationID == locationID(u)) || device.SameUDID(m.UDID, u.Serial)
}
