package device

import (
	"time"

	"unstuck/device/tr"
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

// Error is the headline in English with the error underneath, for logs.
func (e *UsbmuxdError) Error() string {
	return e.Headline().In(tr.English) + " (" + e.Err.Error() + ")"
}

func (e *UsbmuxdError) Unwrap() error { return e.Err }

// Headline says what happened, without the error underneath.
func (e *UsbmuxdError) Headline() tr.Text {
	switch {
	case e.Cause == CauseNotRunning:
		return tr.Msg("host.usbmuxd.not-running")
	case e.Cause == CauseNotAnswering && e.Wait > 0:
		return tr.Msg("host.usbmuxd.no-answer-within", "Seconds", seconds(e.Wait))
	case e.Cause == CauseNotAnswering:
		return tr.Msg("host.usbmuxd.closed")
	case e.Cause == CauseUnreadable:
		return tr.Msg("host.usbmuxd.unreadable")
	}
	return tr.Msg("host.usbmuxd.failed")
}

// seconds is d in seconds: whole seconds as an integer ("5"), else a
// decimal ("0.5"), either formatted for the language.
func seconds(d time.Duration) any {
	if d%time.Second == 0 {
		return int64(d / time.Second)
	}
	return d.Seconds()
}
