package device

import (
	"strconv"
	"strings"
)

// UDIDInfo is what a UDID reveals on its own.
type UDIDInfo struct {
	UDID string // in usbmuxd's form: 00008140-001C396E1E13001C, or 40 hex digits
	CPID uint32 // A12 and later only (the UDID is CPID-ECID)
	ECID uint64 // A12 and later only
}

// ParseUDID recognises the two UDID forms: 40 hex digits (before the A12) and
// %08X-%016X of CPID and ECID (A12 and later, with or without the dash, as
// the USB serial carries it without).
func ParseUDID(s string) (UDIDInfo, bool) {
	s = strings.TrimSpace(s)
	switch {
	case len(s) == 40 && isHex(s):
		return UDIDInfo{UDID: strings.ToLower(s)}, true
	case len(s) == 25 && s[8] == '-' && isHex(s[:8]) && isHex(s[9:]):
		return newStyleUDID(s[:8], s[9:])
	case len(s) == 24 && isHex(s):
		return newStyleUDID(s[:8], s[8:])
	}
	return UDIDInfo{}, false
}

func newStyleUDID(cpidHex, ecidHex string) (UDIDInfo, bool) {
	cpid, err1 := strconv.ParseUint(cpidHex, 16, 32)
	ecid, err2 := strconv.ParseUint(ecidHex, 16, 64)
	if err1 != nil || err2 != nil || cpid == 0 || cpid > 0xFFFF || ecid == 0 {
		return UDIDInfo{}, false
	}
	return UDIDInfo{
		UDID: strings.ToUpper(cpidHex + "-" + ecidHex),
		CPID: uint32(cpid), ECID: ecid,
	}, true
}

// SameUDID compares a usbmuxd UDID with a USB serial (which lacks the dash).
func SameUDID(a, b string) bool {
	norm := func(s string) string { return strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), "-", "")) }
	return a != "" && b != "" && norm(a) == norm(b)
}

func isHex(s string) bool {
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f' || r >= 'A' && r <= 'F') {
			return false
		}
	}
	return s != ""
}
