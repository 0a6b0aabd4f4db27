package usbsource

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"unstuck/device"
)

// newWinTestSource is a Source whose Windows system layer is sys.
func newWinTestSource(sys winUSB) *Source {
	s := New(Options{})
	s.win = newWinSource(sys)
	return s
}

func describe(devs []device.USBDevice) string {
	var b strings.Builder
	for _, d := range devs {
		fmt.Fprintf(&b, "%d-%d %04x %q err=%v\n", d.Bus, d.Address, d.ProductID, d.Serial, d.SerialErr != nil)
	}
	return b.String()
}

// TestWindowsList: Apple's phones in an iBoot mode, each once, with the
// serial string from the path, the KIS product ID fixed, and an address
// from the driver key; other vendors and malformed paths are left out.
func TestWindowsList(t *testing.T) {
	sys := loadFakeWinUSB(t, "interfaces.txt")
	s := newWinTestSource(sys)
	if !s.Idle() {
		t.Error("idle before any listing: want true")
	}
	devs, err := s.List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	// Port DFU has no driver key: its address comes from a hash of its path.
	want := "0-4 1227 \"CPID:8010 CPRV:11 CPFM:03 SCEP:01 BDID:0C ECID:000E1D2C3B4A5968 IBFL:1C SRTG:[IBOOT-2696.0.0.1.33]\" err=false\n" +
		"0-8 1280 \"\" err=true\n" +
		"0-13 1281 \"CPID:8015 CPRV:11 CPFM:03 SCEP:01 BDID:0C ECID:001A2B3C4D5E6F70 IBFL:3C SRTG:[IBOOT-3865.0.0.4.7]\" err=false\n" +
		"0-22 1881 \"CPID:8120 BDID:0E ECID:00112233445566AA\" err=false\n"
	got := describe(devs)
	if len(devs) != 5 || !strings.HasPrefix(got, want) || devs[4].ProductID != 0xF014 || devs[4].Address <= 10000 {
		t.Fatalf("listed\n%swant\n%s0-1xxxx f014 ...", got, want)
	}
	if !strings.Contains(devs[1].SerialErr.Error(), "no serial string") {
		t.Errorf("serial error %q", devs[1].SerialErr)
	}
	if s.Idle() {
		t.Error("idle with phones attached: want false")
	}
	if err := s.Notify(context.Background(), func() {}, func() {}); !errors.Is(err, errors.ErrUnsupported) {
		t.Errorf("Notify: %v, want errors.ErrUnsupported (the watcher polls)", err)
	}
	// The same device under a second interface class is listed once.
	sys.add(interfaceClasses["iboot"], `\\?\USB#VID_05AC&PID_1227#CPID:8010_CPRV:11_CPFM:03_SCEP:01_BDID:0C_ECID:000E1D2C3B4A5968_IBFL:1C_SRTG:[IBOOT-2696.0.0.1.33]#{ED82A167-D61A-4AF6-9AB6-11E52236C576}`, "-")
	// A new Source (as live.ExitRecovery makes) gives the same addresses.
	again, err := newWinTestSource(sys).List(context.Background())
	if err != nil || describe(again) != got {
		t.Errorf("a new Source listed\n%s(%v), want\n%s", describe(again), err, got)
	}
}

// TestWindowsIdentity: a phone keeps its address while attached (its driver
// key is read once); a newcomer whose driver key clashes takes the next
// free address; a phone that left is forgotten.
func TestWindowsIdentity(t *testing.T) {
	sys := loadFakeWinUSB(t, "interfaces.txt")
	s := newWinTestSource(sys)
	ctx := context.Background()
	first, _ := s.List(ctx)
	reads := sys.keyReads
	const clash = `\\?\usb#vid_05ac&pid_1281#cpid:8101_bdid:0c_ecid:0000000000000001#{ed82a167-d61a-4af6-9ab6-11e52236c576}`
	sys.add(interfaceClasses["iboot"], clash, `{36fc9e60-c465-11cf-8056-444553540000}\0012`)
	second, _ := s.List(ctx)
	if sys.keyReads != reads+1 {
		t.Errorf("driver keys read %d times on the second listing, want 1 (the newcomer's)", sys.keyReads-reads)
	}
	for _, d := range first {
		if !strings.Contains(describe(second), describe([]device.USBDevice{d})) {
			t.Errorf("%s lost its address:\n%s", describe([]device.USBDevice{d}), describe(second))
		}
	}
	var newcomer device.USBDevice
	for _, d := range second {
		if strings.Contains(d.Serial, "ECID:0000000000000001") {
			newcomer = d
		}
	}
	if newcomer.Address != 14 {
		t.Errorf("newcomer with a clashing driver key at address %d, want 14", newcomer.Address)
	}
	sys.remove(clash)
	third, _ := s.List(ctx)
	if describe(third) != describe(first) {
		t.Errorf("after the newcomer left:\n%swant\n%s", describe(third), describe(first))
	}
	if len(s.win.addrs) != len(first) {
		t.Errorf("%d addresses kept for %d phones", len(s.win.addrs), len(first))
	}
}

// TestWindowsListErrors: one class that cannot be listed costs only its
// phones; when none can be, USB detection is unavailable.
func TestWindowsListErrors(t *testing.T) {
	sys := loadFakeWinUSB(t, "interfaces.txt")
	sys.listErr[interfaceClasses["dfu"]] = errors.New("CONFIGRET 0x1F")
	devs, err := newWinTestSource(sys).List(context.Background())
	if err != nil || len(devs) != 4 {
		t.Fatalf("one class failing: %v\n%s", err, describe(devs))
	}
	for _, g := range interfaceClasses {
		sys.listErr[g] = errors.New("CONFIGRET 0x1F")
	}
	_, err = newWinTestSource(sys).List(context.Background())
	if !errors.Is(err, device.ErrUSBUnavailable) || !strings.Contains(err.Error(), "Apple's driver") {
		t.Fatalf("every class failing: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := newWinTestSource(sys).List(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled listing: %v", err)
	}
}

func TestDriverKeyNumber(t *testing.T) {
	for key, want := range map[string]int{`{36fc9e60-c465-11cf-8056-444553540000}\0012`: 12, `x\0000`: 0, `9999`: 9999, `\001`: -1, `{guid}\00a1`: -1, "": -1} {
		n, ok := driverKeyNumber(key)
		if !ok {
			n = -1
		}
		if n != want {
			t.Errorf("driverKeyNumber(%q) = %d, want %d", key, n, want)
		}
	}
}
