//go:build linux && cgo

package usbsim

import (
	"bufio"
	"encoding/hex"
	"fmt"
	"path"
	"strconv"
	"strings"
	"unicode/utf16"

	"unstuck/device"
)

// Phone describes one emulated Apple device. Zero fields take defaults from
// the mode (PID, strings, descriptors), bus 1 and the next free address.
type Phone struct {
	Mode    device.Mode // ModeDFU, ModeRecovery, ModeNormal, ModePortDFU or ModeWTF
	Bus     int         // default 1
	Address int         // default: next free address on the bus, from 2
	Port    string      // sysfs port after "bus-", e.g. "2" or "1.3"; default the address
	PID     uint16      // default from Mode
	// Serial is the iSerialNumber string (the iBoot string, or the UDID
	// without dash in normal mode). Nonce, when set, is string descriptor 1
	// ("NONC:… SNON:…") in DFU and recovery.
	Serial, Nonce         string
	Manufacturer, Product string // default "Apple Inc." and the mode's product name
	SpeedMbps             int    // sysfs speed; default 480
	// NoSysfsSerial leaves out the sysfs serial attribute, as when the
	// kernel could not read it: only a control transfer then finds it.
	NoSysfsSerial bool
	// DenyOpen makes opening the device node fail with EACCES, like a
	// device this user has no permission for (even when running as root).
	DenyOpen bool
	// Descriptors, when set, replaces the generated device + configuration
	// descriptors (raw bytes, as in sysfs "descriptors").
	Descriptors []byte
}

// Configuration descriptors (after the 18-byte device descriptor) as real
// phones report them; see testdata/*.umockdev.
var configs = map[device.Mode]string{
	device.ModeDFU:      "0902120001010080FA0904000000FE010000",
	device.ModeRecovery: "0902320002010080FA0904000000FFFD00000904010000FFFD00000904010102FFFD00000705040200020007058502000200",
	device.ModeNormal:   "0902320003010080FA0904000000060101000904010000FFFE02000904020002FFFD01000705040200020007058502000200",
}

func (p *Phone) setDefaults() error {
	if p.Mode == "" && p.PID != 0 {
		p.Mode = modeOf(p.PID)
	}
	pid, product := uint16(0), ""
	switch p.Mode {
	case device.ModeDFU:
		pid, product = 0x1227, "Apple Mobile Device (DFU Mode)"
	case device.ModeRecovery:
		pid, product = 0x1281, "Apple Mobile Device (Recovery Mode)"
	case device.ModeNormal:
		pid, product = 0x12a8, "iPhone"
	case device.ModePortDFU:
		pid, product = 0xF014, "Apple Device (Port DFU Mode)"
	case device.ModeWTF:
		pid, product = 0x1222, "Apple Mobile Device (WTF Mode)"
	default:
		return fmt.Errorf("usbsim: unsupported mode %q", p.Mode)
	}
	if p.PID == 0 {
		p.PID = pid
	}
	if p.Product == "" {
		p.Product = product
	}
	if p.Manufacturer == "" {
		p.Manufacturer = "Apple Inc."
	}
	if p.Bus == 0 {
		p.Bus = 1
	}
	if p.SpeedMbps == 0 {
		p.SpeedMbps = 480
	}
	if p.Port == "" {
		p.Port = strconv.Itoa(p.Address)
	}
	if p.Descriptors == nil {
		cfg, ok := configs[p.Mode]
		if !ok {
			cfg = configs[device.ModeDFU]
		}
		c, _ := hex.DecodeString(cfg)
		p.Descriptors = append(p.deviceDescriptor(), c...)
	}
	if len(p.Descriptors) < 18+9 {
		return fmt.Errorf("usbsim: descriptors too short (%d bytes)", len(p.Descriptors))
	}
	return nil
}

func modeOf(pid uint16) device.Mode {
	switch {
	case pid == 0x1227:
		return device.ModeDFU
	case pid >= 0x1280 && pid <= 0x1283:
		return device.ModeRecovery
	case pid == 0xF014:
		return device.ModePortDFU
	case pid == 0x1222:
		return device.ModeWTF
	}
	return device.ModeNormal
}

// deviceDescriptor builds the 18-byte device descriptor. Normal mode uses
// string indices 1/2/3, the boot ROM and iBoot use 2/3/4.
func (p *Phone) deviceDescriptor() []byte {
	iMfr, iProd, iSer := byte(2), byte(3), byte(4)
	if p.Mode == device.ModeNormal {
		iMfr, iProd, iSer = 1, 2, 3
	}
	return []byte{18, 1, 0x00, 0x02, 0, 0, 0, 64, 0xAC, 0x05,
		byte(p.PID), byte(p.PID >> 8), 0, 0, iMfr, iProd, iSer, 1}
}

// strings maps string descriptor indices to their text.
func (p *Phone) strings() map[int]string {
	d := p.Descriptors
	m := map[int]string{}
	if p.Nonce != "" {
		m[1] = p.Nonce
	}
	for i, s := range map[int]string{int(d[14]): p.Manufacturer, int(d[15]): p.Product, int(d[16]): p.Serial} {
		if i != 0 {
			m[i] = s
		}
	}
	return m
}

