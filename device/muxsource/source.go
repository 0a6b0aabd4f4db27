// Package muxsource is Unstuck's usbmuxd source (a watch.MuxSource), through
// go-ios: it lists the phones usbmuxd serves, reads each new one once from
// lockdownd without pairing (QueryType for normal or restore mode, GetValue
// for its identity), and finds its trust state from the stored pair record
// or by asking it to pair. A trusted phone's battery is read in a TLS
// lockdown session with the pair record (on first sight, then in the
// background every BatteryRefresh). Every network call has a deadline; a
// problem with one phone goes into its Note and never stops the list.
//
// go-ios supplies the usbmux and lockdown connections (framing only: its
// frame reader caps a message at 16 MiB); this package dials them itself
// with deadlines, sends Connect itself and decodes every reply strictly and
// within bounded depth and size with device/usbmux (go-ios drops lockdown's
// Error key and usbmuxd decode errors, and its plist decoding has no depth
// limit), rejects socket addresses that make go-ios panic,
// and turns any panic left into an error. Pairing is done here too, not with
// ios.Pair, so that it honours Options.Address and the deadlines.
package muxsource

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/danielpaulus/go-ios/ios"

	"unstuck/device"
	"unstuck/device/usbmux"
)

// Options configure a Source. The zero value is the real usbmuxd.
type Options struct {
	// Address overrides the usbmuxd socket (e.g. "UNIX:///tmp/sim.sock");
	// "" means USBMUXD_SOCKET_ADDRESS, else the platform's default.
	Address string
	// Logger receives go-ios's logs; nil discards them. go-ios's logger is
	// process-wide, so the last Source made decides.
	Logger *slog.Logger
	// Timeout bounds each network exchange (default 3 s).
	Timeout time.Duration
	// Recheck is how often an untrusted phone's trust is asked again (default 2 s).
	Recheck time.Duration
	// BatteryRefresh is how often a trusted phone's battery is read again
	// (default 30 s).
	BatteryRefresh time.Duration
	// NoPair reads trust from usbmuxd's pair record only and never asks
	// the phone to pair (the handshake that puts "Trust This Computer?" on
	// its screen): a read-only look, as `unstuckctl status` takes. Without
	// a record the trust is unknown and the Note says why.
	NoPair bool
	// IdentityFile keeps this computer's pairing identity between runs
	// (default DefaultIdentityFile(); "-" keeps it in memory only).
	IdentityFile string
}

// Source reads usbmuxd. It is safe for concurrent use.
type Source struct {
	opt Options

	mu      sync.Mutex
	cache   map[cacheKey]*entry
	changed map[*func()]struct{} // the callbacks of running Listen calls
	host    *hostIdentity        // made on first pairing
	idMu    sync.Mutex           // serialises making host
}

type cacheKey struct {
	id   int
	udid string
}

type entry struct {
	dev         device.MuxDevice
	read        time.Time // last read or trust check
	batteryRead time.Time // last battery read (trusted phones)
	checking    bool      // a trust check or battery read runs in the background
}

// New makes a Source. It connects to nothing until List or Listen.
func New(o Options) *Source {
	if o.Timeout <= 0 {
		o.Timeout = 3 * time.Second
	}
	if o.Recheck <= 0 {
		o.Recheck = 2 * time.Second
	}
	if o.BatteryRefresh <= 0 {
		o.BatteryRefresh = 30 * time.Second
	}
	if o.Logger != nil {
		ios.SetLogger(o.Logger.With("lib", "go-ios"))
	} else {
		ios.SetLogger(slog.New(slog.DiscardHandler))
	}
	if o.IdentityFile == "" {
		o.IdentityFile = DefaultIdentityFile()
	}
	s := &Source{opt: o, cache: map[cacheKey]*entry{}, changed: map[*func()]struct{}{}}
	// Load (or make) the pairing identity now, in the background, so the
	// first phone's trust state is not held up by key generation.
	if !o.NoPair {
		go s.identity()
	}
	return s
}

