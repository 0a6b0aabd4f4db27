package usbsource

import (
	"bytes"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"unstuck/device"
	"unstuck/device/filekind"
)

// readSysfs lists Apple devices from <root>/bus/usb/devices (Linux). ok is
// false when that directory cannot be read (no sysfs, not Linux). The
// kernel caches each device's strings there, so the iBoot serial of a DFU
// or recovery phone is known without opening it. Pure Go: it works on any
// OS given a tree in the same layout.
func readSysfs(root string) (devs []device.USBDevice, ok bool) {
	dir := filepath.Join(root, "bus", "usb", "devices")
	f, err := os.Open(dir)
	if err != nil {
		return nil, false
	}
	names, err := f.Readdirnames(-1)
	f.Close()
	if err != nil {
		return nil, false
	}
	var buf [512]byte
	for _, name := range names {
		// Skip interfaces ("1-2:1.0") and root hubs ("usb1").
		if strings.IndexByte(name, ':') >= 0 || strings.HasPrefix(name, "usb") {
			continue
		}
		d, ok := readSysfsDevice(filepath.Join(dir, name), name, buf[:])
		if ok {
			devs = append(devs, d)
		}
	}
	return devs, true
}

// readSysfsDevice reads one device directory; ok is false for non-Apple or
// unreadable devices, and for a bus or address out of USB's range.
func readSysfsDevice(dir, name string, buf []byte) (d device.USBDevice, ok bool) {
	vid, err := readAttr(dir, "idVendor", buf)
	if err != nil || !bytes.EqualFold(vid, []byte("05ac")) {
		return d, false
	}
	pid, err := readAttr(dir, "idProduct", buf)
	if err != nil {
		return d, false
	}
	p, err := strconv.ParseUint(string(pid), 16, 16)
	if err != nil {
		return d, false
	}
	d.ProductID = uint16(p)
	d.Port = name
	if b, err := readAttr(dir, "busnum", buf); err == nil {
		d.Bus, _ = strconv.Atoi(string(b))
	}
	if b, err := readAttr(dir, "devnum", buf); err == nil {
		d.Address, _ = strconv.Atoi(string(b))
	}
	if b, err := readAttr(dir, "speed", buf); err == nil {
		d.SpeedMbps = parseSpeed(string(b))
	}
	if b, err := readAttr(dir, "serial", buf); err == nil {
		d.Serial = cleanSerial(b)
	}
	// libusb names a device by an 8-bit bus number and a 7-bit USB address:
	// anything else is not a device it could open, whatever the file says.
	return d, d.Bus >= 1 && d.Bus <= 255 && d.Address >= 1 && d.Address <= 127
}

// readAttr reads a small sysfs attribute into buf (at most len(buf) bytes),
// without the trailing newline and surrounding blanks. Only a regular file
// is read: a named pipe there would block the reader.
func readAttr(dir, name string, buf []byte) ([]byte, error) {
	f, _, err := filekind.OpenRegular(filepath.Join(dir, name))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	n, err := io.ReadFull(f, buf)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return nil, err
	}
	return bytes.TrimSpace(buf[:n]), nil
}

// parseSpeed turns sysfs "speed" ("1.5", "12", "480", "5000", …) into whole
// Mb/s (1.5 becomes 1).
func parseSpeed(s string) int {
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || !(f > 0 && f <= 1e6) { // NaN too
		return 0
	}
	return int(math.Floor(f))
}

// cleanSerial makes a serial string safe to show and parse: invalid UTF-8
// and control characters become '?', and it is cut at 255 bytes.
func cleanSerial(b []byte) string {
	if len(b) > 255 {
		b = b[:255]
	}
	s := strings.ToValidUTF8(string(b), "?")
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7F {
			return '?'
		}
		return r
	}, s)
}
