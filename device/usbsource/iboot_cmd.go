//go:build cgo && !windows

package usbsource

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/google/gousb"

	"unstuck/device"
)

// sendLibusb sends iBoot commands through libusb (see SendIBootCommands).
func (s *Source) sendLibusb(ctx context.Context, bus, addr int, cmds ...string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	keep := s.libusbOpen()
	c, err := s.context()
	if !keep {
		// Opened for this action only (a List keeps one open while it
		// needs it, see keepLibusb).
		defer s.releaseLibusb()
	}
	if err != nil {
		return err
	}
	where := fmt.Sprintf("the phone at USB bus %d address %d", bus, addr)
	devs, err := c.OpenDevices(func(d *gousb.DeviceDesc) bool {
		if d.Bus != bus || d.Address != addr {
			return false
		}
		mode, _ := device.ModeOfProductID(uint16(d.Product))
		return d.Vendor == AppleVID && mode == device.ModeRecovery
	})
	for _, d := range devs[min(1, len(devs)):] {
		d.Close()
	}
	if len(devs) == 0 {
		switch {
		case errors.Is(err, gousb.ErrorAccess):
			return fmt.Errorf("%w: cannot open %s (on Linux, install the udev rule for Apple devices)", device.ErrUSBPermission, where)
		case err != nil:
			return fmt.Errorf("cannot open %s: %v", where, err)
		}
		return fmt.Errorf("%s is not in recovery mode (or went away)", where)
	}
	dev := devs[0]
	defer dev.Close()
	dev.ControlTimeout = 5 * time.Second
	for _, cmd := range cmds {
		if err := ctx.Err(); err != nil {
			return err
		}
		if len(cmd) > 255 {
			return fmt.Errorf("iBoot command too long: %d bytes", len(cmd))
		}
		_, err := dev.Control(0x40, 0, 0, 0, append([]byte(cmd), 0))
		if err != nil && !(cmd == "reboot" && (errors.Is(err, gousb.ErrorNoDevice) || errors.Is(err, gousb.ErrorIO) || errors.Is(err, gousb.ErrorPipe))) {
			return fmt.Errorf("sending %q to %s failed: %v", cmd, where, controlErr(err))
		}
	}
	return nil
}
