package muxsource

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"time"

	"unstuck/device"
	"unstuck/device/tr"
	"unstuck/device/usbmux"
)

// StalePairingNote is the Note of a phone whose stored pair record it no
// longer accepts (lockdown's InvalidHostID on StartSession).
var StalePairingNote = tr.Msg("cli.note.stale-pairing")

// errStalePairing: StartSession answered InvalidHostID.
var errStalePairing = errors.New("the phone no longer accepts this computer's pairing")

// readPairRecord reads usbmuxd's full pair record for udid.
func (s *Source) readPairRecord(ctx context.Context, udid string) (usbmux.HostPairRecord, error) {
	var rec usbmux.HostPairRecord
	c, err := s.dial(ctx)
	if err != nil {
		return rec, err
	}
	body, err := c.call(usbmux.ReadPairRecordRequest(udid))
	c.Close()
	if err != nil {
		return rec, err
	}
	data, err := usbmux.DecodePairRecord(body)
	if err != nil {
		return rec, err
	}
	if err := usbmux.Unmarshal(data, &rec); err != nil {
		return rec, fmt.Errorf("pair record: %w", err)
	}
	return rec, nil
}

// exchange sends one lockdown request on rw and decodes the reply.
func exchange(rw io.ReadWriter, req usbmux.LockdownRequest) (usbmux.LockdownReply, error) {
	if err := usbmux.WriteLockdown(rw, req); err != nil {
		return usbmux.LockdownReply{}, fmt.Errorf("lockdown %s: %w", req.Request, err)
	}
	body, err := usbmux.ReadLockdown(rw)
	if err != nil {
		return usbmux.LockdownReply{}, fmt.Errorf("lockdown %s: %w", req.Request, err)
	}
	r, err := usbmux.DecodeLockdownReply(body)
	if err != nil {
		return r, fmt.Errorf("lockdown %s reply: %w", req.Request, err)
	}
	return r, nil
}

// inSession runs fn inside a lockdown session, as go-ios and
// libimobiledevice do: StartSession with the pair record's HostID, TLS with
// its host certificate and key, then fn, then StopSession. The connection's
// deadline (see dial) bounds all of it.
func (s *Source) inSession(ctx context.Context, id int, udid string, fn func(rw io.ReadWriter) error) error {
	rec, err := s.readPairRecord(ctx, udid)
	if err != nil {
		return err
	}
	ld, err := s.connectLockdown(ctx, id)
	if err != nil {
		return err
	}
	defer ld.Close()
	var rw io.ReadWriter = ld.conn.raw
	r, err := exchange(rw, usbmux.StartSessionRequest(rec.HostID, rec.SystemBUID))
	switch {
	case err != nil:
		return err
	case r.Error == usbmux.ErrCodeInvalidHostID:
		return errStalePairing
	case r.Err() != nil:
		return r.Err()
	}
	if r.EnableSessionSSL {
		cert, err := tls.X509KeyPair(rec.HostCertificate, rec.HostPrivateKey)
		if err != nil {
			return fmt.Errorf("the pair record's host key: %w", err)
		}
		tc := tls.Client(ld.conn.raw, &tls.Config{
			Certificates: []tls.Certificate{cert},
			// The phone's certificate is the one this host issued at
			// pairing; like go-ios and libimobiledevice, it is not verified.
			InsecureSkipVerify: true,
			MinVersion:         tls.VersionTLS12,
		})
		if err := tc.HandshakeContext(ctx); err != nil {
			return fmt.Errorf("lockdown session TLS: %w", err)
		}
		rw = tc
	}
	if err := fn(rw); err != nil {
		return err
	}
	_, _ = exchange(rw, usbmux.StopSessionRequest(r.SessionID)) // best effort: the connection closes next
	return nil
}

// readBattery reads the battery domain in a lockdown session and, through
// the diagnostics relay started in the same session, the battery's health.
// A failure to read the health leaves it unknown and the level stands.
func (s *Source) readBattery(ctx context.Context, id int, udid string) (*device.Battery, error) {
	var b *device.Battery
	var relay usbmux.LockdownReply
	err := s.inSession(ctx, id, udid, func(rw io.ReadWriter) error {
		gv, err := exchange(rw, usbmux.GetValueRequest(usbmux.BatteryDomain, ""))
		if err == nil {
			err = gv.Err()
		}
		if err != nil {
			return err
		}
		if b, err = batteryValues(gv.ValueDict()); err != nil {
			return err
		}
		if r, err := exchange(rw, usbmux.StartServiceRequest(usbmux.DiagnosticsRelayService)); err == nil && r.Err() == nil {
			relay = r
		}
		return nil
	})
	if err != nil || relay.Port == 0 {
		return b, err
	}
	e, err := s.readHealth(ctx, id, udid, relay)
	if err != nil {
		s.log().Debug("battery health unknown", "udid", udid, "err", err)
		return b, nil
	}
	addHealth(b, e)
	return b, nil
}

// batteryValues reads the battery domain's values.
func batteryValues(m map[string]any) (*device.Battery, error) {
	capacity, ok := m["BatteryCurrentCapacity"]
	if !ok {
		return nil, errors.New("the phone reported no battery level")
	}
	charging, _ := m["BatteryIsCharging"].(bool)
	external, _ := m["ExternalConnected"].(bool)
	return &device.Battery{Percent: int(asUint(capacity, 100)), Charging: charging, ExternalPower: external || charging}, nil
}

// trustAndBattery is the trust state and, for a trusted phone, its battery.
func (s *Source) trustAndBattery(ctx context.Context, id int, udid string) (device.Trust, tr.Text, *device.Battery) {
	trust, note := s.checkTrust(ctx, id, udid)
	if trust != device.TrustTrusted || !note.IsZero() {
		return trust, note, nil
	}
	return s.battery(ctx, id, udid)
}

// battery reads a trusted phone's battery; a refused session says the
// pairing is stale, any other failure goes into the Note.
func (s *Source) battery(ctx context.Context, id int, udid string) (device.Trust, tr.Text, *device.Battery) {
	b, err := s.readBattery(ctx, id, udid)
	switch {
	case errors.Is(err, errStalePairing):
		return device.TrustUnknown, StalePairingNote, nil
	case err != nil:
		return device.TrustTrusted, tr.Msg("cli.note.battery", "Error", err.Error()), nil
	}
	return device.TrustTrusted, tr.Text{}, b
}

// refreshBattery re-reads a trusted phone's battery in the background and
// tells Listen when it changed.
func (s *Source) refreshBattery(k cacheKey, e *entry) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*s.opt.Timeout)
	defer cancel()
	trust, note, b := s.battery(ctx, k.id, k.udid)
	s.update(k, e, trust, note, b)
}

// update stores a background check's result and notifies on a change.
func (s *Source) update(k cacheKey, e *entry, trust device.Trust, note tr.Text, b *device.Battery) {
	s.mu.Lock()
	e.checking = false
	e.read, e.batteryRead = time.Now(), time.Now()
	changed := e.dev.Trust != trust || e.dev.Note != note || !sameBattery(e.dev.Battery, b)
	e.dev.Trust, e.dev.Note, e.dev.Battery = trust, note, b
	current := s.cache[k] == e
	s.mu.Unlock()
	if changed && current {
		s.notify()
	}
}

func sameBattery(a, b *device.Battery) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}
