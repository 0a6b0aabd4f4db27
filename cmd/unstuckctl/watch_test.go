package main

import (
	"context"
	"crypto/rand"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// garbageUsbmuxd answers every request with random bytes, so each retry
// fails with a different length in its error.
func garbageUsbmuxd(t *testing.T) string {
	dir, err := os.MkdirTemp("", "ctl")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "g.sock")
	ln, err := net.Listen("unix", path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close(); os.RemoveAll(dir) })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			b := make([]byte, 64)
			rand.Read(b)
			c.Write(b)
			go func() { io.Copy(io.Discard, c); c.Close() }()
			time.AfterFunc(time.Second, func() { c.Close() })
		}
	}()
	return "UNIX://" + path
}

// watch reports a change of condition, not a change of its wording.
func TestWatchPrintsAGarbageUsbmuxdOnce(t *testing.T) {
	t.Setenv("USBMUXD_SOCKET_ADDRESS", garbageUsbmuxd(t))
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	sysfs := t.TempDir() // a USB bus with nothing on it: no USB condition comes and goes
	if err := os.MkdirAll(filepath.Join(sysfs, "bus", "usb", "devices"), 0o755); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, ctx, "", "watch", "--sysfs", sysfs)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if n := strings.Count(out, "usbmuxd sent something Unstuck cannot read"); n != 1 {
		t.Errorf("%d lines about the garbage usbmuxd in 5 s, want 1:\n%s", n, out)
	}
}
