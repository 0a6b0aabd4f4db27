package usbsource

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"unstuck/device"
)

func writeDev(t *testing.T, root, name string, attrs map[string]string) {
	t.Helper()
	dir := filepath.Join(root, "bus", "usb", "devices", name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for k, v := range attrs {
		if err := os.WriteFile(filepath.Join(dir, k), []byte(v), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestReadSysfs(t *testing.T) {
	root := t.TempDir()
	if _, ok := readSysfs(root); ok {
		t.Fatal("missing tree reported as readable")
	}
	writeDev(t, root, "usb1", map[string]string{"idVendor": "1d6b\n", "busnum": "1\n", "devnum": "1\n"})
	writeDev(t, root, "1-1", map[string]string{"idVendor": "046d\n", "idProduct": "c52b\n", "busnum": "1\n", "devnum": "2\n"})
	writeDev(t, root, "1-2", map[string]string{"idVendor": "05ac\n", "idProduct": "1227\n", "busnum": "1\n",
		"devnum": "5\n", "speed": "480\n", "serial": "CPID:8015 ECID:001C2D3E4F5A6B7C\n"})
	writeDev(t, root, "1-2:1.0", map[string]string{"idVendor": "05ac\n"})
	writeDev(t, root, "3-1.4", map[string]string{"idVendor": "05AC\n", "idProduct": "12a8\n", "busnum": "3\n",
		"devnum": "9\n", "speed": "1.5\n", "serial": "bad\x00\xff\x01str\n"})
	writeDev(t, root, "2-1", map[string]string{"idVendor": "05ac\n", "idProduct": "zz\n", "busnum": "2\n", "devnum": "3\n"})
	got, ok := readSysfs(root)
	if !ok {
		t.Fatal("tree not readable")
	}
	want := []device.USBDevice{
		{Bus: 1, Address: 5, Port: "1-2", ProductID: 0x1227, SpeedMbps: 480, Serial: "CPID:8015 ECID:001C2D3E4F5A6B7C"},
		{Bus: 3, Address: 9, Port: "3-1.4", ProductID: 0x12a8, SpeedMbps: 1, Serial: "bad???str"},
	}
	got = merge(got, nil)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestMerge(t *testing.T) {
	sys := []device.USBDevice{{Bus: 1, Address: 5, ProductID: 0x1227, Serial: "S"}}
	lib := []device.USBDevice{
		{Bus: 1, Address: 5, Port: "1-2", ProductID: 0x1227, SpeedMbps: 480},
		{Bus: 1, Address: 3, Port: "1-1", ProductID: 0x1281},
	}
	got := merge(sys, lib)
	want := []device.USBDevice{
		{Bus: 1, Address: 3, Port: "1-1", ProductID: 0x1281},
		{Bus: 1, Address: 5, Port: "1-2", ProductID: 0x1227, SpeedMbps: 480, Serial: "S"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestPIDClasses(t *testing.T) {
	for pid, want := range map[uint16][2]bool{0x1227: {true, false}, 0x1281: {true, false}, 0x1283: {true, false},
		0x1222: {true, false}, 0xF014: {true, false}, 0x12a8: {false, true}, 0x1290: {false, true}, 0x1338: {false, false}} {
		if IsIBootPID(pid) != want[0] || IsNormalPID(pid) != want[1] {
			t.Errorf("%#04x: iboot %v normal %v", pid, IsIBootPID(pid), IsNormalPID(pid))
		}
	}
}
