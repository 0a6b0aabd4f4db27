package muxsource

import (
	"context"
	"fmt"
	"io"
	"math"

	"unstuck/device"
	"unstuck/device/usbmux"
)

// maxCapacity bounds a believable battery capacity in mAh (the largest
// iPad's battery is about 10,000 mAh).
const maxCapacity = 50_000

// readHealth reads the battery's IORegistry entry through the diagnostics
// relay that StartService (answered by started) opened, as go-ios and
// libimobiledevice do: a usbmuxd Connect to its port, TLS with the pair
// record when the phone asks for it, then IORegistry and Goodbye. The
// connection's deadline (see dial) bounds all of it.
func (s *Source) readHealth(ctx context.Context, id int, udid string, started usbmux.LockdownReply) (map[string]any, error) {
	started.Service = "the diagnostics relay"
	rw, c, err := s.openService(ctx, id, udid, started)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	r, err := relayCall(rw, usbmux.IORegistryRequest(usbmux.PowerSourceClass))
	if err == nil {
		err = r.Err()
	}
	if err != nil {
		return nil, err
	}
	_, _ = relayCall(rw, usbmux.RelayGoodbyeRequest()) // best effort: the connection closes next
	e := r.IORegistry()
	if e == nil {
		return nil, fmt.Errorf("%w: the battery's IORegistry answer has no entry", usbmux.ErrMalformed)
	}
	return e, nil
}

// relayCall sends one diagnostics relay request and decodes the answer.
func relayCall(rw io.ReadWriter, req usbmux.RelayRequest) (usbmux.RelayReply, error) {
	if err := usbmux.WriteLockdown(rw, req); err != nil {
		return usbmux.RelayReply{}, fmt.Errorf("diagnostics relay %s: %w", req.Request, err)
	}
	body, err := usbmux.ReadLockdown(rw)
	if err != nil {
		return usbmux.RelayReply{}, fmt.Errorf("diagnostics relay %s: %w", req.Request, err)
	}
	return usbmux.DecodeRelayReply(body)
}

// addHealth copies the health keys of the battery's IORegistry entry into
// b. Missing or unbelievable values stay 0 (unknown). The full-charge
// capacity is NominalChargeCapacity where the phone gives it (newer iOS),
// else AppleRawMaxCapacity.
func addHealth(b *device.Battery, e map[string]any) {
	b.CycleCount = int(asUint(e["CycleCount"], math.MaxInt32))
	design := int(asUint(e["DesignCapacity"], maxCapacity))
	full := int(asUint(e["NominalChargeCapacity"], maxCapacity))
	if full == 0 {
		full = int(asUint(e["AppleRawMaxCapacity"], maxCapacity))
	}
	if design == 0 || full == 0 || full > 2*design {
		design, full = 0, 0 // no ratio to show
	}
	b.DesignCapacity, b.FullChargeCapacity = design, full
}
