package iboot

// This file reads the names Windows gives a USB device: a device interface
// path, as Apple's driver's interfaces are listed (libirecovery
// src/libirecovery.c L1276, L1330-1355),
//
//	\\?\usb#vid_05ac&pid_1281#cpid:8015_cprv:11_..._srtg:[iboot-3865.0.0.4.7]#{ed82a167-d61a-4af6-9ab6-11e52236c576}
//
// and a device instance path, as Device Manager shows it,
//
//	USB\VID_05AC&PID_1281\CPID:8015_CPRV:11_..._SRTG:[IBOOT-3865.0.0.4.7]
//
// The third part is the device's USB serial string as Windows keeps it:
// upper-cased, each space replaced by "_"; or, for a device without a
// usable serial string, an ID Windows made up ("5&2c5c1f4c&0&1", with "&",
// which no serial string of a phone has), which is no serial. Whether real paths look exactly
// so is for a Windows PC with a phone to confirm (device/usbsource/WINDOWS.md).

import (
	"strconv"
	"strings"
)

// WindowsPath is what a Windows USB device path says.
type WindowsPath struct {
	VID, PID uint16
	// Serial is the serial string in upper case with its spaces back, ""
	// when the path has none (or only an ID Windows made up).
	Serial string
	// Interface is the interface class GUID in lower case with its braces,
	// "" in an instance path.
	Interface string
}

// FindWindowsPath reads the first Windows USB device path in s, in any
// letter case. ok is false when s holds none.
func FindWindowsPath(s string) (p WindowsPath, ok bool) {
	lower := asciiLower(s)
	for from := 0; ; {
		i := strings.Index(lower[from:], "usb")
		if i < 0 {
			return p, false
		}
		from += i + len("usb")
		if p, ok = parseAt(s[from:], lower[from:]); ok {
			return p, true
		}
	}
}

// parseAt reads a path's rest after "usb": `#vid_xxxx&pid_xxxx#serial#{guid}`
// or `\vid_xxxx&pid_xxxx\serial`. s and lower are the same text.
func parseAt(s, lower string) (p WindowsPath, ok bool) {
	if len(lower) < len("#vid_0000&pid_0000") {
		return p, false
	}
	sep := lower[0]
	if sep != '#' && sep != '\\' || lower[1:5] != "vid_" || lower[9:14] != "&pid_" {
		return p, false
	}
	vid, err1 := strconv.ParseUint(lower[5:9], 16, 16)
	pid, err2 := strconv.ParseUint(lower[14:18], 16, 16)
	if err1 != nil || err2 != nil {
		return p, false
	}
	p.VID, p.PID = uint16(vid), uint16(pid)
	rest, lrest := s[18:], lower[18:]
	if rest == "" || rest[0] != sep {
		// "&mi_00" (one interface of a composite device) or the path's end:
		// no serial string here.
		return p, true
	}
	end := strings.IndexFunc(rest[1:], func(r rune) bool {
		return r == rune(sep) || r == ' ' || r == '\t' || r == '\r' || r == '\n' || r == '"' || r == '\''
	})
	if end < 0 {
		end = len(rest) - 1
	}
	seg, after := rest[1:1+end], lrest[1+end:]
	switch {
	case strings.HasPrefix(seg, "{"):
		after = lrest // no serial: the interface GUID follows the IDs
	case !strings.Contains(seg, "&"):
		p.Serial = strings.ReplaceAll(strings.ToUpper(seg), "_", " ")
	}
	if sep == '#' && strings.HasPrefix(after, "#{") {
		if j := strings.IndexByte(after, '}'); j > 0 {
			p.Interface = after[1 : j+1]
		}
	}
	return p, true
}

// asciiLower lower-cases A-Z only, so that byte offsets into the result
// are offsets into s.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
