package muxsource

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"strings"
	"time"

	"github.com/danielpaulus/go-ios/ios"

	"unstuck/device/usbmux"
)

// ErrBadAddress says the usbmuxd socket address cannot be used (go-ios would panic on it).
var ErrBadAddress = errors.New("bad usbmuxd socket address")

// resolveAddress turns an address as users write it (UNIX:///p, unix:///p,
// /p, host:port, tcp://host:port) into a net.Dial network and address, the
// way go-ios resolves USBMUXD_SOCKET_ADDRESS, but with an error instead of
// a panic for malformed input.
func resolveAddress(override string) (network, address string, err error) {
	raw := override
	if raw == "" {
		raw = os.Getenv("USBMUXD_SOCKET_ADDRESS")
	}
	var full string
	switch {
	case raw == "":
		full, err = safe(func() (string, error) { return ios.GetUsbmuxdSocket(), nil })
		if err != nil {
			return "", "", err
		}
	case strings.Contains(raw, "://"):
		i := strings.Index(raw, "://")
		full = strings.ToLower(raw[:i]) + raw[i:]
	case strings.Contains(raw, ":"):
		full = "tcp://" + raw
	default:
		full = "unix://" + raw
	}
	parts := strings.Split(full, "://")
	if len(parts) != 2 {
		return "", "", fmt.Errorf("%w %q: want unix:///path or tcp://host:port", ErrBadAddress, raw)
	}
	network, address = parts[0], parts[1]
	switch network {
	case "unix":
		if address == "" || strings.ContainsRune(address, 0) {
			return "", "", fmt.Errorf("%w %q: empty or invalid socket path", ErrBadAddress, raw)
		}
	case "tcp", "tcp4", "tcp6":
		if _, port, err := net.SplitHostPort(address); err != nil || port == "" {
			return "", "", fmt.Errorf("%w %q: want host:port", ErrBadAddress, raw)
		}
	default:
		return "", "", fmt.Errorf("%w %q: unknown scheme %q", ErrBadAddress, raw, network)
	}
	return network, address, nil
}

// safe runs f and turns a panic (go-ios panics on some inputs) into an error.
func safe[T any](f func() (T, error)) (v T, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("go-ios panicked: %v", p)
		}
	}()
	return f()
}

// muxConn is one usbmuxd connection through go-ios, with a deadline.
type muxConn struct {
	raw     net.Conn
	counted *countingConn // raw, counting what usbmuxd sent
	dev     ios.DeviceConnectionInterface
	mux     *ios.UsbMuxConnection
	stop    func() bool
	ctx     context.Context
	wait    time.Duration // the longest wait for an answer
}

// dial connects to usbmuxd. Every read and write on the connection must end
// by the earlier of ctx's deadline and now+timeout; cancelling ctx aborts it.
func (s *Source) dial(ctx context.Context) (*muxConn, error) {
	network, address, err := resolveAddress(s.opt.Address)
	if err != nil {
		return nil, err
	}
	d := net.Dialer{Timeout: s.opt.Timeout}
	raw, err := d.DialContext(ctx, network, address)
	if err != nil {
		return nil, dialFault(ctx, fmt.Errorf("connect to usbmuxd: %w", err), s.opt.Timeout)
	}
	deadline := time.Now().Add(s.opt.Timeout)
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	_ = raw.SetDeadline(deadline)
	stop := context.AfterFunc(ctx, func() { _ = raw.SetDeadline(time.Unix(1, 0)) })
	counted := &countingConn{Conn: raw}
	dev := ios.NewDeviceConnectionWithConn(counted)
	return &muxConn{raw: raw, counted: counted, dev: dev, mux: ios.NewUsbMuxConnection(dev),
		stop: stop, ctx: ctx, wait: time.Until(deadline).Round(100 * time.Millisecond)}, nil
}

func (c *muxConn) Close() {
	c.stop()
	_ = c.raw.Close()
}

// call sends a usbmuxd request and returns the reply's plist body.
func (c *muxConn) call(req usbmux.Request) ([]byte, error) {
	return safe(func() ([]byte, error) {
		if err := c.mux.Send(req); err != nil {
			return nil, c.replyFault(c.ctx, fmt.Errorf("send %s to usbmuxd: %w", req.MessageType, err))
		}
		msg, err := c.mux.ReadMessage()
		if err != nil {
			return nil, c.replyFault(c.ctx, fmt.Errorf("read usbmuxd reply to %s: %w", req.MessageType, err))
		}
		return msg.Payload, nil
	})
}

// connect asks usbmuxd to connect this socket to a port on the device.
// After it succeeds the socket carries the device's bytes, not usbmuxd's.
// (go-ios's own Connect and ConnectLockdown decode the reply with its
// unguarded plist decoder; ours goes through usbmux's limits.)
func (c *muxConn) connect(deviceID int, port uint16) error {
	body, err := c.call(usbmux.ConnectRequest(deviceID, port))
	if err != nil {
		return err
	}
	res, err := usbmux.DecodeResult(body)
	if err == nil {
		err = res.Err()
	}
	return err
}

// lockdown is a lockdownd conversation without a session.
type lockdown struct {
	conn *muxConn
	ld   *ios.LockDownConnection
}

// connectLockdown opens lockdownd on the device over a new connection.
func (s *Source) connectLockdown(ctx context.Context, deviceID int) (*lockdown, error) {
	c, err := s.dial(ctx)
	if err != nil {
		return nil, err
	}
	if err := c.connect(deviceID, usbmux.LockdownPort); err != nil {
		c.Close()
		return nil, fmt.Errorf("connect to lockdownd: %w", err)
	}
	return &lockdown{conn: c, ld: ios.NewLockDownConnection(c.dev)}, nil
}

// call sends a lockdown request and decodes the raw reply, Error key included.
func (l *lockdown) call(req usbmux.LockdownRequest) (usbmux.LockdownReply, error) {
	body, err := safe(func() ([]byte, error) {
		if err := l.ld.Send(req); err != nil {
			return nil, err
		}
		return l.ld.ReadMessage()
	})
	if err != nil {
		return usbmux.LockdownReply{}, fmt.Errorf("lockdown %s: %w", req.Request, err)
	}
	r, err := usbmux.DecodeLockdownReply(body)
	if err != nil {
		return r, fmt.Errorf("lockdown %s reply: %w", req.Request, err)
	}
	return r, nil
}

func (l *lockdown) Close() { l.conn.Close() }
