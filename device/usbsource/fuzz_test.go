package usbsource

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"unstuck/device/safeplist/plisttest"
)

// fuzzAttrs are the attributes readSysfsDevice reads, with what a phone in
// DFU mode on bus 1 has there (a real sysfs tree ends each with a newline).
var fuzzAttrs = []struct{ name, real string }{
	{"idVendor", "05ac\n"},
	{"idProduct", "1227\n"},
	{"busnum", "1\n"},
	{"devnum", "5\n"},
	{"speed", "480\n"},
	{"serial", "CPID:8015 CPRV:11 CPFM:03 SCEP:01 BDID:06 ECID:001C2D3E4F5A6B7C IBFL:3C SRTG:[iBoot-3332.0.0.1.23]\n"},
}

// attrHead is what a bounded read of an attribute sees: its first 512
// bytes, without surrounding blanks (readAttr's buffer in readSysfs).
func attrHead(content []byte) []byte {
	return bytes.TrimSpace(content[:min(len(content), 512)])
}

// FuzzSysfsDevice writes arbitrary contents into the attributes of a phone's
// directory in a temporary sysfs tree (bus/usb/devices/1-2, beside a root
// hub and an interface directory) and runs the real reader over the tree.
// One attribute (which picks it) gets Expand's shape, so attributes of
// megabytes are reached; others, split at NUL bytes, replaces the rest in
// order ("-" removes the file). The reader must answer at once, read only
// the head of each attribute, and list the phone exactly when its vendor is
// Apple's, its product ID is 16-bit hex and its bus (1-255) and address
// (1-127) are ones libusb can name; what it lists is in range.
func FuzzSysfsDevice(f *testing.F) {
	root := f.TempDir()
	devices := filepath.Join(root, "bus", "usb", "devices")
	phone := filepath.Join(devices, "1-2")
	for dir, vendor := range map[string]string{phone: "05ac\n", filepath.Join(devices, "usb1"): "1d6b\n", filepath.Join(devices, "1-2:1.0"): "05ac\n"} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			f.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "idVendor"), []byte(vendor), 0o644); err != nil {
			f.Fatal(err)
		}
	}
	for i, a := range fuzzAttrs {
		f.Add(uint8(i), []byte(nil), []byte(a.real), []byte(nil), uint16(0), []byte(nil))
	}
	f.Add(uint8(1), []byte("05ac\n\x00\x001\n\x005\n\x00480\n"), []byte("12a8\n"), []byte(nil), uint16(0), []byte(nil))
	f.Add(uint8(4), []byte("05AC\n\x001281\n\x003\n\x009\n"), []byte("1.5\n"), []byte(nil), uint16(0), []byte(nil))
	f.Add(uint8(4), []byte(nil), []byte("NaN\n"), []byte(nil), uint16(0), []byte(nil))
	f.Add(uint8(2), []byte("05ac\x001227\x00-\x00-\x00-\x00-"), []byte("300\n"), []byte(nil), uint16(0), []byte(nil))
	f.Add(uint8(3), []byte(nil), []byte("128\n"), []byte(nil), uint16(0), []byte(nil))
	f.Add(uint8(5), []byte(nil), []byte("bad\x00\xff\x01str\n"), []byte(nil), uint16(0), []byte(nil))
	// A serial string of 4 MB, and an idVendor whose head is right but that
	// goes on for 3 MB of blanks: only the head may be read.
	f.Add(uint8(5), []byte(nil), []byte("CPID:8015 "), bytes.Repeat([]byte("ECID:001C2D3E4F5A6B7C "), 4), uint16(50_000), []byte("\n"))
	f.Add(uint8(0), []byte(nil), []byte("05ac"), bytes.Repeat([]byte(" "), 64), uint16(50_000), []byte("\n"))
	f.Fuzz(func(t *testing.T, which uint8, others, prefix, unit []byte, repeat uint16, suffix []byte) {
		contents := make([][]byte, len(fuzzAttrs))
		parts := bytes.Split(others, []byte{0})
		for i, a := range fuzzAttrs {
			contents[i] = []byte(a.real)
			if len(others) > 0 && i < len(parts) {
				contents[i] = parts[i]
				if string(parts[i]) == "-" {
					contents[i] = nil
				}
			}
		}
		big := int(which) % len(fuzzAttrs)
		contents[big] = plisttest.Expand(prefix, unit, uint32(repeat), suffix)
		for i, a := range fuzzAttrs {
			path := filepath.Join(phone, a.name)
			if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
			if contents[i] == nil {
				continue
			}
			if err := os.WriteFile(path, contents[i], 0o644); err != nil {
				t.Fatal(err)
			}
		}

		defer plisttest.Watchdog(plisttest.HangLimit, contents[big])()
		devs, ok := readSysfs(root)
		if !ok {
			t.Fatal("the tree is not readable")
		}
		if len(devs) > 1 {
			t.Fatalf("%d devices from one phone directory: %+v", len(devs), devs)
		}

		head := func(i int) []byte {
			if contents[i] == nil {
				return nil
			}
			return attrHead(contents[i])
		}
		pid, pidErr := strconv.ParseUint(string(head(1)), 16, 16)
		bus, busErr := strconv.Atoi(string(head(2)))
		addr, addrErr := strconv.Atoi(string(head(3)))
		want := contents[0] != nil && strings.EqualFold(string(head(0)), "05ac") && contents[1] != nil && pidErr == nil &&
			contents[2] != nil && busErr == nil && bus >= 1 && bus <= 255 &&
			contents[3] != nil && addrErr == nil && addr >= 1 && addr <= 127
		if want != (len(devs) == 1) {
			t.Fatalf("listed %+v; want the phone listed: %v (heads %q)", devs, want, [][]byte{head(0), head(1), head(2), head(3)})
		}
		if !want {
			return
		}
		d := devs[0]
		if d.Port != "1-2" || d.ProductID != uint16(pid) || d.Bus != bus || d.Address != addr {
			t.Fatalf("device %+v from heads %q", d, [][]byte{head(1), head(2), head(3)})
		}
		if d.SpeedMbps < 0 || d.SpeedMbps > 1_000_000 {
			t.Fatalf("speed %d Mb/s from %q", d.SpeedMbps, head(4))
		}
		if s, err := strconv.ParseFloat(string(head(4)), 64); err == nil && s >= 1 && s <= 1_000_000 && d.SpeedMbps != int(s) {
			t.Fatalf("speed %d Mb/s from %q", d.SpeedMbps, head(4))
		}
		checkSerial(t, d.Serial, head(5))
	})
}

// checkSerial: a serial string to show is valid UTF-8 of at most 255 bytes
// without control characters, and printable ASCII comes through as it is.
func checkSerial(t *testing.T, got string, raw []byte) {
	t.Helper()
	if len(got) > 255 || !utf8.ValidString(got) || strings.ContainsFunc(got, func(r rune) bool { return r < 0x20 || r == 0x7F }) {
		t.Fatalf("serial %q from %q", got, raw)
	}
	printable := !bytes.ContainsFunc(raw, func(r rune) bool { return r < 0x20 || r >= 0x7F })
	if printable && got != string(raw[:min(len(raw), 255)]) {
		t.Fatalf("serial %q from printable %q", got, raw)
	}
}
