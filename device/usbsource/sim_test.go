//go:build linux && cgo

package usbsource

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"unstuck/device"
	"unstuck/device/fixture"
	"unstuck/device/iboot"
	"unstuck/device/usbsim"
)

var preloadErr error

func TestMain(m *testing.M) {
	preloadErr = usbsim.ReexecUnderPreload()
	os.Exit(m.Run())
}

const (
	dfuSerial = fixture.DFUSerial
	recSerial = fixture.RecoverySerial
)

var recNonce = "NONC:" + strings.Repeat("5C80FEFA", 8) + " SNON:" + strings.Repeat("0A1B2C3D", 5)

func dfuPhone() usbsim.Phone { return usbsim.Phone{Mode: device.ModeDFU, Serial: dfuSerial} }
func recPhone() usbsim.Phone {
	return usbsim.Phone{Mode: device.ModeRecovery, PID: 0x1281, Serial: recSerial, Nonce: recNonce}
}

// bed is a testbed plus three sources over it: merged (sysfs + libusb),
// sysfs only and libusb only. The sources are made after the testbed so
// that libusb starts inside it.
type bed struct {
	*usbsim.Testbed
	merged, sysfs, libusb *Source
}

func newBed(t testing.TB) *bed {
	t.Helper()
	if preloadErr != nil {
		t.Skipf("umockdev preload unavailable: %v", preloadErr)
	}
	tb, err := usbsim.NewTestbed()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tb.Close() })
	o := Options{SysfsRoot: tb.Dir() + "/sys", DevRoot: tb.Dir() + "/dev"}
	b := &bed{Testbed: tb, merged: New(o)}
	o.DisableLibusb = true
	b.sysfs = New(o)
	o.DisableLibusb, o.DisableSysfs = false, true
	b.libusb = New(o)
	t.Cleanup(func() {
		for _, s := range []*Source{b.merged, b.sysfs, b.libusb} {
			if err := s.Close(); err != nil {
				t.Errorf("Close: %v", err)
			}
		}
	})
	return b
}

