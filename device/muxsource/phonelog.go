package muxsource

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	"unstuck/device/usbmux"
)

// Reading a trusted phone's own log and notifications: read-only. The
// syslog relay is only listened to; the notification proxy is asked to
// observe names and never to post one.

// Bounds of the log reader: a line is cut at MaxLogLine bytes (the rest
// is skipped up to its NUL), and at most LogRate kept lines a second pass
// on (a burst of LogBurst), the others dropped. A busy phone logs hundreds
// of lines a second; the backup's own processes a few.
const (
	MaxLogLine = 1024
	LogRate    = 20
	LogBurst   = 100
)

// LogLine is one line of the phone's syslog relay, as
// "Mar 12 10:01:02 iPhone backupd[123] <Notice>: Starting backup".
type LogLine struct {
	At      time.Time // when it was read
	Process string    // "backupd" (a "(subsystem)" after the name is left out)
	Level   string    // "Notice"
	Message string    // "Starting backup"
}

// FollowLog reads the syslog relay of the trusted phone with udid and
// hands on the lines of the processes named in keep, within the bounds
// above, until ctx ends (nil) or the connection ends (an error, ErrPhoneGone
// when the phone left).
func (s *Source) FollowLog(ctx context.Context, udid string, keep []string, line func(LogLine)) error {
	rw, closeFn, err := s.startStream(ctx, udid, usbmux.SyslogRelayService)
	if err != nil {
		return err
	}
	defer closeFn()
	limit := newRateLimit(LogRate, LogBurst)
	err = readNULLines(rw, func(b []byte) {
		l, ok := parseLogLine(b)
		if !ok || !slices.Contains(keep, l.Process) {
			return
		}
		l.At = time.Now()
		if limit.allow(l.At) {
			line(l)
		}
	})
	if ctx.Err() != nil {
		return nil
	}
	return fmt.Errorf("the phone's log ended: %w", err)
}

// readNULLines calls fn with each NUL-ended line of r (without the NUL),
// cut at MaxLogLine bytes. fn must not keep b.
func readNULLines(r io.Reader, fn func(b []byte)) error {
	br := bufio.NewReaderSize(r, MaxLogLine)
	long := false
	for {
		b, err := br.ReadSlice(0)
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			if !long {
				fn(b)
			}
			long = true
			continue
		case err != nil:
			return err
		}
		if !long {
			fn(b[:len(b)-1])
		}
		long = false
	}
}

// parseLogLine splits a syslog relay line the way idevicesyslog does: a
// 15-character time and a space, the host, "process[pid]" (or
// "process(subsystem)[pid]"), a space, "<Level>: " and the message.
func parseLogLine(b []byte) (LogLine, bool) {
	b = bytes.TrimRight(b, "\r\n")
	if len(b) < 17 || b[3] != ' ' || b[6] != ' ' || b[15] != ' ' {
		return LogLine{}, false
	}
	_, rest, ok := bytes.Cut(b[16:], []byte(" ")) // the host
	if !ok {
		return LogLine{}, false
	}
	proc, rest, ok := bytes.Cut(rest, []byte("["))
	if !ok {
		return LogLine{}, false
	}
	if i := bytes.IndexByte(proc, '('); i >= 0 {
		proc = proc[:i]
	}
	_, rest, ok = bytes.Cut(rest, []byte("] <"))
	if !ok {
		return LogLine{}, false
	}
	level, msg, ok := bytes.Cut(rest, []byte(">: "))
	if !ok {
		return LogLine{}, false
	}
	return LogLine{Process: string(proc), Level: string(level), Message: string(msg)}, true
}

// rateLimit is a token bucket: rate a second, up to burst at once.
type rateLimit struct {
	rate, burst, tokens float64
	last                time.Time
}

func newRateLimit(rate, burst int) *rateLimit {
	return &rateLimit{rate: float64(rate), burst: float64(burst), tokens: float64(burst)}
}

func (r *rateLimit) allow(now time.Time) bool {
	if !r.last.IsZero() {
		r.tokens = min(r.burst, r.tokens+now.Sub(r.last).Seconds()*r.rate)
	}
	r.last = now
	if r.tokens < 1 {
		return false
	}
	r.tokens--
	return true
}

// FollowNotifications asks the notification proxy of the trusted phone
// with udid to observe names (it never posts one) and hands on each one
// the phone posts, until ctx ends (nil) or the proxy ends (an error).
func (s *Source) FollowNotifications(ctx context.Context, udid string, names []string, note func(name string, at time.Time)) error {
	rw, closeFn, err := s.startStream(ctx, udid, usbmux.NotificationProxyService)
	if err != nil {
		return err
	}
	defer closeFn()
	for _, n := range names {
		if err := usbmux.WriteLockdown(rw, usbmux.ObserveRequest(n)); err != nil {
			return fmt.Errorf("observe %s: %w", n, err)
		}
	}
	defer func() { _ = usbmux.WriteLockdown(rw, usbmux.ShutdownRequest()) }() // polite, and best effort
	for {
		body, err := usbmux.ReadLockdown(rw)
		if ctx.Err() != nil {
			return nil
		}
		if err != nil {
			return fmt.Errorf("the phone's notifications ended: %w", err)
		}
		m, err := usbmux.DecodeNPMessage(body)
		if err != nil {
			return err
		}
		switch {
		case m.Command == usbmux.NPDeath:
			return errors.New("the phone's notification proxy ended")
		case m.Command == usbmux.NPRelay && slices.Contains(names, m.Name):
			note(m.Name, time.Now())
		}
	}
}