// stringDescriptor encodes s as a USB string descriptor (UTF-16LE, at most
// 126 code units).
func stringDescriptor(s string) []byte {
	u := utf16.Encode([]rune(s))
	if len(u) > 126 {
		u = u[:126]
	}
	b := make([]byte, 2, 2+2*len(u))
	b[0], b[1] = byte(2+2*len(u)), 3
	for _, c := range u {
		b = append(b, byte(c), byte(c>>8))
	}
	return b
}

// SysPath is the device's sysfs path inside the testbed, e.g.
// /sys/devices/pci0000:00/0000:00:14.0/usb1/1-2.
func (p Phone) SysPath() string {
	return fmt.Sprintf("/sys/devices/pci0000:00/0000:00:14.0/usb%d/%d-%s", p.Bus, p.Bus, p.Port)
}

// DevNode is the usbfs node, e.g. /dev/bus/usb/001/002.
func (p Phone) DevNode() string {
	return fmt.Sprintf("/dev/bus/usb/%03d/%03d", p.Bus, p.Address)
}

// Description renders the umockdev device description for p (defaults
// filled in).
func (p Phone) Description() (string, error) {
	if err := p.setDefaults(); err != nil {
		return "", err
	}
	if p.Address < 1 || p.Address > 127 || p.Bus < 1 || p.Bus > 255 {
		return "", fmt.Errorf("usbsim: bus %d address %d out of range", p.Bus, p.Address)
	}
	desc := strings.ToUpper(hex.EncodeToString(p.Descriptors))
	minor := (p.Bus-1)*128 + p.Address - 1
	var b strings.Builder
	line := func(f string, a ...any) { fmt.Fprintf(&b, f+"\n", a...) }
	hexAttr := func(name, v string) { line("H: %s=%s", name, hex.EncodeToString([]byte(v+"\n"))) }
	line("P: %s", strings.TrimPrefix(p.SysPath(), "/sys"))
	line("N: %s=%s", strings.TrimPrefix(p.DevNode(), "/dev/"), desc)
	line("E: BUSNUM=%03d", p.Bus)
	line("E: DEVNAME=%s", p.DevNode())
	line("E: DEVNUM=%03d", p.Address)
	line("E: DEVTYPE=usb_device")
	line("E: DRIVER=usb")
	line("E: ID_BUS=usb")
	line("E: ID_MODEL_ID=%04x", p.PID)
	line("E: ID_VENDOR_ID=05ac")
	line("E: MAJOR=189")
	line("E: MINOR=%d", minor)
	line("E: PRODUCT=5ac/%x/0", p.PID)
	line("E: SUBSYSTEM=usb")
	line("E: TYPE=0/0/0")
	line("A: authorized=1")
	line("A: bConfigurationValue=1")
	line("A: bDeviceClass=00")
	line("A: bDeviceProtocol=00")
	line("A: bDeviceSubClass=00")
	line("A: bMaxPacketSize0=64")
	line("A: bNumConfigurations=1")
	line("A: bNumInterfaces=%2d", p.Descriptors[18+4])
	line("A: bcdDevice=%02x%02x", p.Descriptors[13], p.Descriptors[12])
	line("A: busnum=%d", p.Bus)
	line("H: descriptors=%s", desc)
	line("A: dev=189:%d", minor)
	line("A: devnum=%d", p.Address)
	line("A: devpath=%s", p.Port)
	line("A: idProduct=%04x", p.PID)
	line("A: idVendor=05ac")
	hexAttr("manufacturer", p.Manufacturer)
	hexAttr("product", p.Product)
	if !p.NoSysfsSerial {
		hexAttr("serial", p.Serial)
	}
	speed := strconv.Itoa(p.SpeedMbps)
	if p.SpeedMbps == 1 {
		speed = "1.5"
	}
	line("A: speed=%s", speed)
	line("A: version= 2.00")
	return b.String(), nil
}

// ParseDescription reads a single-device umockdev description (such as
// testdata/apple-dfu.umockdev) back into a Phone.
func ParseDescription(text string) (Phone, error) {
	var p Phone
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		kind, rest, ok := strings.Cut(sc.Text(), ": ")
		if !ok {
			continue
		}
		if kind == "P" {
			if _, port, ok := strings.Cut(path.Base(rest), "-"); ok {
				p.Port = port
			}
			continue
		}
		name, val, _ := strings.Cut(rest, "=")
		switch kind + ":" + name {
		case "A:busnum":
			p.Bus, _ = strconv.Atoi(strings.TrimSpace(val))
		case "A:devnum":
			p.Address, _ = strconv.Atoi(strings.TrimSpace(val))
		case "A:idProduct":
			v, err := strconv.ParseUint(strings.TrimSpace(val), 16, 16)
			if err != nil {
				return p, fmt.Errorf("usbsim: bad idProduct %q", val)
			}
			p.PID = uint16(v)
		case "A:serial":
			p.Serial = val
		case "A:manufacturer":
			p.Manufacturer = val
		case "A:product":
			p.Product = val
		case "A:speed":
			f, _ := strconv.ParseFloat(strings.TrimSpace(val), 64)
			p.SpeedMbps = int(f)
		case "H:descriptors":
			b, err := hex.DecodeString(strings.TrimSpace(val))
			if err != nil {
				return p, fmt.Errorf("usbsim: bad descriptors: %v", err)
			}
			p.Descriptors = b
		}
	}
	if p.PID == 0 {
		return p, fmt.Errorf("usbsim: description has no idProduct")
	}
	p.Mode = modeOf(p.PID)
	return p, nil
}
