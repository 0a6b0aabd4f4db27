package hostcheck

import (
	"unstuck/device"
	"unstuck/device/tr"
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
func usbStackCheck(in Input, lister string, fix tr.Text) Check {
	c := Check{ID: "usb.stack", Title: title("usb.stack")}
	s := in.State
	switch {
	case s.Updated.IsZero():
		c.Status, c.Found = Unknown, msg("usb.not-read")
	case hasCondition(s, device.CondUSBUnavailable):
		cond, _ := s.Condition(device.CondUSBUnavailable)
		c.Status, c.Found, c.Fix = Fail, cond.Message, fix
	case hasCondition(s, device.CondUSBPermission):
		cond, _ := s.Condition(device.CondUSBPermission)
		c.Status, c.Found = Warn, cond.Message
		c.Fix = msg("usb.stack.permission-fix")
	default:
		c.Status, c.Found = OK, msg(usbWatchWords(s.USBWatch), "Lister", lister)
	}
	return c
}

// usbWatchWords is the message that says lister lists the bus and how the
// watcher learns of a phone arriving on USB.
func usbWatchWords(w device.USBWatch) string {
	switch w {
	case device.USBEvents:
		return "usb.stack.events"
	case device.USBPolled:
		return "usb.stack.polled"
	}
	return "usb.stack.lists"
}

func hasCondition(s device.State, code string) bool {
	_, ok := s.Condition(code)
	return ok
}

// usbDevicesCheck lists the attached Apple devices and their USB speed. A
// phone at full speed (12 Mbit/s) or slower is on a poor cable or a hub.
func usbDevicesCheck(in Input) Check {
	c := Check{ID: "usb.devices", Title: title("usb.devices")}
	s := in.State
	if s.Updated.IsZero() {
		c.Status, c.Found = Unknown, msg("usb.not-read")
		return c
	}
	if len(s.Devices) == 0 {
		c.Status, c.Found = OK, msg("usb.devices.none")
		return c
	}
	c.Status = OK
	var found []tr.Text
	slow := false
	for _, d := range s.Devices {
		speed := d.USB.SpeedText()
		if speed.IsZero() {
			speed = msg("usb.devices.no-speed")
		}
		found = append(found, msg("usb.devices.phone", "Name", d.Name(), "Mode", modeWords(d.Mode), "Speed", speed))
		if d.USB.SpeedMbps > 0 && d.USB.SpeedMbps <= 12 {
			slow = true
		}
	}
	c.Found = list(found)
	if slow {
		c.Status = Warn
		c.Fix = msg("usb.devices.slow-fix")
	}
	return c
}

// modeWords names a phone's mode inside a sentence ("recovery mode").
func modeWords(m device.Mode) tr.Text { return tr.Msg(m.MessageID("words")) }

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
	return Check{ID: "compat", Title: title("compat"), Status: Unknown, Found: msg("compat.no-phone")}
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