func (b *bed) add(t testing.TB, p usbsim.Phone) *usbsim.Device {
	t.Helper()
	d, err := b.Add(p)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func list(t testing.TB, s *Source) []device.USBDevice {
	t.Helper()
	devs, err := s.List(context.Background())
	if err != nil {
		t.Fatalf("List: %v", err)
	}
	return devs
}

// eventually polls List until check passes (libusb sees hotplug through its
// own event thread, a moment after sysfs).
func eventually(t *testing.T, name string, s *Source, check func([]device.USBDevice) error) []device.USBDevice {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		devs := list(t, s)
		err := check(devs)
		if err == nil {
			return devs
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: %v (devices %+v)", name, err, devs)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func pids(want ...uint16) func([]device.USBDevice) error {
	return func(devs []device.USBDevice) error {
		if len(devs) != len(want) {
			return fmt.Errorf("got %d devices, want %d", len(devs), len(want))
		}
		for i, d := range devs {
			if d.ProductID != want[i] {
				return fmt.Errorf("device %d has PID %#04x, want %#04x", i, d.ProductID, want[i])
			}
		}
		return nil
	}
}

func checkDevice(t *testing.T, src string, got device.USBDevice, want usbsim.Phone) {
	t.Helper()
	if got.Bus != want.Bus || got.Address != want.Address || got.ProductID != want.PID ||
		got.Serial != want.Serial || got.SerialErr != nil || got.SpeedMbps != 480 ||
		got.Port != fmt.Sprintf("%d-%s", want.Bus, want.Port) {
		t.Errorf("%s: got %+v, want bus %d addr %d port %s pid %#04x serial %q",
			src, got, want.Bus, want.Address, want.Port, want.PID, want.Serial)
	}
}

func TestListDFUAndRecovery(t *testing.T) {
	b := newBed(t)
	dfu := b.add(t, dfuPhone())
	rec := b.add(t, recPhone())
	for name, s := range map[string]*Source{"merged": b.merged, "sysfs": b.sysfs, "libusb": b.libusb} {
		devs := eventually(t, name, s, pids(0x1227, 0x1281))
		checkDevice(t, name, devs[0], dfu.Phone())
		checkDevice(t, name, devs[1], rec.Phone())
	}
	// The libusb-only source had to open both to read the serials; the
	// merged one took them from sysfs. Each was opened exactly once.
	for _, d := range []*usbsim.Device{dfu, rec} {
		if n := strings.Count(strings.Join(d.Ioctls(), " "), "open"); n != 1 {
			t.Errorf("%s opened %d times (%v)", d.DevNode(), n, d.Ioctls())
		}
	}
	list(t, b.libusb) // cached: no further opens
	if n := strings.Count(strings.Join(dfu.Ioctls(), " "), "open"); n != 1 {
		t.Errorf("serial cache missed: opened %d times", n)
	}
}

// irecoveryQuery runs Debian's irecovery -q against the testbed.
func irecoveryQuery(t *testing.T, b *bed) map[string]string {
	t.Helper()
	cmd := exec.Command("irecovery", "-q")
	cmd.Env = append(os.Environ(), b.Env()...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("irecovery -q: %v\n%s", err, out)
	}
	m := map[string]string{}
	for _, line := range strings.Split(string(out), "\n") {
		if k, v, ok := strings.Cut(line, ": "); ok {
			m[k] = strings.TrimSpace(v)
		}
	}
	return m
}

func hexVal(t *testing.T, s string) uint64 {
	t.Helper()
	v, err := strconv.ParseUint(strings.TrimPrefix(s, "0x"), 16, 64)
	if err != nil {
		t.Fatalf("irecovery value %q: %v", s, err)
	}
	return v
}

func TestMatchesIrecovery(t *testing.T) {
	if _, err := exec.LookPath("irecovery"); err != nil {
		t.Skip("irecovery not installed")
	}
	for _, tc := range []struct {
		phone usbsim.Phone
		mode  string
	}{{dfuPhone(), "DFU"}, {recPhone(), "Recovery"}} {
		t.Run(tc.mode, func(t *testing.T) {
			b := newBed(t) // one device per irecovery run: 1.0.0 fails with two
			d := b.add(t, tc.phone)
			for name, s := range map[string]*Source{"merged": b.merged, "sysfs": b.sysfs, "libusb": b.libusb} {
				devs := eventually(t, name, s, pids(d.Phone().PID))
				info := iboot.Parse(devs[0].Serial)
				q := irecoveryQuery(t, b)
				mode := map[bool]string{true: "DFU", false: "Recovery"}[devs[0].ProductID == 0x1227]
				if q["MODE"] != tc.mode || mode != tc.mode {
					t.Errorf("%s: mode %s, irecovery %q", name, mode, q["MODE"])
				}
				if !info.HasCPID || uint64(info.CPID) != hexVal(t, q["CPID"]) ||
					!info.HasBDID || uint64(info.BDID) != hexVal(t, q["BDID"]) ||
					!info.HasECID || info.ECID != hexVal(t, q["ECID"]) {
					t.Errorf("%s: parsed %+v, irecovery %v", name, info, q)
				}
				if tc.mode == "Recovery" && (q["SRNM"] != info.SRNM || q["IMEI"] != info.IMEI) {
					t.Errorf("%s: SRNM/IMEI %q/%q, irecovery %q/%q", name, info.SRNM, info.IMEI, q["SRNM"], q["IMEI"])
				}
			}
		})
	}
}

func TestHotplug(t *testing.T) {
	b := newBed(t)
	both := func(name string, check func([]device.USBDevice) error) {
		t.Helper()
		eventually(t, name+" (merged)", b.merged, check)
		eventually(t, name+" (libusb)", b.libusb, check)
	}
	both("empty", pids())
	dfu := b.add(t, dfuPhone())
	both("DFU", pids(0x1227))
	b.Remove(dfu)
	both("DFU removed", pids())
	rec := b.add(t, recPhone())
	both("recovery", pids(0x1281))
	devs := list(t, b.libusb)
	if a, c := iboot.Parse(devs[0].Serial), iboot.Parse(dfuSerial); !a.HasECID || a.ECID != c.ECID {
		t.Errorf("ECID changed across DFU -> recovery: %+v", devs[0])
	}
	b.Remove(rec)
	both("recovery removed", pids())
	udid := "00008015001C2D3E4F5A6B7C"
	normal := b.add(t, usbsim.Phone{Mode: device.ModeNormal, PID: 0x12a8, Serial: udid})
	both("normal", pids(0x12a8))
	if d := list(t, b.merged)[0]; d.Serial != udid || d.SerialErr != nil {
		t.Errorf("normal-mode serial from sysfs: %+v", d)
	}
	if d := list(t, b.libusb)[0]; d.Serial != "" || d.SerialErr != nil {
		t.Errorf("normal-mode device must not be opened: %+v", d)
	}
	if io := normal.Ioctls(); len(io) != 0 {
		t.Errorf("normal-mode device was opened: %v", io)
	}
}

func TestPermissionDenied(t *testing.T) {
	b := newBed(t)
	p := dfuPhone()
	p.DenyOpen = true
	b.add(t, p)
	q := recPhone()
	q.DenyOpen, q.NoSysfsSerial = true, true
	b.add(t, q)

	devs := eventually(t, "libusb", b.libusb, pids(0x1227, 0x1281))
	for _, d := range devs {
		if d.Serial != "" || !errors.Is(d.SerialErr, device.ErrUSBPermission) {
			t.Errorf("want a permission error, got %+v", d)
		}
	}
	// sysfs still identifies the DFU phone; the recovery one (no cached
	// serial) keeps its PID and the permission error.
	devs = eventually(t, "merged", b.merged, pids(0x1227, 0x1281))
	if devs[0].Serial != dfuSerial || devs[0].SerialErr != nil {
		t.Errorf("sysfs serial: %+v", devs[0])
	}
	if devs[1].Serial != "" || !errors.Is(devs[1].SerialErr, device.ErrUSBPermission) {
		t.Errorf("want a permission error, got %+v", devs[1])
	}
}

func TestSerialOverUSBWhenSysfsLacksIt(t *testing.T) {
	b := newBed(t)
	p := dfuPhone()
	p.NoSysfsSerial = true
	d := b.add(t, p)
	devs := eventually(t, "merged", b.merged, pids(0x1227))
	checkDevice(t, "merged", devs[0], d.Phone())
	if devs := list(t, b.sysfs); devs[0].Serial != "" || devs[0].SerialErr == nil {
		t.Errorf("sysfs only: want an explained missing serial, got %+v", devs[0])
	}
}

func TestGarbageSerial(t *testing.T) {
	b := newBed(t)
	garbage := "\xff\xfe CPID:zz ECID:[[[ \x01\x7f SRTG:[iBoot-" + strings.Repeat("\u00e9\U0001F600", 60)
	p := dfuPhone()
	p.Serial = garbage
	b.add(t, p)
	q := recPhone()
	q.Serial, q.NoSysfsSerial = garbage, true
	b.add(t, q)
	for name, s := range map[string]*Source{"merged": b.merged, "sysfs": b.sysfs, "libusb": b.libusb} {
		devs := eventually(t, name, s, func(devs []device.USBDevice) error {
			if len(devs) != 2 {
				return fmt.Errorf("%d devices", len(devs))
			}
			return nil
		})
		for _, d := range devs {
			if !utf8.ValidString(d.Serial) || strings.ContainsAny(d.Serial, "\x01\x7f\n") {
				t.Errorf("%s: unclean serial %q", name, d.Serial)
			}
			if info := iboot.Parse(d.Serial); info.HasCPID || info.HasECID {
				t.Errorf("%s: garbage parsed as %+v", name, info)
			}
		}
	}
}

func TestNoUSBBus(t *testing.T) {
	empty := t.TempDir()
	s := New(Options{SysfsRoot: empty, DevRoot: empty, DisableLibusb: true})
	defer s.Close()
	if _, err := s.List(context.Background()); !errors.Is(err, device.ErrUSBUnavailable) ||
		!strings.Contains(err.Error(), "no USB bus") {
		t.Fatalf("want ErrUSBUnavailable (no USB bus), got %v", err)
	}
	// With libusb the answer depends on the machine: real buses list hubs.
	l := New(Options{SysfsRoot: empty, DevRoot: empty})
	defer l.Close()
	if _, err := l.List(context.Background()); err != nil && !errors.Is(err, device.ErrUSBUnavailable) {
		t.Fatalf("unexpected error %v", err)
	}
}

func BenchmarkList(b *testing.B) {
	bd := newBed(b)
	bd.add(b, dfuPhone())
	bd.add(b, recPhone())
	bd.add(b, usbsim.Phone{Mode: device.ModeNormal, Serial: "00008015001C2D3E4F5A6B7C"})
	for _, bc := range []struct {
		name string
		s    *Source
	}{{"merged", bd.merged}, {"sysfs", bd.sysfs}, {"libusb", bd.libusb}} {
		b.Run(bc.name, func(b *testing.B) {
			if n := len(list(b, bc.s)); n != 3 {
				b.Fatalf("%d devices", n)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := bc.s.List(context.Background()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestLibusbOnlyWhenNeeded: with sysfs, listing never starts libusb; a
// serial string sysfs lacks starts it once for the read, and it is closed
// again right after (gousb's event goroutine would otherwise wake every
// 100 ms for as long as the program runs).
func TestLibusbOnlyWhenNeeded(t *testing.T) {
	b := newBed(t)
	b.add(t, dfuPhone())
	b.add(t, usbsim.Phone{Mode: device.ModeNormal, PID: 0x12a8, Serial: "00008015001C2D3E4F5A6B7C"})
	for range 3 {
		eventually(t, "listed", b.merged, pids(0x1227, 0x12a8))
	}
	if n, open := b.merged.lib.opened, b.merged.libusbOpen(); n != 0 || open {
		t.Fatalf("sysfs had everything, yet libusb was started %d times (open now: %v)", n, open)
	}
	p := recPhone()
	p.NoSysfsSerial = true
	rec := b.add(t, p)
	devs := eventually(t, "recovery", b.merged, pids(0x1227, 0x12a8, 0x1281))
	checkDevice(t, "merged", devs[2], rec.Phone())
	for range 3 {
		list(t, b.merged) // the serial is remembered: no second opening
	}
	if n, open := b.merged.lib.opened, b.merged.libusbOpen(); n != 1 || open {
		t.Fatalf("libusb started %d times for one serial read (want 1), open after the read: %v", n, open)
	}
	if !b.merged.Idle() {
		t.Error("nothing is held open, yet the source is not idle")
	}
	if err := b.merged.SendIBootCommands(context.Background(), rec.Phone().Bus, rec.Phone().Address, "setenv auto-boot true"); err != nil {
		t.Fatal(err)
	}
	if n, open := b.merged.lib.opened, b.merged.libusbOpen(); n != 2 || open {
		t.Fatalf("after an action: libusb started %d times (want 2), still open: %v", n, open)
	}
}

// TestLibusbKeptWhileIBootPhoneWithoutSysfs: where libusb is the listing
// (no sysfs, as on macOS), its context stays open while a phone in an
// iBoot mode is attached, and is closed once it leaves.
func TestLibusbKeptWhileIBootPhoneWithoutSysfs(t *testing.T) {
	b := newBed(t)
	eventually(t, "empty", b.libusb, pids())
	if b.libusb.libusbOpen() || !b.libusb.Idle() {
		t.Fatal("libusb kept open with nothing attached")
	}
	dfu := b.add(t, dfuPhone())
	eventually(t, "DFU", b.libusb, pids(0x1227))
	if !b.libusb.libusbOpen() || b.libusb.Idle() {
		t.Fatal("libusb closed while a DFU phone is attached")
	}
	b.Remove(dfu)
	eventually(t, "gone", b.libusb, pids())
	if b.libusb.libusbOpen() {
		t.Fatal("libusb still open after the DFU phone left")
	}
}
