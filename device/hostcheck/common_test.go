package hostcheck

import (
	"strings"
	"testing"
	"time"

	"unstuck/device"
	"unstuck/device/tr"
)

func TestUSBStackFromState(t *testing.T) {
	if c := usbStackCheck(Input{}, "sysfs", tr.Raw("fix")); c.Status != Unknown {
		t.Errorf("no reading: %s", c.Status)
	}
	in := phoneState()
	in.State.USBWatch = device.USBEvents
	if c := usbStackCheck(in, "sysfs", tr.Raw("fix")); c.Status != OK || !strings.Contains(c.Found.String(), "sysfs lists") || !strings.Contains(c.Found.String(), "uevents") {
		t.Errorf("clean state, kernel events: %s %q", c.Status, c.Found.String())
	}
	in.State.USBWatch = device.USBPolled
	if c := usbStackCheck(in, "libusb", tr.Raw("fix")); c.Status != OK || !strings.Contains(c.Found.String(), "libusb lists") || !strings.Contains(c.Found.String(), "every 150 ms") {
		t.Errorf("clean state, polled: %s %q", c.Status, c.Found.String())
	}
	in.State.Host = []device.Condition{{Code: device.CondUSBUnavailable, Message: tr.Raw("libusb: init failed")}}
	if c := usbStackCheck(in, "libusb", tr.Raw("install libusb")); c.Status != Fail || c.Found.String() != "libusb: init failed" || c.Fix.String() != "install libusb" {
		t.Errorf("unavailable: %+v", c)
	}
	in.State.Host = []device.Condition{{Code: device.CondUSBPermission, Message: tr.Raw("no permission for 1-2")}}
	if c := usbStackCheck(in, "sysfs", tr.Raw("x")); c.Status != Warn || !strings.Contains(c.Found.String(), "1-2") || c.Fix.String() == "" {
		t.Errorf("permission: %+v", c)
	}
}

func TestUSBSpeed(t *testing.T) {
	for _, tc := range []struct {
		mbps   int
		status Status
		phrase string
	}{
		{480, OK, "USB 2.0 high speed"},
		{12, Warn, "full speed (12 Mb/s)"},
		{0, OK, "speed not reported"},
		{5000, OK, "SuperSpeed"},
	} {
		c := usbDevicesCheck(phoneState(runningPhone("18.2", tc.mbps)))
		if c.Status != tc.status || !strings.Contains(c.Found.String(), tc.phrase) || !strings.Contains(c.Found.String(), "iPhone 15 in normal mode") {
			t.Errorf("%d Mbit/s: %s %q", tc.mbps, c.Status, c.Found.String())
		}
		if tc.status == Warn && !strings.Contains(c.Fix.String(), "hub") {
			t.Errorf("%d Mbit/s: fix %q does not mention the hub", tc.mbps, c.Fix.String())
		}
	}
	if c := usbDevicesCheck(phoneState()); c.Status != OK || !strings.Contains(c.Found.String(), "No iPhone") {
		t.Errorf("no phone: %+v", c)
	}
	if c := usbDevicesCheck(Input{}); c.Status != Unknown {
		t.Errorf("no reading: %+v", c)
	}
}

func TestCompatTableIsSourced(t *testing.T) {
	table, err := compatTable()
	if err != nil {
		t.Fatal(err)
	}
	if len(table) == 0 {
		t.Fatal("empty table")
	}
	seen := map[int]bool{}
	for _, r := range table {
		if seen[r.IOSMajor] {
			t.Errorf("iOS %d twice", r.IOSMajor)
		}
		seen[r.IOSMajor] = true
		if r.Source == "" {
			t.Errorf("iOS %d without a source", r.IOSMajor)
		}
	}
	if r, ok := compatFor(17); !ok || r.MacOS != "14" || r.MacOSName != "Sonoma" || r.ITunes != "" {
		t.Errorf("iOS 17 row %+v", r)
	}
	if _, ok := compatFor(9); ok {
		t.Error("iOS 9 has no source and must not be in the table")
	}
}

func TestParseCompatRejectsBadRows(t *testing.T) {
	head := "ios_major\tmacos\tmacos_name\titunes\tsource\n"
	for name, body := range map[string]string{
		"letters":   "x\t14\tSonoma\tunknown\ts\n",
		"no source": "17\t14\tSonoma\tunknown\t \n",
		"bad macos": "17\tfourteen\tSonoma\tunknown\ts\n",
		"fields":    "17\t14\tSonoma\n",
	} {
		if _, err := parseCompat([]byte(head + body)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestVersions(t *testing.T) {
	a, _ := parseVersion("10.15.7")
	b, _ := parseVersion("10.15")
	c, _ := parseVersion("11")
	if compareVersions(a, b) != 1 || compareVersions(b, c) != -1 || compareVersions(b, []int{10, 15, 0}) != 0 {
		t.Error("version order wrong")
	}
	for _, bad := range []string{"", "x", "1..2", "-1"} {
		if _, ok := parseVersion(bad); ok {
			t.Errorf("%q parsed", bad)
		}
	}
	if iosMajor("18.2.1") != 18 || iosMajor("") != 0 || iosMajor("beta") != 0 {
		t.Error("iosMajor wrong")
	}
}

func TestSafeTurnsPanicIntoUnknown(t *testing.T) {
	c := safe("x.id", func() Check { panic("boom") })
	if c.ID != "x.id" || c.Status != Unknown || !strings.Contains(c.Found.String(), "boom") {
		t.Errorf("%+v", c)
	}
}

// The USB check follows the phones as they come and go; the others stay.
func TestFollowKeepsTheUSBCheckCurrent(t *testing.T) {
	now := time.Now()
	empty := device.State{Updated: now, Devices: []device.Device{}}
	checks := []Check{{ID: "os", Title: tr.Raw("Operating system"), Status: OK, Found: tr.Raw("Debian")}, usbDevicesCheck(Input{State: empty})}
	slow := device.State{Updated: now, Devices: []device.Device{{Key: "k", Mode: device.ModeNormal, Model: "iPhone X", USB: device.USBInfo{SpeedMbps: 12}}}}
	got, changed := Follow(checks, slow)
	if !changed || got[1].Status != Warn || !strings.Contains(got[1].Found.String(), "iPhone X in normal mode") || got[0] != checks[0] {
		t.Errorf("after a slow phone arrived: %+v (changed %v)", got, changed)
	}
	if checks[1].Status != OK {
		t.Error("Follow changed its input")
	}
	if _, changed := Follow(got, slow); changed {
		t.Error("the same State changed the checks again")
	}
}
