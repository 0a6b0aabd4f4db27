package hostcheck

import (
	"context"
	"io/fs"
	"os"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"

	"unstuck/device"
	"unstuck/device/tr"
)

var debianTools = fakeRunner{
	paths:   map[string]string{"usbmuxd": "/usr/sbin/usbmuxd", "idevice_id": "/usr/bin/idevice_id", "ideviceinfo": "/usr/bin/ideviceinfo", "irecovery": "/usr/bin/irecovery"},
	outputs: map[string]string{"/usr/sbin/usbmuxd --version": "usbmuxd 1.1.1\n"},
}

func debianProbes(dial fakeDialer, open fakeOpener, uid int) LinuxProbes {
	return LinuxProbes{Root: os.DirFS("testdata/linux-debian12"), Cmd: debianTools, Net: dial, Devices: open,
		Uname: Uname{Sysname: "Linux", Release: "6.1.0-28-amd64", Machine: "x86_64"}, UID: uid, MuxSocket: DefaultMuxSocket}
}

var refused = &os.SyscallError{Syscall: "connect", Err: syscall.ECONNREFUSED}

func TestLinuxDebianIdle(t *testing.T) {
	checks := checkLinux(context.Background(), debianProbes(fakeDialer{}, nil, 1000), phoneState())
	wantCheck(t, checks, "os", OK, "Debian GNU/Linux 12 (bookworm)", "6.1.0-28-amd64", "x86_64")
	wantCheck(t, checks, "linux.usbmuxd", OK, "usbmuxd 1.1.1 at /usr/sbin/usbmuxd")
	wantCheck(t, checks, "linux.usbmuxd-running", OK, "normal with no iPhone", "39-usbmuxd.rules")
	c := wantCheck(t, checks, "linux.udev-rules", Warn, "39-libirecovery.rules", "uaccess", "05ac:f014")
	if c.Snippet != suggestedUdevRule || !strings.Contains(c.Fix.String(), suggestedUdevFile) {
		t.Errorf("udev fix %q snippet %q", c.Fix.String(), c.Snippet)
	}
	wantCheck(t, checks, "linux.usb-access", Unknown, "No phone in recovery or DFU mode")
	wantCheck(t, checks, "linux.tools", OK, "/usr/bin/irecovery")
	for _, c := range checks {
		if c.ID == "compat" {
			t.Error("Linux has no compatibility table")
		}
	}
}

func TestLinuxUsbmuxdSocket(t *testing.T) {
	phone := phoneState(runningPhone("18.2", 480))
	// Answers.
	wantCheck(t, checkLinux(context.Background(), debianProbes(fakeDialer{DefaultMuxSocket: nil}, nil, 1000), phone), "linux.usbmuxd-running", OK, "answers")
	// Exists but refuses.
	wantCheck(t, checkLinux(context.Background(), debianProbes(fakeDialer{DefaultMuxSocket: refused}, nil, 1000), phoneState()), "linux.usbmuxd-running", Fail, "refuses")
	// Permission.
	perm := &os.SyscallError{Syscall: "connect", Err: syscall.EACCES}
	wantCheck(t, checkLinux(context.Background(), debianProbes(fakeDialer{DefaultMuxSocket: perm}, nil, 1000), phoneState()), "linux.usbmuxd-running", Fail, "may not connect")
	// Missing while a running phone is attached: usbmuxd should have started.
	wantCheck(t, checkLinux(context.Background(), debianProbes(fakeDialer{}, nil, 1000), phone), "linux.usbmuxd-running", Fail, "iPhone 15 is connected")
}

// A usbmuxd that takes connections but then fails the watcher is not "answering".
func TestLinuxUsbmuxdRunningButMisbehaving(t *testing.T) {
	in := phoneState()
	in.State.Host = []device.Condition{{Code: device.CondUsbmuxdUnavailable, Cause: device.CauseUnreadable,
		Message: tr.Raw("usbmuxd sent something Unstuck cannot read")}}
	wantCheck(t, checkLinux(context.Background(), debianProbes(fakeDialer{DefaultMuxSocket: nil}, nil, 1000), in),
		"linux.usbmuxd-running", Fail, "takes connections", "cannot read")
}

func TestLinuxDFUPhoneAccess(t *testing.T) {
	in := phoneState(dfuPhone(1, 7))
	wantCheck(t, checkLinux(context.Background(), debianProbes(fakeDialer{}, fakeOpener{"/dev/bus/usb/001/007": true}, 1000), in), "linux.usb-access", OK, "/dev/bus/usb/001/007 opens")
	c := wantCheck(t, checkLinux(context.Background(), debianProbes(fakeDialer{}, fakeOpener{}, 1000), in), "linux.usb-access", Fail, "permission denied")
	if c.Snippet == "" {
		t.Error("no rule to copy")
	}
	// The watcher's permission condition counts even with no node to try.
	in = phoneState()
	in.State.Host = []device.Condition{{Code: device.CondUSBPermission, Message: tr.Raw("No permission to open the iPhone on USB 1-2.")}}
	checks := checkLinux(context.Background(), debianProbes(fakeDialer{}, fakeOpener{}, 1000), in)
	wantCheck(t, checks, "linux.usb-access", Fail, "No permission")
	wantCheck(t, checks, "usb.stack", Warn)
	wantCheck(t, checkLinux(context.Background(), debianProbes(fakeDialer{}, nil, 0), phoneState()), "linux.usb-access", OK, "root")
}

