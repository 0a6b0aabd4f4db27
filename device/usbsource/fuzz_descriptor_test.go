//go:build cgo && !windows

package usbsource

import (
	"testing"
	"unicode/utf16"
)

// stringDescriptor encodes s as a USB string descriptor (UTF-16LE after
// the length and type bytes), as a phone sends its serial number.
func stringDescriptor(s string) []byte {
	u := utf16.Encode([]rune(s))
	b := []byte{byte(2 + 2*len(u)), 3}
	for _, c := range u {
		b = append(b, byte(c), byte(c>>8))
	}
	return b
}

// FuzzStringDescriptor decodes arbitrary bytes as the reply to GET_DESCRIPTOR
// (string), what readSerial does with a phone's serial number string. The
// reply is at most 255 bytes (readSerial's buffer), so no larger input is
// built. It is accepted exactly when it is a string descriptor (type 3)
// whose length byte leaves room for the header; the string is then safe to
// show (checkSerial), and a descriptor of printable ASCII decodes to it.
func FuzzStringDescriptor(f *testing.F) {
	for _, s := range []string{
		"CPID:8015 CPRV:11 CPFM:03 SCEP:01 BDID:06 ECID:001C2D3E4F5A6B7C IBFL:3C SRTG:[iBoot-3332.0.0.1.23]",
		"CPID:8015 CPRV:11 CPFM:03 SCEP:01 BDID:06 ECID:001C2D3E4F5A6B7C IBFL:3C SRNM:[F17XK0ABJCLF] IMEI:[356741082954417]",
		"", "é\U0001F600\x01",
	} {
		f.Add(stringDescriptor(s))
	}
	f.Add([]byte{4, 3, 0x09, 0x04})          // the language list, read as a string
	f.Add([]byte{255, 3, 'A', 0})            // a length past the reply
	f.Add([]byte{7, 3, 'A', 0, 'B', 0, 'C'}) // an odd length
	f.Add([]byte{6, 3, 0x00, 0xD8, 'x', 0})  // an unpaired surrogate
	f.Add([]byte{18, 1, 0, 2, 0, 0, 0, 64, 0xAC, 0x05, 0x27, 0x12, 0, 0, 1, 2, 3, 1})
	f.Fuzz(func(t *testing.T, b []byte) {
		got, ok := decodeStringDescriptor(b)
		want := len(b) >= 2 && b[1] == 3 && min(int(b[0]), len(b)) >= 2
		if ok != want {
			t.Fatalf("accepted %v, want %v, for %x", ok, want, b)
		}
		if !ok {
			return
		}
		n := min(int(b[0]), len(b))
		ascii := []byte{}
		for i := 2; i+1 < n && ascii != nil; i += 2 {
			if b[i+1] != 0 || b[i] < 0x20 || b[i] >= 0x7F {
				ascii = nil // not printable ASCII: only the invariants hold
			} else {
				ascii = append(ascii, b[i])
			}
		}
		if ascii == nil {
			ascii = []byte{0}
		}
		checkSerial(t, got, ascii)
	})
}
