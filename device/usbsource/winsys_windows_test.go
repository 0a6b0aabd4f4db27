package usbsource

import (
	"context"
	"testing"
	"time"
)

// guidHID is GUID_DEVINTERFACE_HID: Wine has virtual HID devices, most
// Windows PCs real ones.
const guidHID = "{4D1E55B2-F16F-11CF-88CB-001111000030}"

// TestSystemLayerWithoutPhone: on a Windows with no phone (or under Wine)
// the real system layer answers with empty lists and errors, never a
// panic or a hang. What it answers with a phone attached only a real PC
// can show (WINDOWS.md).
func TestSystemLayerWithoutPhone(t *testing.T) {
	sys := platformWinUSB()
	for _, c := range appleInterfaces {
		paths, err := sys.InterfacePaths(c.guid)
		t.Logf("%s: %d interfaces, %v", c.name, len(paths), err)
	}
	if _, err := sys.InterfacePaths("not a GUID"); err == nil {
		t.Error("a malformed GUID was listed")
	}
	if key, err := sys.DriverKey(winRecoveryPath); err == nil {
		t.Errorf("driver key %q of a phone that is not there", key)
	}
	h, err := sys.Open(winRecoveryPath)
	if err == nil {
		h.Close()
		t.Fatal("opened a phone that is not there")
	}
	t.Logf("open: %v", err)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if devs, err := New(Options{}).List(ctx); err != nil || len(devs) != 0 {
		t.Errorf("list: %v, %v", devs, err)
	}
}

// TestSystemLayerOtherDevices: the enumeration, the driver key (numbered as
// libirecovery expects, `{class}\0003`) and the overlapped request work on
// the devices there are (HID): the request is one a HID device does not
// know, which must fail within its timeout.
func TestSystemLayerOtherDevices(t *testing.T) {
	sys := platformWinUSB()
	paths, err := sys.InterfacePaths(guidHID)
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Skip("no HID device here")
	}
	for _, p := range paths {
		key, err := sys.DriverKey(p)
		if _, ok := driverKeyNumber(key); err != nil || !ok {
			t.Errorf("%s: driver key %q, %v", p, key, err)
		}
	}
	h, err := sys.Open(paths[0])
	if err != nil {
		t.Skipf("cannot open %s: %v", paths[0], err)
	}
	defer h.Close()
	start := time.Now()
	n, err := h.Control(context.Background(), setupPacket(0x40, 0, 0, 0, 7), []byte("reboot\x00"), 300*time.Millisecond)
	t.Logf("control: %d, %v after %v", n, err, time.Since(start))
	if time.Since(start) > 3*time.Second {
		t.Error("the request outlived its timeout")
	}
}
