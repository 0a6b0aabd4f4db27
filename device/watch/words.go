package watch

import (
	"errors"
	"runtime"

	"unstuck/device"
	"unstuck/device/tr"
)

// hostConditions are the computer's problems the sources reported, in
// plain words with this OS's advice: normalOnUSB says a phone in normal
// mode is on USB, permission that a phone on USB could not be opened.
func hostConditions(s snapshot, normalOnUSB, permission bool) []device.Condition {
	var host []device.Condition
	if s.muxErr != nil {
		host = append(host, usbmuxdCondition(s.muxErr, normalOnUSB))
	}
	switch {
	case errors.Is(s.usbErr, device.ErrUSBUnavailable):
		host = append(host, device.Condition{Code: device.CondUSBUnavailable, Severity: device.SeverityProblem, Detail: s.usbErr.Error(),
			Message: osMessage("host.cond.usb-unavailable")})
	case s.usbErr != nil:
		host = append(host, device.Condition{Code: device.CondUSBUnavailable, Severity: device.SeverityProblem, Detail: s.usbErr.Error(),
			Message: tr.Msg("host.cond.usb-list-failed")})
	}
	if permission {
		host = append(host, device.Condition{Code: device.CondUSBPermission, Severity: device.SeverityProblem, Message: osMessage("host.cond.usb-permission")})
	}
	return host
}

// osMessage is message id's wording for this operating system,
// id.<goos> where the catalogue has one (osWords), else id.other.
func osMessage(id string) tr.Text { return tr.Msg(id + "." + osWords(id)) }

// perOS are the messages worded per system, and the systems with words of
// their own (beside "other"): on Windows the USB listing goes through
// Apple's driver's device interfaces and normal-mode phones through the
// Apple Mobile Device Service; on Linux through usbmuxd, which udev starts
// with the first phone.
var perOS = map[string][]string{
	"host.cond.usb-unavailable":  {"windows"},
	"host.cond.usb-permission":   {"linux"},
	"host.cond.usbmuxd-restart":  {"linux", "windows"},
	"host.cond.usbmuxd-not-here": {"linux", "windows"},
}

// osWords is the suffix of id's wording on this system.
func osWords(id string) string {
	for _, goos := range perOS[id] {
		if goos == runtime.GOOS {
			return goos
		}
	}
	return "other"
}

// usbmuxdCondition is the host condition for a usbmuxd source's error.
func usbmuxdCondition(err error, phoneOnUSB bool) device.Condition {
	c := device.Condition{Code: device.CondUsbmuxdUnavailable, Severity: device.SeverityProblem}
	var ue *device.UsbmuxdError
	if !errors.As(err, &ue) || ue.Cause == device.CauseNotRunning {
		if ue != nil {
			c.Cause, err = ue.Cause, ue.Err
		}
		c.Message, c.Detail = notRunningMessage(phoneOnUSB), err.Error()
		if runtime.GOOS == "linux" && !phoneOnUSB {
			c.Severity = device.SeverityInfo // it starts by itself when a phone is plugged in
		}
		return c
	}
	c.Cause = ue.Cause
	c.Message = tr.Both(tr.Msg("host.cond.usbmuxd-misbehaves", "Headline", ue.Headline()), osMessage("host.cond.usbmuxd-restart"))
	c.Detail = ue.Err.Error()
	return c
}

// notRunningMessage is what a missing (or unreachable) usbmuxd means here.
func notRunningMessage(phoneOnUSB bool) tr.Text {
	if runtime.GOOS == "linux" && phoneOnUSB {
		return tr.Msg("host.cond.usbmuxd-not-here.linux-phone")
	}
	return osMessage("host.cond.usbmuxd-not-here")
}
