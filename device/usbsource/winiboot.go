package usbsource

// This file sends iBoot commands through Apple's driver on Windows: each
// as the driver's control request (DeviceIoControl 0x2200A0, libirecovery
// L1441-1493, L3485) carrying an 8-byte USB setup packet, then the command
// and its NUL. It builds on every OS; the tests drive it with a fake
// control handle. Only a Windows PC with a phone in recovery mode can
// confirm that the driver takes the requests so (WINDOWS.md).

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	"unstuck/device"
)

// ibootCommandTimeout bounds each command, as the libusb path does.
const ibootCommandTimeout = 5 * time.Second

// send sends cmds to the recovery-mode phone at bus/addr. The address is
// the one a listing gives (assign): a new Source lists again to find it.
func (w *winSource) send(ctx context.Context, bus, addr int, cmds []string) error {
	where := fmt.Sprintf("the phone at USB bus %d address %d", bus, addr)
	found, err := w.scan(ctx)
	if err != nil {
		return err
	}
	path := ""
	for _, d := range found {
		mode, _ := device.ModeOfProductID(d.dev.ProductID)
		if d.dev.Bus == bus && d.dev.Address == addr && mode == device.ModeRecovery {
			path = d.path
		}
	}
	if path == "" {
		return fmt.Errorf("%s is not in recovery mode (or went away)", where)
	}
	h, err := w.sys.Open(path)
	if err != nil {
		return fmt.Errorf("cannot open the recovery interface of %s, Windows would not let Unstuck: %v; close iTunes or Apple Devices and try again", where, err)
	}
	defer h.Close()
	for _, cmd := range cmds {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := sendIBootCommand(ctx, h, cmd); err != nil {
			return fmt.Errorf("sending %q to %s: %w", cmd, where, err)
		}
	}
	return nil
}

// sendIBootCommand sends one command. A phone that drops off during
// "reboot" has done what it was told, so that is not an error.
func sendIBootCommand(ctx context.Context, h controlHandle, cmd string) error {
	if len(cmd) > 255 {
		return fmt.Errorf("iBoot command too long: %d bytes", len(cmd))
	}
	data := append([]byte(cmd), 0)
	timeout := ibootCommandTimeout
	if dl, ok := ctx.Deadline(); ok {
		timeout = max(min(timeout, time.Until(dl)), time.Millisecond)
	}
	_, err := h.Control(ctx, setupPacket(0x40, 0, 0, 0, len(data)), data, timeout)
	switch {
	case err == nil:
		return nil
	case cmd == "reboot" && (errors.Is(err, errDeviceGone) || errors.Is(err, errTransferFailed)):
		return nil
	case ctx.Err() != nil:
		return fmt.Errorf("stopped before the phone answered: %w", ctx.Err())
	case errors.Is(err, errTimedOut):
		return fmt.Errorf("the phone did not answer within %v", timeout.Round(time.Millisecond))
	}
	return err
}

// setupPacket is a USB control request's setup packet, little-endian.
func setupPacket(requestType, request uint8, value, index uint16, length int) [8]byte {
	var p [8]byte
	p[0], p[1] = requestType, request
	binary.LittleEndian.PutUint16(p[2:], value)
	binary.LittleEndian.PutUint16(p[4:], index)
	binary.LittleEndian.PutUint16(p[6:], uint16(length))
	return p
}
