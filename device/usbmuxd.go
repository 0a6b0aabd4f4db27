package device

import (
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

func (e *UsbmuxdError) Error() string { return e.Headline() + " (" + e.Err.Error() + ")" }

func (e *UsbmuxdError) Unwrap() error { return e.Err }

// Headline says what happened, without the error underneath.
func (e *UsbmuxdError) Headline() string {
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
