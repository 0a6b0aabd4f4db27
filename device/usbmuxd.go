package device

import (
	"errors"
	"runtime"
	"strconv"
	"time"
)

// Causes of the usbmuxd condition: what happened, not how it was worded.
const (
	CauseNotRunning   = "not-running"   // nothing listens on its socket
	CauseNotAnswering = "not-answering" // it took the connection but did not answer
	CauseUnreadable   = "unreadable"    // it answered with something that is not usbmux
)

// UsbmuxdError is a usbmuxd failure classified by what happened. A
// MuxSource returns one so the host condition can say it plainly.
type UsbmuxdError struct {
	Cause string
	// Wait is how long an answer was waited for (CauseNotAnswering); 0
	// means usbmuxd closed the connection instead.
	Wait time.Duration
	Err  error // what went wrong underneath
}

func (e *UsbmuxdError) Error() string { return e.headline() + " (" + e.Err.Error() + ")" }

func (e *UsbmuxdError) Unwrap() error { return e.Err }

func (e *UsbmuxdError) headline() string {
	switch {
	case e.Cause == CauseNotRunning:
		return "usbmuxd is not running"
	case e.Cause == CauseNotAnswering && e.Wait > 0:
		return "usbmuxd is running but did not answer within " + strconv.FormatFloat(e.Wait.Seconds(), 'f', -1, 64) + " s"
	case e.Cause == CauseNotAnswering:
		return "usbmuxd is running but closed the connection without answering"
	case e.Cause == CauseUnreadable:
		return "usbmuxd sent something Unstuck cannot read"
	}
	return "usbmuxd failed"
}

// usbmuxdCondition is the host condition for a usbmuxd source's error.
func usbmuxdCondition(err error, phoneOnUSB bool) Condition {
	c := Condition{Code: CondUsbmuxdUnavailable}
	var ue *UsbmuxdError
	if !errors.As(err, &ue) || ue.Cause == CauseNotRunning {
		if ue != nil {
			c.Cause, err = ue.Cause, ue.Err
		}
		c.Message = notRunningMessage(phoneOnUSB) + " (" + err.Error() + ")"
		return c
	}
	c.Cause = ue.Cause
	c.Message = ue.headline() + ", so a phone in normal mode cannot be read. " + restartAdvice() + " (" + ue.Err.Error() + ")"
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
