package hostcheck

import (
	"fmt"
	"strings"

	"unstuck/device"
)

// Vendor pages the fixes link to (sources in assets/data/host-compat.tsv).
const (
	linkITunesStore        = "https://apps.microsoft.com/detail/9PB2MZ1ZMB1S"
	linkAppleDevicesStore  = "https://apps.microsoft.com/detail/9NP83LWLPZ9K"
	linkUsbmuxd            = "https://github.com/libimobiledevice/usbmuxd"
	linkLibirecovery       = "https://github.com/libimobiledevice/libirecovery"
	linkLibimobiledevice   = "https://libimobiledevice.org/"
	linkAppleSoftwareMacOS = "https://www.apple.com/macos/"
)

// worst is the most serious of the statuses: fail, then warn, then
// unknown, then ok.
func worst(statuses ...Status) Status {
	rank := map[Status]int{OK: 0, Unknown: 1, Warn: 2, Fail: 3}
	out := OK
	for _, s := range statuses {
		if rank[s] > rank[out] {
			out = s
		}
	}
	return out
}

// usbStackCheck says whether the USB bus can be listed, from the watcher's
// host conditions, and how it is watched (events or polling). lister is
// what lists it here (sysfs, libusb); fix is the platform's advice when it
// cannot.
func usbStackCheck(in Input, lister, fix string) Check {
	c := Check{ID: "usb.stack", Title: "USB access"}
	s := in.State
	switch {
	case s.Updated.IsZero():
		c.Status, c.Found = Unknown, "The USB bus has not been read yet."
	case hasCondition(s, device.CondUSBUnavailable):
		cond, _ := s.Condition(device.CondUSBUnavailable)
		c.Status, c.Found, c.Fix = Fail, cond.Message, fix
	case hasCondition(s, device.CondUSBPermission):
		cond, _ := s.Condition(device.CondUSBPermission)
		c.Status, c.Found = Warn, cond.Message
		c.Fix = "Unstuck can list the phone but not open it: see the permission checks below."
	default:
		c.Status, c.Found = OK, strings.TrimSpace(lister+" lists the USB devices. "+usbWatchWords[s.USBWatch])
	}
	return c
}

// usbWatchWords say how the watcher learns of a phone arriving on USB.
var usbWatchWords = map[device.USBWatch]string{
	device.USBEvents: "The kernel announces every USB device that comes or goes (uevents): the bus is read again then, and every 30 s to be safe.",
	device.USBPolled: "No USB events reach Unstuck here, so the bus is read again every 150 ms.",
}

func hasCondition(s device.State, code string) bool {
	_, ok := s.Condition(code)
	return ok
}

// usbDevicesCheck lists the attached Apple devices and their USB speed. A
// phone at full speed (12 Mbit/s) or slower is on a poor cable or a hub.
func usbDevicesCheck(in Input) Check {
	c := Check{ID: "usb.devices", Title: "iPhones on USB"}
	s := in.State
	if s.Updated.IsZero() {
		c.Status, c.Found = Unknown, "The USB bus has not been read yet."
		return c
	}
	if len(s.Devices) == 0 {
		c.Status, c.Found = OK, "No iPhone is connected right now."
		return c
	}
	c.Status = OK
	var found []string
	slow := false
	for _, d := range s.Devices {
		speed := d.USB.Speed()
		if speed == "" {
			speed = "speed not reported"
		}
		found = append(found, fmt.Sprintf("%s in %s mode: %s", d.Name(), d.Mode, speed))
		if d.USB.SpeedMbps > 0 && d.USB.SpeedMbps <= 12 {
			slow = true
		}
	}
	c.Found = strings.Join(found, "; ")
	if slow {
		c.Status = Warn
		c.Fix = "A phone is connected at USB full speed (12 Mbit/s) instead of 480: plug it straight into the computer, without a hub, with another cable."
	}
	return c
}

// phonesWithIOS returns the attached phones that report an iOS version.
func phonesWithIOS(in Input) []device.Device {
	var out []device.Device
	for _, d := range in.State.Devices {
		if iosMajor(d.IOSVersion) > 0 {
			out = append(out, d)
		}
	}
	return out
}

// noPhoneForCompat is the compatibility check when no phone tells its iOS.
func noPhoneForCompat() Check {
	return Check{ID: "compat", Title: "This iPhone and this computer", Status: Unknown,
		Found: "No running iPhone is connected, so its iOS version is not known."}
}

// Follow brings the checks that are read from the live State (the Apple
// devices on USB and their speed) up to date with s, leaving the others as
// they were run. It returns a new slice and whether anything changed, so a
// screen can follow the phones without running every check again.
func Follow(checks []Check, s device.State) ([]Check, bool) {
	out := make([]Check, len(checks))
	changed := false
	for i, c := range checks {
		if c.ID == "usb.devices" {
			if n := usbDevicesCheck(Input{State: s}); n != c {
				c, changed = n, true
			}
		}
		out[i] = c
	}
	return out, changed
}