func TestLinuxBareFedora(t *testing.T) {
	p := LinuxProbes{Root: os.DirFS("testdata/linux-fedora"), Cmd: fakeRunner{}, Net: fakeDialer{}, UID: 1000}
	checks := checkLinux(context.Background(), p, Input{})
	wantCheck(t, checks, "os", OK, "Fedora Linux 40")
	c := wantCheck(t, checks, "linux.usbmuxd", Fail, "not found")
	if strings.Contains(c.Fix.String(), "apt") {
		t.Errorf("apt advice on Fedora: %q", c.Fix.String())
	}
	wantCheck(t, checks, "linux.usbmuxd-running", Unknown, "not installed")
	wantCheck(t, checks, "linux.udev-rules", OK, "99-libirecovery.rules", "uaccess")
	wantCheck(t, checks, "linux.tools", Warn, "idevice_id", "irecovery")
	wantCheck(t, checks, "usb.stack", Unknown)
}

func TestLinuxVersionFromDpkgWhenProgramIsSilent(t *testing.T) {
	p := debianProbes(fakeDialer{}, nil, 1000)
	p.Cmd = fakeRunner{paths: map[string]string{"usbmuxd": "/usr/sbin/usbmuxd"}}
	wantCheck(t, checkLinux(context.Background(), p, phoneState()), "linux.usbmuxd", OK, "1.1.1-2+deb12u1")
	// Not in PATH (a normal user's PATH lacks /usr/sbin) but on disk.
	p.Root = fstest.MapFS{"usr/sbin/usbmuxd": {Data: []byte("ELF")}, "etc/os-release": {Data: []byte("ID=debian\nPRETTY_NAME=\"Debian\"\n")}}
	p.Cmd = fakeRunner{}
	wantCheck(t, checkLinux(context.Background(), p, phoneState()), "linux.usbmuxd", OK, "version unknown at /usr/sbin/usbmuxd")
	wantCheck(t, checkLinux(context.Background(), p, phoneState()), "linux.usbmuxd-running", Warn, "no udev rule")
	wantCheck(t, checkLinux(context.Background(), p, phoneState()), "linux.udev-rules", Fail, "No udev rule")
}

func TestLinuxNoProbesNoPanic(t *testing.T) {
	checks := checkLinux(context.Background(), LinuxProbes{Root: fstest.MapFS{}}, phoneState(dfuPhone(1, 2)))
	wantCheck(t, checks, "os", Unknown)
	wantCheck(t, checks, "linux.usb-access", Fail)
}

// The USB check's fix follows the cause: libusb missing, no USB bus, or
// neither.
func TestLinuxUSBFixMatchesTheCause(t *testing.T) {
	in := phoneState()
	in.State.Host = []device.Condition{{Code: device.CondUSBUnavailable, Severity: device.SeverityProblem,
		Message: tr.Raw("Unstuck cannot read the USB bus"), Detail: "USB detection unavailable: no USB bus found on this computer"}}
	release := "ID=debian\nPRETTY_NAME=\"Debian\"\n"
	run := func(root fstest.MapFS) Check {
		root["etc/os-release"] = &fstest.MapFile{Data: []byte(release)}
		return wantCheck(t, checkLinux(context.Background(), LinuxProbes{Root: root, Cmd: fakeRunner{}, Net: fakeDialer{}, UID: 1000}, in), "usb.stack", Fail)
	}
	if c := run(fstest.MapFS{}); !strings.Contains(c.Fix.String(), "Install libusb") || !strings.Contains(c.Fix.String(), "apt install libusb-1.0-0") {
		t.Errorf("no libusb: fix %q", c.Fix.String())
	}
	lib := &fstest.MapFile{Data: []byte("ELF")}
	if c := run(fstest.MapFS{"usr/lib/x86_64-linux-gnu/libusb-1.0.so.0": lib}); strings.Contains(c.Fix.String(), "Install libusb") || !strings.Contains(c.Fix.String(), "no USB bus") {
		t.Errorf("libusb, no bus: fix %q", c.Fix.String())
	}
	withBus := fstest.MapFS{"usr/lib64/libusb-1.0.so.0": lib, "sys/bus/usb/devices/usb1": &fstest.MapFile{Mode: fs.ModeDir}}
	if c := run(withBus); strings.Contains(c.Fix.String(), "Install libusb") || strings.Contains(c.Fix.String(), "no USB bus") {
		t.Errorf("libusb and a bus: fix %q", c.Fix.String())
	}
}
