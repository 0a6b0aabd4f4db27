package watch

import (
	"errors"
	"runtime"

	"unstuck/device"
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
			Message: usbUnavailableMessage()})
	case s.usbErr != nil:
		host = append(host, device.Condition{Code: device.CondUSBUnavailable, Severity: device.SeverityProblem, Detail: s.usbErr.Error(),
			Message: "Could not list the USB devices just now; Unstuck tries again by itself."})
	}
	if permission {
		host = append(host, device.Condition{Code: device.CondUSBPermission, Severity: device.SeverityProblem, Message: permissionMessage()})
	}
	return host
}

// usbUnavailableMessage says what a USB source that cannot list means here:
// on Windows the listing goes through Apple's driver's device interfaces,
// and normal-mode phones through the Apple Mobile Device Service.
func usbUnavailableMessage() string {
	if runtime.GOOS == "windows" {
		return "Unstuck cannot list the USB devices of Apple's driver, so recovery and DFU mode cannot be seen; phones in normal mode still show through the Apple Mobile Device Service."
	}
	return "Unstuck cannot read the USB bus, so recovery and DFU mode cannot be seen; phones in normal mode still show through usbmuxd."
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
	c.Message, c.Detail = ue.Headline()+", so a phone in normal mode cannot be read. "+restartAdvice(), ue.Err.Error()
	return c
}

// notRunningMessage is what a missing (or unreachable) usbmuxd means here.
func notRunningMessage(phoneOnUSB bool) string {
	switch {
	case runtime.GOOS == "linux" && phoneOnUSB:
		return "An iPhone is on USB but usbmuxd is not answering, so it cannot be read. Start it with `sudo systemctl restart usbmuxd` (or install the usbmuxd package)."
	case runtime.GOOS == "linux":
		return "usbmuxd is not running. On Linux that is normal while no iPhone in normal mode is plugged in: it starts by itself when one is."
	case runtime.GOOS == "windows":
		return "The Apple Mobile Device Service is not answering, so a phone in normal mode cannot be read. It comes with iTunes or the Apple Devices app: install one, or restart the service."
	}
	return "usbmuxd is not answering, so a phone in normal mode cannot be read. Restart the computer if this persists."
}

// restartAdvice is how to restart a usbmuxd that runs but misbehaves.
func restartAdvice() string {
	switch runtime.GOOS {
	case "linux":
		return "Restart it with `sudo systemctl restart usbmuxd`, or unplug and replug the iPhone."
	case "windows":
		return "Restart the Apple Mobile Device Service, or restart the computer."
	}
	return "Restart the computer if this persists."
}

func permissionMessage() string {
	if runtime.GOOS == "linux" {
		return "No permission to open the phone over USB. Install the irecovery package (its udev rule grants access) or run Unstuck once with sudo; then unplug and replug the phone."
	}
	return "No permission to open the phone over USB."
}
