package muxsource

import (
	"context"
	"errors"
	"math"
	"strconv"
	"time"

	"unstuck/device"
	"unstuck/device/tr"
	"unstuck/device/usbmux"
)

// read asks a newly seen phone what it runs, who it is and whether it
// trusts this computer. Problems go into the Note.
func (s *Source) read(ctx context.Context, ev usbmux.Event) device.MuxDevice {
	p := ev.Properties
	d := device.MuxDevice{
		DeviceID:   ev.DeviceID,
		UDID:       p.SerialNumber,
		ProductID:  uint16(clamp(p.ProductID, math.MaxUint16)),
		LocationID: uint32(clamp(p.LocationID, math.MaxUint32)),
		SpeedBits:  p.ConnectionSpeed,
	}
	if note := s.readLockdown(ctx, &d); !note.IsZero() {
		d.Note = note
		return d
	}
	if d.Mode == device.ModeNormal {
		d.Trust, d.Note, d.Battery = s.trustAndBattery(ctx, d.DeviceID, d.UDID)
	}
	return d
}

// readLockdown reads the phone's mode and values into d; a problem comes
// back as the Note (the protocol's own error text kept as it is).
func (s *Source) readLockdown(ctx context.Context, d *device.MuxDevice) tr.Text {
	ld, err := s.connectLockdown(ctx, d.DeviceID)
	if err != nil {
		return tr.Msg("cli.note.lockdown-silent", "Error", err.Error())
	}
	defer ld.Close()
	qt, err := ld.call(usbmux.QueryTypeRequest())
	if err != nil {
		return tr.Raw(err.Error())
	}
	switch qt.Type {
	case usbmux.TypeLockdown:
		d.Mode = device.ModeNormal
	case usbmux.TypeRestored:
		d.Mode = device.ModeRestore
		return tr.Text{} // restored answers no GetValue
	default:
		return tr.Msg("cli.note.lockdown-type", "Type", strconv.Quote(qt.Type))
	}
	gv, err := ld.call(usbmux.GetValueRequest("", ""))
	if err != nil {
		return tr.Raw(err.Error())
	}
	if err := gv.Err(); err != nil {
		return tr.Msg("cli.note.lockdown-refused", "Error", err.Error())
	}
	d.Values = lockdownValues(gv.ValueDict())
	return tr.Text{}
}

func lockdownValues(m map[string]any) device.LockdownValues {
	str := func(k string) string { s, _ := m[k].(string); return s }
	return device.LockdownValues{
		DeviceName:     str("DeviceName"),
		ProductType:    str("ProductType"),
		ProductVersion: str("ProductVersion"),
		BuildVersion:   str("BuildVersion"),
		HardwareModel:  str("HardwareModel"),
		SerialNumber:   str("SerialNumber"), // only in a session: usually empty
		UniqueChipID:   asUint(m["UniqueChipID"], math.MaxUint64),
		ChipID:         uint32(asUint(m["ChipID"], math.MaxUint32)),
		BoardID:        uint32(asUint(m["BoardId"], math.MaxUint32)),
	}
}

// asUint reads a plist integer; anything else, or a value over max, is 0.
func asUint(v any, max uint64) uint64 {
	var u uint64
	switch n := v.(type) {
	case uint64:
		u = n
	case int64:
		if n < 0 {
			return 0
		}
		u = uint64(n)
	default:
		return 0
	}
	if u > max {
		return 0
	}
	return u
}

func clamp(v, max int64) int64 {
	if v < 0 || v > max {
		return 0
	}
	return v
}

// maybeRecheck returns the cached device and, when its trust is unsettled
// and Recheck has passed, starts a background trust check; for a trusted
// phone, once BatteryRefresh has passed, a background battery read. List
// stays cheap: pairing and sessions need several round trips and TLS.
func (s *Source) maybeRecheck(k cacheKey, e *entry) device.MuxDevice {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := e.dev
	if d.Mode != device.ModeNormal || e.checking {
		return d
	}
	switch {
	case d.Trust != device.TrustTrusted && time.Since(e.read) >= s.opt.Recheck:
		e.checking = true
		go s.recheck(k, e)
	case d.Trust == device.TrustTrusted && time.Since(e.batteryRead) >= s.opt.BatteryRefresh:
		e.checking = true
		go s.refreshBattery(k, e)
	}
	return d
}

func (s *Source) recheck(k cacheKey, e *entry) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*s.opt.Timeout)
	defer cancel()
	trust, note, b := s.trustAndBattery(ctx, k.id, k.udid)
	s.update(k, e, trust, note, b)
}

// NotPairedNote is the Note of a phone without a pair record when the
// phone was not asked (Options.NoPair).
var NotPairedNote = tr.Msg("cli.note.not-paired")

// checkTrust: a stored pair record means trusted; without one, the phone
// is asked to pair (unless Options.NoPair), and its answer says what the
// user must do.
func (s *Source) checkTrust(ctx context.Context, id int, udid string) (device.Trust, tr.Text) {
	c, err := s.dial(ctx)
	if err != nil {
		return device.TrustUnknown, tr.Msg("cli.note.trust-check", "Error", err.Error())
	}
	body, err := c.call(usbmux.ReadPairRecordRequest(udid))
	c.Close()
	if err == nil {
		_, err = usbmux.DecodePairRecord(body)
	}
	var re *usbmux.ResultError
	switch {
	case err == nil:
		return device.TrustTrusted, tr.Text{}
	case !errors.As(err, &re):
		return device.TrustUnknown, tr.Msg("cli.note.record-read", "Error", err.Error())
	case s.opt.NoPair:
		return device.TrustUnknown, NotPairedNote
	}
	return s.pair(ctx, id, udid)
}
