//go:build cgo && !windows

package usbsource

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
	"unicode/utf16"

	"github.com/google/gousb"

	"unstuck/device"
)

// libusbBackend holds the gousb context while one is needed (see
// Source.keepLibusb): libusb_init starts gousb's event goroutine, which
// calls libusb_handle_events every 100 ms until the context is closed.
type libusbBackend struct {
	ctx   *gousb.Context
	err   error
	tried time.Time
	// opened counts the contexts started (the tests read it).
	opened int
	// closing waits for contexts being closed in the background.
	closing sync.WaitGroup
}

func (s *Source) libusbOpen() bool { return s.lib.ctx != nil }

// releaseLibusb closes the context, in the background: gousb's Close waits
// for its event goroutine's current 100 ms poll, and nobody needs to wait
// for that. Close waits for it.
func (s *Source) releaseLibusb() {
	c := s.lib.ctx
	if c == nil {
		return
	}
	s.lib.ctx = nil
	s.lib.closing.Go(func() { _ = c.Close() })
}

// context returns the gousb context, starting libusb if needed. A failed
// start is retried at most every 10 s.
func (s *Source) context() (*gousb.Context, error) {
	if s.lib.ctx != nil {
		return s.lib.ctx, nil
	}
	if s.lib.err != nil && time.Since(s.lib.tried) < 10*time.Second {
		return nil, s.lib.err
	}
	s.lib.tried = time.Now()
	s.lib.ctx, s.lib.err = newContext()
	if s.lib.err == nil {
		s.lib.opened++
	}
	return s.lib.ctx, s.lib.err
}

// newContext wraps gousb.NewContext, which panics when libusb_init fails.
func newContext() (ctx *gousb.Context, err error) {
	defer func() {
		if r := recover(); r != nil {
			ctx, err = nil, fmt.Errorf("%w: libusb could not start: %v", device.ErrUSBUnavailable, r)
		}
	}()
	return gousb.NewContext(), nil
}

// listLibusb enumerates without opening anything. total counts devices of
// every vendor.
func (s *Source) listLibusb() (apple []device.USBDevice, total int, err error) {
	c, err := s.context()
	if err != nil {
		return nil, 0, err
	}
	_, err = c.OpenDevices(func(d *gousb.DeviceDesc) bool {
		total++
		if d.Vendor != AppleVID {
			return false
		}
		apple = append(apple, device.USBDevice{
			Bus:       d.Bus,
			Address:   d.Address,
			Port:      portPath(d.Bus, d.Path),
			ProductID: uint16(d.Product),
			SpeedMbps: speedMbps(d.Speed),
		})
		return false
	})
	if err != nil && total == 0 {
		// The list itself failed (a descriptor error of one device is
		// only a partial failure and is ignored).
		return nil, 0, fmt.Errorf("%w: listing USB devices failed: %v", device.ErrUSBUnavailable, err)
	}
	return apple, total, nil
}

func portPath(bus int, path []int) string {
	if len(path) == 0 {
		return ""
	}
	b := fmt.Appendf(nil, "%d-", bus)
	for i, p := range path {
		if i > 0 {
			b = append(b, '.')
		}
		b = fmt.Appendf(b, "%d", p)
	}
	return string(b)
}

func speedMbps(s gousb.Speed) int {
	switch s {
	case gousb.SpeedLow:
		return 1
	case gousb.SpeedFull:
		return 12
	case gousb.SpeedHigh:
		return 480
	case gousb.SpeedSuper:
		return 5000
	case gousb.Speed(5): // LIBUSB_SPEED_SUPER_PLUS
		return 10000
	}
	return 0
}

// readSerial opens the one device at bus/addr and reads its iSerialNumber
// string (the index comes from its device descriptor), then closes it.
func (s *Source) readSerial(ctx context.Context, bus, addr int) (string, error) {
	c, err := s.context()
	if err != nil {
		return "", err
	}
	devs, err := c.OpenDevices(func(d *gousb.DeviceDesc) bool {
		return d.Bus == bus && d.Address == addr
	})
	for _, d := range devs[min(1, len(devs)):] {
		d.Close()
	}
	where := fmt.Sprintf("USB device at bus %d address %d", bus, addr)
	if len(devs) == 0 {
		switch {
		case errors.Is(err, gousb.ErrorAccess):
			return "", fmt.Errorf("%w: cannot open the %s to read its serial string (on Linux, install the udev rule for Apple devices or run with access to /dev/bus/usb)", device.ErrUSBPermission, where)
		case err == nil, errors.Is(err, gousb.ErrorNoDevice), errors.Is(err, gousb.ErrorNotFound):
			return "", fmt.Errorf("the %s went away before its serial string could be read", where)
		}
		return "", fmt.Errorf("cannot open the %s: %v", where, err)
	}
	dev := devs[0]
	defer dev.Close()
	timeout := s.opts.SerialTimeout
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < timeout {
		timeout = max(time.Until(dl), time.Millisecond)
	}
	dev.ControlTimeout = timeout

	desc := make([]byte, 18)
	if n, err := dev.Control(0x80, 6, 0x0100, 0, desc); err != nil || n < 17 {
		return "", fmt.Errorf("reading the device descriptor of the %s failed: %v", where, controlErr(err))
	}
	idx := desc[16]
	if idx == 0 {
		return "", fmt.Errorf("the %s has no serial number string", where)
	}
	lang := uint16(0x0409)
	langs := make([]byte, 4)
	if n, err := dev.Control(0x80, 6, 0x0300, 0, langs); err == nil && n >= 4 {
		lang = uint16(langs[2]) | uint16(langs[3])<<8
	}
	buf := make([]byte, 255)
	n, err := dev.Control(0x80, 6, 0x0300|uint16(idx), lang, buf)
	if err != nil {
		return "", fmt.Errorf("reading serial string %d of the %s failed: %v", idx, where, controlErr(err))
	}
	str, ok := decodeStringDescriptor(buf[:n])
	if !ok {
		return "", fmt.Errorf("the %s sent a malformed serial string descriptor", where)
	}
	return str, nil
}

func controlErr(err error) error {
	switch {
	case err == nil:
		return errors.New("short reply")
	case errors.Is(err, gousb.ErrorTimeout):
		return errors.New("timed out")
	case errors.Is(err, gousb.ErrorPipe):
		return errors.New("the device refused the request")
	}
	return err
}

// decodeStringDescriptor decodes a USB string descriptor (UTF-16LE).
func decodeStringDescriptor(b []byte) (string, bool) {
	if len(b) < 2 || b[1] != 3 {
		return "", false
	}
	l := min(int(b[0]), len(b))
	if l < 2 {
		return "", false
	}
	u := make([]uint16, 0, (l-2)/2)
	for i := 2; i+1 < l; i += 2 {
		u = append(u, uint16(b[i])|uint16(b[i+1])<<8)
	}
	return cleanSerial([]byte(string(utf16.Decode(u)))), true
}

// Close releases the libusb context and waits until every context is closed.
func (s *Source) Close() error {
	s.mu.Lock()
	c := s.lib.ctx
	s.lib.ctx = nil
	s.mu.Unlock()
	var err error
	if c != nil {
		err = c.Close()
	}
	s.lib.closing.Wait()
	return err
}
