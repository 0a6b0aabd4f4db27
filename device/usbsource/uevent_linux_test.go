package usbsource

import (
	"context"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// kernelUevent builds a message as the kernel sends it: "ACTION@DEVPATH",
// then the KEY=value fields, each ended by a NUL.
func kernelUevent(action, devpath string, fields ...string) []byte {
	all := append([]string{action + "@" + devpath, "ACTION=" + action, "DEVPATH=" + devpath}, fields...)
	return []byte(strings.Join(all, "\x00") + "\x00")
}

const phonePath = "/devices/pci0000:00/0000:00:14.0/usb1/1-2"

func TestParseUevent(t *testing.T) {
	for _, c := range []struct {
		name   string
		msg    []byte
		ok     bool
		change bool
	}{
		{"a phone arrives", kernelUevent("add", phonePath, "SUBSYSTEM=usb", "DEVTYPE=usb_device", "PRODUCT=5ac/1227/0", "BUSNUM=001", "DEVNUM=005"), true, true},
		{"a phone leaves", kernelUevent("remove", phonePath, "SUBSYSTEM=usb", "DEVTYPE=usb_device"), true, true},
		{"one of its interfaces", kernelUevent("add", phonePath+"/1-2:1.0", "SUBSYSTEM=usb", "DEVTYPE=usb_interface"), true, false},
		{"a driver binds", kernelUevent("bind", phonePath, "SUBSYSTEM=usb", "DEVTYPE=usb_device"), true, false},
		{"another subsystem", kernelUevent("add", "/devices/virtual/net/veth0", "SUBSYSTEM=net"), true, false},
		{"udev's re-broadcast", []byte("libudev\x00\xfe\xed\xca\xfe\x28\x00\x00\x00"), false, false},
		{"empty", nil, false, false},
		{"no path", []byte("add@\x00SUBSYSTEM=usb\x00"), false, false},
		{"cut short", kernelUevent("add", phonePath, "SUBSYSTEM=usb", "DEVTYPE=usb_dev")[:40], true, false},
	} {
		e, ok := ParseUevent(c.msg)
		if ok != c.ok || e.USBDeviceChange() != c.change {
			t.Errorf("%s: parsed %+v ok %v change %v, want ok %v change %v", c.name, e, ok, e.USBDeviceChange(), c.ok, c.change)
		}
	}
}

// kernelPair returns a Source whose events come from the returned end of a
// SOCK_SEQPACKET socketpair (message boundaries kept, as on netlink).
func kernelPair(t *testing.T) (*Source, *os.File) {
	t.Helper()
	fds, err := unix.Socketpair(unix.AF_UNIX, unix.SOCK_SEQPACKET|unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	ours, kernel := os.NewFile(uintptr(fds[0]), "uevent"), os.NewFile(uintptr(fds[1]), "kernel")
	t.Cleanup(func() { kernel.Close() })
	opened := false
	s := New(Options{SysfsRoot: t.TempDir(), Uevents: func() (io.ReadCloser, error) {
		if opened {
			return nil, errors.New("opened twice")
		}
		opened = true
		return ours, nil
	}})
	return s, kernel
}

func TestNotifyPokesOnUSBDevicesOnly(t *testing.T) {
	s, kernel := kernelPair(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ready := make(chan struct{})
	changes := make(chan string, 10)
	done := make(chan error, 1)
	go func() {
		done <- s.Notify(ctx, func() { close(ready) }, func() { changes <- "changed" })
	}()
	<-ready
	for _, m := range [][]byte{
		kernelUevent("add", phonePath, "SUBSYSTEM=usb", "DEVTYPE=usb_device", "PRODUCT=5ac/1227/0"),
		kernelUevent("add", phonePath+"/1-2:1.0", "SUBSYSTEM=usb", "DEVTYPE=usb_interface"),
		kernelUevent("bind", phonePath, "SUBSYSTEM=usb", "DEVTYPE=usb_device"),
		[]byte("libudev\x00garbage"),
		kernelUevent("remove", phonePath, "SUBSYSTEM=usb", "DEVTYPE=usb_device"),
	} {
		if _, err := kernel.Write(m); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 2 {
		select {
		case <-changes:
		case <-time.After(5 * time.Second):
			t.Fatalf("change %d never came", i+1)
		}
	}
	// Nothing else: a marker message after the noise proves the noise was read.
	kernel.Write(kernelUevent("add", phonePath, "SUBSYSTEM=usb", "DEVTYPE=usb_device"))
	<-changes
	if n := len(changes); n != 0 {
		t.Errorf("%d extra changes from interface, bind or udev messages", n)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Notify after cancel: %v", err)
	}
}

func TestNotifyEndsWhenTheEventsDo(t *testing.T) {
	s, kernel := kernelPair(t)
	done := make(chan error, 1)
	go func() { done <- s.Notify(context.Background(), func() {}, func() {}) }()
	kernel.Close()
	if err := <-done; err == nil {
		t.Fatal("Notify returned nil when the event socket closed")
	}
}

func TestNotifyNotForATestbed(t *testing.T) {
	s := New(Options{SysfsRoot: t.TempDir()})
	err := s.Notify(context.Background(), func() { t.Error("ready") }, func() {})
	if !errors.Is(err, errors.ErrUnsupported) {
		t.Fatalf("the kernel's events do not describe a testbed's sysfs: want ErrUnsupported, got %v", err)
	}
}

// TestKernelUeventSocket binds the real NETLINK_KOBJECT_UEVENT socket and
// stops listening when asked.
func TestKernelUeventSocket(t *testing.T) {
	conn, err := openUevents()
	if err != nil {
		t.Skipf("this sandbox refuses the kernel's uevent socket: %v", err)
	}
	conn.Close()
	s := New(Options{})
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan struct{})
	done := make(chan error, 1)
	go func() { done <- s.Notify(ctx, func() { close(ready) }, func() {}) }()
	select {
	case <-ready:
	case err := <-done:
		t.Fatalf("Notify on the real socket: %v", err)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("closing the socket did not end Notify's read")
	}
}
