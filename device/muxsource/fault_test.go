package muxsource

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"io"
	"net"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"unstuck/device"
	"unstuck/device/watch"
)

// badUsbmuxd serves a unix socket that misbehaves with every client as
// behave does, and returns its address.
func badUsbmuxd(t *testing.T, behave func(c net.Conn)) string {
	t.Helper()
	path := filepath.Join(shortDir(t), "bad.sock")
	ln, err := net.Listen("unix", path)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var conns []net.Conn
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		for _, c := range conns {
			c.Close()
		}
		mu.Unlock()
		wg.Wait()
	})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
			wg.Add(1)
			go func() { defer wg.Done(); behave(c) }()
		}
	}()
	return "UNIX://" + path
}

// header is a usbmux frame header claiming length bytes in all.
func header(length uint32) []byte {
	b := make([]byte, 16)
	binary.LittleEndian.PutUint32(b[0:], length)
	binary.LittleEndian.PutUint32(b[4:], 1)  // version
	binary.LittleEndian.PutUint32(b[8:], 8)  // plist
	binary.LittleEndian.PutUint32(b[12:], 1) // tag
	return b
}

func idle(c net.Conn) { io.Copy(io.Discard, c) }

// readRequest reads one usbmuxd request: its 16-byte header, then the rest
// of the length the header gives (at most 64 KiB).
func readRequest(c net.Conn) {
	h := make([]byte, 16)
	if _, err := io.ReadFull(c, h); err != nil {
		return
	}
	if n := binary.LittleEndian.Uint32(h); n > 16 && n < 1<<16 {
		io.CopyN(io.Discard, c, int64(n-16))
	}
}

// misbehaviours are the ways a running usbmuxd can fail a client.
var misbehaviours = map[string]func(c net.Conn){
	"silent": idle,
	"garbage": func(c net.Conn) {
		b := make([]byte, 64)
		rand.Read(b)
		c.Write(b)
		idle(c)
	},
	"oversized": func(c net.Conn) { c.Write(header(0xFFFFFFF0)); idle(c) },
	// Reads the request first, as usbmuxd does, so that the client's write
	// cannot meet a closed socket (that would be "hangs up").
	"cut short": func(c net.Conn) { readRequest(c); c.Write(append(header(16+100), make([]byte, 20)...)); c.Close() },
	"hangs up":  func(c net.Conn) { c.Close() },
}

// watchCondition runs a watcher over a muxsource on address and returns
// the first usbmuxd condition its State carries.
func watchCondition(t *testing.T, address string) device.Condition {
	t.Helper()
	src := New(Options{Address: address, Timeout: 500 * time.Millisecond, IdentityFile: "-"})
	w := watch.New(watch.Options{Mux: src})
	states, unsub := w.Latest()
	defer unsub()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	defer func() { cancel(); <-done }()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case s := <-states:
			if c, ok := s.Condition(device.CondUsbmuxdUnavailable); ok {
				return c
			}
		case <-timeout:
			t.Fatal("no usbmuxd condition within 10 s")
		}
	}
}

func TestConditionSaysHowUsbmuxdFailed(t *testing.T) {
	want := map[string]struct{ cause, message string }{
		"silent":    {device.CauseNotAnswering, "usbmuxd is running but did not answer within 0.5 s"},
		"garbage":   {device.CauseUnreadable, "usbmuxd sent something Unstuck cannot read"},
		"oversized": {device.CauseUnreadable, "usbmuxd sent something Unstuck cannot read"},
		"cut short": {device.CauseUnreadable, "usbmuxd sent something Unstuck cannot read"},
		"hangs up":  {device.CauseNotAnswering, "usbmuxd is running but closed the connection without answering"},
	}
	for name, behave := range misbehaviours {
		t.Run(name, func(t *testing.T) {
			c := watchCondition(t, badUsbmuxd(t, behave))
			if c.Cause != want[name].cause || !strings.Contains(c.Message.String(), want[name].message) || strings.Contains(c.Message.String(), "that is normal") {
				t.Errorf("condition %+v, want cause %q and %q", c, want[name].cause, want[name].message)
			}
		})
	}
	t.Run("no socket", func(t *testing.T) {
		c := watchCondition(t, "UNIX://"+filepath.Join(shortDir(t), "none.sock"))
		if c.Cause != device.CauseNotRunning || !strings.Contains(c.Message.String(), "not running") {
			t.Errorf("condition %+v", c)
		}
	})
}