func (s *Source) log() *slog.Logger {
	if s.opt.Logger != nil {
		return s.opt.Logger
	}
	return slog.New(slog.DiscardHandler)
}

// List returns the phones usbmuxd serves over USB. When nothing changed it
// costs one ListDevices round trip; a new phone is read from lockdownd once.
func (s *Source) List(ctx context.Context) ([]device.MuxDevice, error) {
	events, err := s.listDevices(ctx)
	if err != nil {
		return nil, err
	}
	seen := map[cacheKey]bool{}
	out := make([]device.MuxDevice, 0, len(events))
	for _, ev := range events {
		p := ev.Properties
		if p.ConnectionType != "" && p.ConnectionType != "USB" {
			continue
		}
		k := cacheKey{ev.DeviceID, p.SerialNumber}
		seen[k] = true
		s.mu.Lock()
		e := s.cache[k]
		s.mu.Unlock()
		if e == nil || (e.dev.Mode == "" && time.Since(e.read) >= s.opt.Recheck) {
			d := s.read(ctx, ev)
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			e = &entry{dev: d, read: time.Now(), batteryRead: time.Now()}
			s.mu.Lock()
			s.cache[k] = e
			s.mu.Unlock()
		}
		out = append(out, s.maybeRecheck(k, e))
	}
	s.mu.Lock()
	for k := range s.cache {
		if !seen[k] {
			delete(s.cache, k)
		}
	}
	s.mu.Unlock()
	return out, nil
}

func (s *Source) listDevices(ctx context.Context) ([]usbmux.Event, error) {
	c, err := s.dial(ctx)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	body, err := c.call(usbmux.ListDevicesRequest())
	if err != nil {
		return nil, err
	}
	list, err := usbmux.DecodeDeviceList(body)
	if err != nil {
		return nil, bodyFault(fmt.Errorf("usbmuxd device list: %w", err))
	}
	return list.DeviceList, nil
}

// Listen calls changed after every usbmuxd event until ctx ends (nil) or
// the connection breaks (an error). It also calls changed when a background
// trust check or battery read finds something new.
func (s *Source) Listen(ctx context.Context, changed func()) error {
	c, err := s.dial(ctx)
	if err != nil {
		return err
	}
	defer c.Close()
	body, err := c.call(usbmux.ListenRequest())
	if err != nil {
		return err
	}
	res, err := usbmux.DecodeResult(body)
	if err == nil {
		err = res.Err()
	}
	if err != nil {
		return fmt.Errorf("usbmuxd refused Listen: %w", err)
	}
	_ = c.raw.SetDeadline(time.Time{}) // events come whenever they come
	stop := context.AfterFunc(ctx, func() { _ = c.raw.Close() })
	defer stop()

	s.mu.Lock()
	s.changed[&changed] = struct{}{}
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.changed, &changed)
		s.mu.Unlock()
	}()
	for {
		msg, err := safe(c.mux.ReadMessage)
		if ctx.Err() != nil {
			return nil
		}
		if err != nil {
			return fmt.Errorf("usbmuxd event stream broke: %w", err)
		}
		ev, err := usbmux.DecodeEvent(msg.Payload)
		if errors.Is(err, usbmux.ErrUnknownEvent) {
			changed() // a newer usbmuxd's news: re-list to be safe
			continue
		}
		if err != nil {
			return fmt.Errorf("usbmuxd event: %w", err)
		}
		if ev.MessageType == usbmux.MsgDetached {
			s.forget(ev.DeviceID)
		}
		changed()
	}
}

// forget drops what was read about a detached DeviceID.
func (s *Source) forget(id int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for k := range s.cache {
		if k.id == id {
			delete(s.cache, k)
		}
	}
}

// notify tells every running Listen that something changed.
func (s *Source) notify() {
	s.mu.Lock()
	fns := make([]func(), 0, len(s.changed))
	for f := range s.changed {
		fns = append(fns, *f)
	}
	s.mu.Unlock()
	for _, f := range fns {
		f()
	}
}
