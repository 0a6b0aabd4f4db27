package usbsource

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
)

// Uevent is one kernel device event (a NETLINK_KOBJECT_UEVENT message):
// "ACTION@DEVPATH\0" then KEY=value fields, each ended by a NUL.
type Uevent struct {
	Action, DevPath, Subsystem, DevType string
}

// ParseUevent reads a kernel uevent message. ok is false for anything
// else (udev's own "libudev" messages, a truncated or empty message).
func ParseUevent(msg []byte) (e Uevent, ok bool) {
	head, rest, _ := bytes.Cut(msg, []byte{0})
	action, path, found := bytes.Cut(head, []byte{'@'})
	if !found || len(action) == 0 || len(path) == 0 {
		return e, false
	}
	e.Action, e.DevPath = string(action), string(path)
	for len(rest) > 0 {
		var field []byte
		field, rest, _ = bytes.Cut(rest, []byte{0})
		k, v, _ := bytes.Cut(field, []byte{'='})
		switch string(k) {
		case "ACTION":
			e.Action = string(v)
		case "SUBSYSTEM":
			e.Subsystem = string(v)
		case "DEVTYPE":
			e.DevType = string(v)
		}
	}
	return e, true
}

// USBDeviceChange says the event is a whole USB device (not one of its
// interfaces) arriving or leaving: what makes the bus worth listing again.
func (e Uevent) USBDeviceChange() bool {
	return e.Subsystem == "usb" && e.DevType == "usb_device" && (e.Action == "add" || e.Action == "remove")
}

// Notify listens to the kernel's device events (Options.Uevents, by default
// a NETLINK_KOBJECT_UEVENT socket on Linux): it calls ready once it
// listens, then changed after every USB device that arrives or leaves,
// until ctx ends (nil) or the events fail (an error; errors.ErrUnsupported
// where there are none). An event only says "list again": List reads sysfs
// afresh, so a lost event costs a resync interval, never a wrong state.
func (s *Source) Notify(ctx context.Context, ready, changed func()) error {
	open := s.opts.Uevents
	switch {
	case s.win != nil:
		return fmt.Errorf("no device events from Apple's driver on Windows (it is polled, as libirecovery does): %w", errors.ErrUnsupported)
	case open != nil:
	case filepath.Clean(s.opts.SysfsRoot) != "/sys" || s.opts.DisableSysfs:
		// The kernel's events are about the real /sys; a testbed's tree
		// (umockdev) changes without them, so it is polled.
		return fmt.Errorf("sysfs is read from %s, which the kernel's device events do not describe: %w", s.opts.SysfsRoot, errors.ErrUnsupported)
	default:
		open = openUevents
	}
	conn, err := open()
	if err != nil {
		return err
	}
	stop := context.AfterFunc(ctx, func() { _ = conn.Close() })
	defer func() {
		if stop() {
			_ = conn.Close()
		}
	}()
	ready()
	buf := make([]byte, 64<<10) // a uevent is at most a few KiB (UEVENT_BUFFER_SIZE 2048)
	for {
		n, err := conn.Read(buf)
		if ctx.Err() != nil {
			return nil
		}
		if err != nil {
			if errors.Is(err, io.EOF) {
				return errors.New("the kernel's device events ended")
			}
			return fmt.Errorf("reading the kernel's device events: %w", err)
		}
		if e, ok := ParseUevent(buf[:n]); ok && e.USBDeviceChange() {
			changed()
		}
	}
}
