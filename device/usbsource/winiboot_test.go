package usbsource

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// The recovery-mode phone of testdata/windows/interfaces.txt.
const (
	winRecoveryAddr = 13
	winRecoveryPath = `\\?\usb#vid_05ac&pid_1281#cpid:8015_cprv:11_cpfm:03_scep:01_bdid:0c_ecid:001a2b3c4d5e6f70_ibfl:3c_srtg:[iboot-3865.0.0.4.7]#{ed82a167-d61a-4af6-9ab6-11e52236c576}`
)

// TestWindowsExitRecovery: a new Source finds the phone by the address a
// listing gave, and sends each command as a vendor request (0x40, request
// 0, value 0, index 0, the length) with the command and its NUL.
func TestWindowsExitRecovery(t *testing.T) {
	sys := loadFakeWinUSB(t, "interfaces.txt")
	if err := newWinTestSource(sys).SendIBootCommands(context.Background(), winBus, winRecoveryAddr, ExitRecoveryCommands...); err != nil {
		t.Fatal(err)
	}
	h := sys.handle
	if h.path != winRecoveryPath || !h.closed {
		t.Errorf("opened %q (closed %v), want the recovery interface, closed", h.path, h.closed)
	}
	want := []fakeRequest{
		{[8]byte{0x40, 0, 0, 0, 0, 0, 22, 0}, "setenv auto-boot true\x00"},
		{[8]byte{0x40, 0, 0, 0, 0, 0, 8, 0}, "saveenv\x00"},
		{[8]byte{0x40, 0, 0, 0, 0, 0, 7, 0}, "reboot\x00"},
	}
	if fmt.Sprint(h.sent) != fmt.Sprint(want) {
		t.Errorf("sent %q\nwant %q", h.sent, want)
	}
	if h.timeouts[0] != ibootCommandTimeout {
		t.Errorf("timeout %v, want %v", h.timeouts[0], ibootCommandTimeout)
	}
}

// TestWindowsIBootFailures: every failure is an answer in plain words,
// a phone that leaves during "reboot" is a success, nothing hangs.
func TestWindowsIBootFailures(t *testing.T) {
	gone := fmt.Errorf("%w (The device is not connected.)", errDeviceGone)
	cases := []struct {
		name  string
		addr  int
		setup func(*fakeWinUSB)
		want  string // "" = success
	}{
		{"reboot as the phone leaves", winRecoveryAddr, func(w *fakeWinUSB) { w.handle.fail = map[string]error{"reboot": gone} }, ""},
		{"reboot refused as the phone resets", winRecoveryAddr, func(w *fakeWinUSB) {
			w.handle.fail = map[string]error{"reboot": fmt.Errorf("%w (A device attached to the system is not functioning.)", errTransferFailed)}
		}, ""},
		{"saveenv as the phone leaves", winRecoveryAddr, func(w *fakeWinUSB) { w.handle.fail = map[string]error{"saveenv": gone} }, `sending "saveenv" to the phone at USB bus 0 address 13: the phone is no longer connected`},
		{"no answer", winRecoveryAddr, func(w *fakeWinUSB) { w.handle.fail = map[string]error{"setenv auto-boot true": errTimedOut} }, "did not answer within 5s"},
		{"cannot open", winRecoveryAddr, func(w *fakeWinUSB) { w.openErr = errors.New("Access is denied.") }, "Windows would not let Unstuck: Access is denied.; close iTunes or Apple Devices and try again"},
		{"DFU phone", 4, func(*fakeWinUSB) {}, "the phone at USB bus 0 address 4 is not in recovery mode (or went away)"},
		{"gone", 99, func(*fakeWinUSB) {}, "address 99 is not in recovery mode (or went away)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sys := loadFakeWinUSB(t, "interfaces.txt")
			c.setup(sys)
			err := newWinTestSource(sys).SendIBootCommands(context.Background(), winBus, c.addr, ExitRecoveryCommands...)
			if c.want == "" && err != nil || c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)) {
				t.Fatalf("error %v, want %q", err, c.want)
			}
		})
	}
	if err := sendIBootCommand(context.Background(), &fakeHandle{}, strings.Repeat("x", 256)); err == nil {
		t.Error("a 256-byte command was sent")
	}
}

// TestWindowsIBootNoHang: a phone that never answers costs at most the
// caller's deadline, and a cancelled action stops at once.
func TestWindowsIBootNoHang(t *testing.T) {
	sys := loadFakeWinUSB(t, "interfaces.txt")
	sys.handle.block = true
	s := newWinTestSource(sys)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := s.SendIBootCommands(ctx, winBus, winRecoveryAddr, ExitRecoveryCommands...)
	if took := time.Since(start); err == nil || took > 2*time.Second {
		t.Fatalf("deadline: %v after %v", err, took)
	}
	if to := sys.handle.timeouts[0]; to > 200*time.Millisecond {
		t.Errorf("request timeout %v beyond the caller's deadline", to)
	}
	ctx, cancel = context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	start = time.Now()
	err = s.SendIBootCommands(ctx, winBus, winRecoveryAddr, ExitRecoveryCommands...)
	if took := time.Since(start); !errors.Is(err, context.Canceled) || took > 2*time.Second {
		t.Fatalf("cancel: %v after %v", err, took)
	}
	if !strings.Contains(err.Error(), "stopped before the phone answered") {
		t.Errorf("cancel: %v", err)
	}
}
