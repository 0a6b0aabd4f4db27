package muxsource

import (
	"context"
	"errors"
	"io/fs"
	"net"
	"os"
	"sync/atomic"
	"syscall"
	"time"

	"unstuck/device"
	"unstuck/device/usbmux"
)

// countingConn counts the bytes read, so that a failed exchange tells "no
// answer" apart from "an answer cut short".
type countingConn struct {
	net.Conn
	read atomic.Int64
}

func (c *countingConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.read.Add(int64(n))
	return n, err
}

// dialFault classifies a failed connect: nothing at the socket, or nothing
// listening, is a usbmuxd that is not running; a connect that timed out is
// one that runs but does not answer. Anything else stays as it is.
func dialFault(ctx context.Context, err error, wait time.Duration) error {
	switch {
	case ctx.Err() != nil:
		return err
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, syscall.ENOENT), errors.Is(err, syscall.ECONNREFUSED):
		return &device.UsbmuxdError{Cause: device.CauseNotRunning, Err: err}
	case errors.Is(err, os.ErrDeadlineExceeded):
		return &device.UsbmuxdError{Cause: device.CauseNotAnswering, Wait: wait, Err: err}
	}
	return err
}

// replyFault classifies a failed request on an open connection: nothing
// read back is no answer (timed out, or the connection closed); some bytes
// read back are an answer that is not usbmux (garbage, a length out of
// range, a frame cut short).
func (c *muxConn) replyFault(ctx context.Context, err error) error {
	switch {
	case ctx.Err() != nil:
		return err
	case c.counted.read.Load() > 0:
		return &device.UsbmuxdError{Cause: device.CauseUnreadable, Err: err}
	case errors.Is(err, os.ErrDeadlineExceeded):
		return &device.UsbmuxdError{Cause: device.CauseNotAnswering, Wait: c.wait, Err: err}
	}
	return &device.UsbmuxdError{Cause: device.CauseNotAnswering, Err: err}
}

// bodyFault classifies a reply that came whole but does not decode: a
// refusal (a usbmux Result) stays as it is, the rest is unreadable.
func bodyFault(err error) error {
	var re *usbmux.ResultError
	if err == nil || errors.As(err, &re) {
		return err
	}
	return &device.UsbmuxdError{Cause: device.CauseUnreadable, Err: err}
}
