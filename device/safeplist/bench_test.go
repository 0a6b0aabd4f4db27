package safeplist

import (
	"testing"

	"howett.net/plist"

	"unstuck/device/safeplist/plisttest"
)

// usbmuxLimits are device/usbmux's (kept here to measure without an import cycle).
var usbmuxLimits = Limits{MaxBytes: 1 << 20, MaxDepth: 32, MaxValues: 1 << 16}

// BenchmarkDecode reports bytes allocated per decode: a normal GetValue
// reply, and 4 MB hostile replies refused by the pre-scan (the deep one
// under limits large enough for its size, so it is the depth that stops it).
func BenchmarkDecode(b *testing.B) {
	values := map[string]any{"ProductType": "iPhone10,3", "ChipID": 32789, "DevicePublicKey": make([]byte, 426)}
	for i := range 100 {
		values[string(rune('A'+i%26))+string(rune('a'+i/26))] = "a value of some length"
	}
	normal, err := plist.Marshal(map[string]any{"Request": "GetValue", "Value": values}, plist.XMLFormat)
	if err != nil {
		b.Fatal(err)
	}
	flat := plisttest.Expand([]byte("<plist><array>"), []byte("<true/>"), 600_000, []byte("</array></plist>"))
	deep := plisttest.DeepArrays(4 << 20 / 15)
	big := Limits{MaxBytes: 8 << 20, MaxDepth: 32, MaxValues: 1 << 16}
	for _, c := range []struct {
		name string
		doc  []byte
		lim  Limits
		ok   bool
	}{
		{"normal", normal, usbmuxLimits, true},
		{"deep-4MB", deep, big, false},
		{"flat-4MB", flat, big, false},
		{"bomb", plisttest.BinaryBomb(20, 4), big, false},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(c.doc)))
			for b.Loop() {
				var v any
				if err := Decode(c.doc, &v, c.lim); (err == nil) != c.ok {
					b.Fatal(err)
				}
			}
		})
	}
}
