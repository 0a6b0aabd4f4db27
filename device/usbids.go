package device

import (
	"fmt"
	"slices"
	"strconv"
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
	rows, err := assets.ParseTable("usb-products", raw, 4)
	if err != nil {
		return nil, err
	}
	out := make([]productRange, 0, len(rows))
	for _, r := range rows {
		lo, e1 := strconv.ParseUint(r.Fields[0], 0, 16)
		hi, e2 := strconv.ParseUint(r.Fields[1], 0, 16)
		if e1 != nil || e2 != nil || lo > hi {
			return nil, fmt.Errorf("usb-products line %d: bad product ID range", r.Line)
		}
		m := Mode(r.Fields[2])
		if !slices.Contains(Modes(), m) {
			return nil, fmt.Errorf("usb-products line %d: unknown mode %q", r.Line, m)
		}
		out = append(out, productRange{uint16(lo), uint16(hi), m, r.Fields[3]})
	}
	return out, nil
}

// AppleVID is Apple's USB vendor ID.
const AppleVID = 0x05AC

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
