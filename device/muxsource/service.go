package muxsource

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"unstuck/device/usbmux"
)

// ErrPhoneGone says usbmuxd no longer lists the phone.
var ErrPhoneGone = errors.New("the phone is not connected")

// openService connects to a service that StartService (answered by
// started) opened, as go-ios and libimobiledevice do: a usbmuxd Connect to
// its port, then TLS with the pair record when the phone asks for it. The
// connection's deadline (see dial) bounds it; the caller closes c.
func (s *Source) openService(ctx context.Context, id int, udid string, started usbmux.LockdownReply) (io.ReadWriter, *muxConn, error) {
	if started.Port <= 0 || started.Port > math.MaxUint16 {
		return nil, nil, fmt.Errorf("%s's port %d is not a port", started.Service, started.Port)
	}
	var rec usbmux.HostPairRecord
	if started.EnableServiceSSL {
		var err error
		if rec, err = s.readPairRecord(ctx, udid); err != nil {
			return nil, nil, err
		}
	}
	c, err := s.dial(ctx)
	if err != nil {
		return nil, nil, err
	}
	if err := c.connect(id, uint16(started.Port)); err != nil {
		c.Close()
		return nil, nil, fmt.Errorf("connect to %s: %w", started.Service, err)
	}
	if !started.EnableServiceSSL {
		return c.raw, c, nil
	}
	cert, err := tls.X509KeyPair(rec.HostCertificate, rec.HostPrivateKey)
	if err != nil {
		c.Close()
		return nil, nil, fmt.Errorf("the pair record's host key: %w", err)
	}
	// As for a session, the phone's certificate is not verified.
	tc := tls.Client(c.raw, &tls.Config{Certificates: []tls.Certificate{cert}, InsecureSkipVerify: true, MinVersion: tls.VersionTLS12})
	if err := tc.HandshakeContext(ctx); err != nil {
		c.Close()
		return nil, nil, fmt.Errorf("%s TLS: %w", started.Service, err)
	}
	return tc, c, nil
}

// deviceID finds the usbmuxd DeviceID of the phone with udid.
func (s *Source) deviceID(ctx context.Context, udid string) (int, error) {
	events, err := s.listDevices(ctx)
	if err != nil {
		return 0, err
	}
	for _, ev := range events {
		p := ev.Properties
		if strings.EqualFold(p.SerialNumber, udid) && (p.ConnectionType == "" || p.ConnectionType == "USB") {
			return ev.DeviceID, nil
		}
	}
	return 0, ErrPhoneGone
}

// startStream starts a service of a trusted phone in a lockdown session
// and connects to it for a stream: the connection has no deadline and
// closes when ctx ends (the caller also closes it).
func (s *Source) startStream(ctx context.Context, udid, service string) (io.ReadWriter, func(), error) {
	id, err := s.deviceID(ctx, udid)
	if err != nil {
		return nil, nil, err
	}
	var started usbmux.LockdownReply
	setup, cancel := context.WithTimeout(ctx, 3*s.opt.Timeout)
	defer cancel()
	err = s.inSession(setup, id, udid, func(rw io.ReadWriter) error {
		r, err := exchange(rw, usbmux.StartServiceRequest(service))
		if err == nil {
			err = r.Err()
		}
		started = r
		return err
	})
	if errors.Is(err, errStalePairing) {
		return nil, nil, fmt.Errorf("%w: %s", ErrNotTrusted, err)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("start %s: %w", service, err)
	}
	started.Service = service
	rw, c, err := s.openService(setup, id, udid, started)
	if err != nil {
		return nil, nil, err
	}
	c.stop() // the setup deadline no longer applies: a stream waits as long as it likes
	_ = c.raw.SetDeadline(time.Time{})
	stop := context.AfterFunc(ctx, func() { _ = c.raw.Close() })
	return rw, func() { stop(); c.Close() }, nil
}
