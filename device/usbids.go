package device

import (
	"bufio"
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"unstuck/assets"
)

// AppleVendorID is Apple's USB vendor ID.
const AppleVendorID = 0x05AC

type productRange struct {
	low, high uint16
	mode      Mode
	usbName   string
}

var productTable = sync.OnceValues(func() ([]productRange, error) {
	raw, err := assets.Data("usb-products.tsv")
	if err != nil {
		return nil, err
	}
	return parseProductTable(raw)
})

func parseProductTable(raw []byte) ([]productRange, error) {
	var out []productRange
	sc := bufio.NewScanner(bytes.NewReader(raw))
	header := false
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if !header {
			header = true
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			return nil, fmt.Errorf("usb-products line %d: %d fields, want 4", n, len(f))
		}
		lo, e1 := strconv.ParseUint(f[0], 0, 16)
		hi, e2 := strconv.ParseUint(f[1], 0, 16)
		if e1 != nil || e2 != nil || lo > hi {
			return nil, fmt.Errorf("usb-products line %d: bad product ID range", n)
		}
		out = append(out, productRange{uint16(lo), uint16(hi), Mode(f[2]), f[3]})
	}
	return out, sc.Err()
}

// ModeOfProductID maps an Apple USB product ID to the mode it means. For the
// normal range (0x1290-0x12AF) it answers ModeNormal: usbmuxd and lockdownd
// then tell normal from restore. ok is false for Apple products that are not
// iPhones in a known mode (keyboards, mice, other tools' PIDs).
func ModeOfProductID(pid uint16) (mode Mode, ok bool) {
	table, err := productTable()
	if err != nil {
		panic("device: embedded usb-products table is broken: " + err.Error())
	}
	for _, r := range table {
		if pid >= r.low && pid <= r.high {
			return r.mode, true
		}
	}
	return "", false
}

// BootloaderMode reports whether the mode is one in which the phone is
// reached over raw USB (DFU, recovery, WTF, port DFU) rather than usbmuxd.
func (m Mode) BootloaderMode() bool {
	switch m {
	case ModeDFU, ModeRecovery, ModeWTF, ModePortDFU:
		return true
	}
	return false
}
