package watch

import (
	"testing"

	"unstuck/device"
)

func TestJoins(t *testing.T) {
	usb := device.USBDevice{Bus: 1, Address: 4, Serial: "00008101000A1B2C3D4E5F60"}
	for _, c := range []struct {
		name string
		mux  device.MuxDevice
		want bool
	}{
		{"same place", device.MuxDevice{LocationID: 1<<16 | 4}, true},
		{"same UDID, place unknown", device.MuxDevice{UDID: "00008101-000A1B2C3D4E5F60"}, true},
		{"another place and UDID", device.MuxDevice{LocationID: 1<<16 | 5, UDID: "00008101-000A1B2C3D4E5F61"}, false},
		{"nothing known", device.MuxDevice{}, false},
	} {
		if got := joins(c.mux, usb); got != c.want {
			t.Errorf("%s: joins = %v, want %v", c.name, got, c.want)
		}
	}
	if got := joins(device.MuxDevice{}, device.USBDevice{}); got {
		t.Error("a usbmuxd phone with no place joined a USB device at bus 0 address 0")
	}
}

func TestKeys(t *testing.T) {
	u := device.USBDevice{Bus: 2, Address: 7}
	for _, c := range []struct {
		ecid uint64
		udid string
		want string
	}{
		{0x1c2d3e4f5a6b7c, "00008101-000A1B2C3D4E5F60", "ecid:001c2d3e4f5a6b7c"},
		{0, "00008101-000A1B2C3D4E5F60", "udid:00008101000a1b2c3d4e5f60"},
		{0, "", "usb:2-7"},
	} {
		if got := keyFor(c.ecid, c.udid, u); got != c.want {
			t.Errorf("keyFor(%x, %q) = %q, want %q", c.ecid, c.udid, got, c.want)
		}
	}
}
