package muxsim

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"time"

	"unstuck/device/usbmux"
)

// The phone's own log and notifications. StartService hands out ports for
// com.apple.syslog_relay and com.apple.mobile.notification_proxy as for the
// diagnostics relay; Log sends lines to every syslog relay connection of a
// phone, Notify posts a notification to every proxy connection that
// observes its name. Nothing is kept: a client sees what happens while it
// is connected, as on a phone.

// feedQueue is how many lines or notifications wait for one slow client;
// past it they are dropped for that client (the simulator never blocks).
const feedQueue = 256

// syslogHost is the host name a phone's syslog lines carry.
const syslogHost = "iPhone"

type feed struct {
	logs  map[chan string]struct{}
	notes map[*observer]struct{}
}

type observer struct {
	ch    chan string
	names map[string]bool // guarded by Sim.mu
}

// offers says whether the phone serves a lockdown service, and with TLS.
func (p Phone) offers(service string) (ssl, ok bool) {
	switch service {
	case usbmux.DiagnosticsRelayService:
		return true, !p.NoDiagnosticsRelay
	case usbmux.SyslogRelayService, usbmux.NotificationProxyService:
		return p.ServiceSSL, true
	}
	return false, false
}

// serveService serves a connection to lockdownd ("") or a started service.
func (s *Sim) serveService(c net.Conn, udid, service string) {
	switch service {
	case "":
		s.lockdown(c, udid)
	case usbmux.DiagnosticsRelayService:
		s.relay(c, udid)
	case usbmux.SyslogRelayService:
		s.syslogRelay(c, udid)
	case usbmux.NotificationProxyService:
		s.notificationProxy(c, udid)
	}
}

func (s *Sim) feedLocked(udid string) *feed {
	if s.feeds == nil {
		s.feeds = map[string]*feed{}
	}
	k := normUDID(udid)
	f := s.feeds[k]
	if f == nil {
		f = &feed{logs: map[chan string]struct{}{}, notes: map[*observer]struct{}{}}
		s.feeds[k] = f
	}
	return f
}

// withFeed runs change on the phone's feed under the lock.
func (s *Sim) withFeed(udid string, change func(*feed)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	change(s.feedLocked(udid))
}

// serviceConn is a service connection in TLS when the phone asks for it.
func (s *Sim) serviceConn(c net.Conn, udid string) (io.ReadWriter, bool) {
	s.mu.Lock()
	ps := s.phones[normUDID(udid)]
	ssl := ps != nil && ps.ServiceSSL
	s.mu.Unlock()
	if !ssl {
		return c, true
	}
	tc, err := s.serviceHandshake(c, udid)
	return tc, err == nil
}

// syslogRelay sends the phone's log lines, each ended by a NUL byte, until
// the client goes or the phone is unplugged (which closes c).
func (s *Sim) syslogRelay(c net.Conn, udid string) {
	rw, ok := s.serviceConn(c, udid)
	if !ok {
		return
	}
	ch := make(chan string, feedQueue)
	s.withFeed(udid, func(f *feed) { f.logs[ch] = struct{}{} })
	defer s.withFeed(udid, func(f *feed) { delete(f.logs, ch) })
	gone := make(chan struct{})
	go func() { // the host sends nothing; a read ends when it leaves
		_, _ = io.Copy(io.Discard, rw)
		close(gone)
	}()
	for {
		select {
		case line := <-ch:
			_ = c.SetWriteDeadline(time.Now().Add(writeTimeout))
			if _, err := io.WriteString(rw, line); err != nil {
				return
			}
		case <-gone:
			return
		}
	}
}

// Log sends lines to the phone's syslog relay clients. Each is a message
// as "process[pid] <Level>: text"; the simulator puts the time and host in
// front ("Mar 12 10:01:02 iPhone ") and the newline and NUL after, as the
// phone's relay does. A line without a process part is sent as it is.
func (s *Sim) Log(udid string, lines ...string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	ps := s.phones[normUDID(udid)]
	if ps == nil || ps.deviceID == 0 {
		return fmt.Errorf("phone %s is not attached", udid)
	}
	stamp := time.Now().Format(time.Stamp) + " " + syslogHost + " "
	f := s.feedLocked(udid)
	for _, l := range lines {
		if strings.ContainsRune(l, 0) {
			return fmt.Errorf("log line %q holds a NUL byte", l)
		}
		if strings.Contains(l, "]") {
			l = stamp + l
		}
		for ch := range f.logs {
			select {
			case ch <- l + "\n\x00":
			default: // a slow client misses lines, as on a busy phone
			}
		}
	}
	return nil
}

// notificationProxy answers ObserveNotification (remembering the names),
// relays the observed names Notify posts, ignores PostNotification and
// ends on Shutdown with ProxyDeath.
func (s *Sim) notificationProxy(c net.Conn, udid string) {
	rw, ok := s.serviceConn(c, udid)
	if !ok {
		return
	}
	o := &observer{ch: make(chan string, feedQueue), names: map[string]bool{}}
	s.withFeed(udid, func(f *feed) { f.notes[o] = struct{}{} })
	defer s.withFeed(udid, func(f *feed) { delete(f.notes, o) })
	var wmu sync.Mutex
	write := func(m usbmux.NPMessage) error {
		wmu.Lock()
		defer wmu.Unlock()
		_ = c.SetWriteDeadline(time.Now().Add(writeTimeout))
		return usbmux.WriteLockdown(rw, m)
	}
	done := make(chan struct{})
	defer close(done)
	go func() {
		for {
			select {
			case name := <-o.ch:
				if write(usbmux.NPMessage{Command: usbmux.NPRelay, Name: name}) != nil {
					_ = c.Close()
					return
				}
			case <-done:
				return
			}
		}
	}()
	br := bufio.NewReader(rw)
	for {
		body, err := usbmux.ReadLockdown(br)
		if err != nil {
			return
		}
		m, err := usbmux.DecodeNPMessage(body)
		if err != nil {
			return
		}
		switch m.Command {
		case usbmux.NPObserve:
			s.mu.Lock()
			o.names[m.Name] = true
			s.mu.Unlock()
		case usbmux.NPShutdown:
			_ = write(usbmux.NPMessage{Command: usbmux.NPDeath})
			return
		}
	}
}

// Notify posts a notification on the phone: every proxy client that
// observes the name is told.
func (s *Sim) Notify(udid, name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	ps := s.phones[normUDID(udid)]
	if ps == nil || ps.deviceID == 0 {
		return fmt.Errorf("phone %s is not attached", udid)
	}
	for o := range s.feedLocked(udid).notes {
		if o.names[name] {
			select {
			case o.ch <- name:
			default:
			}
		}
	}
	return nil
}
