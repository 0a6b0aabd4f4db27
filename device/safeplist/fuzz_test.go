package safeplist

import (
	"errors"
	"testing"

	"howett.net/plist"

	"unstuck/device/safeplist/plisttest"
)

// fuzzLimits are small so that accepted inputs decode fast.
var fuzzLimits = Limits{MaxBytes: 8 << 20, MaxDepth: 24, MaxValues: 1 << 14}

// FuzzDecode: whenever the pre-scan accepts an input, howett decodes it
// without panicking (no recover here: a panic fails the target) and the
// decoded value is no deeper and has no more values than the scan said,
// which is within the limits; whatever is refused, is refused with a typed
// error. The input is Expand's shape so that multi-megabyte documents are
// reachable.
func FuzzDecode(f *testing.F) {
	add := func(doc []byte) { f.Add(doc, []byte(nil), uint32(0), []byte(nil)) }
	reply, _ := plist.Marshal(map[string]any{"Request": "GetValue", "Value": map[string]any{
		"ProductType": "iPhone10,3", "ChipID": 32789, "DevicePublicKey": []byte("-----BEGIN RSA PUBLIC KEY-----"),
		"List": []any{1.5, true, "x"}}}, plist.XMLFormat)
	add(reply)
	bin, _ := plist.Marshal(map[string]any{"DeviceList": []any{map[string]any{"DeviceID": 1, "Properties": map[string]any{"SerialNumber": "x"}}}}, plist.BinaryFormat)
	add(bin)
	add(plisttest.BinaryBomb(6, 3))
	add(plisttest.Binary(plisttest.BinaryArray(1), plisttest.BinaryArray(0)))
	add(plisttest.DeepBinary(30))
	add([]byte(plisttest.XMLHeader + `<!-- <array> --><dict a="x>"><key>k</key><string><![CDATA[<array>]]></string></dict></plist>`))
	add([]byte(`<abcd>`))
	f.Add([]byte("<plist>"), []byte("<array>"), uint32(40), []byte("</plist>"))
	f.Add([]byte("<plist><array>"), []byte("<string>xxxxxxxxxxxxxxxx</string>"), uint32(20000), []byte("</array></plist>"))
	dp, du, dn, ds := plisttest.DeepSeed()
	f.Add(dp, du, dn, ds)
	f.Fuzz(func(t *testing.T, prefix, unit []byte, repeat uint32, suffix []byte) {
		data := plisttest.Expand(prefix, unit, repeat, suffix)
		defer plisttest.Watchdog(plisttest.HangLimit, data)()
		st, err := scan(data, fuzzLimits)
		if err != nil {
			if !errors.Is(err, ErrInvalid) && !errors.Is(err, ErrLimit) {
				t.Fatalf("untyped error: %v", err)
			}
			return
		}
		if st.depth > fuzzLimits.MaxDepth || st.values > fuzzLimits.MaxValues {
			t.Fatalf("scan accepted %+v", st)
		}
		var v any
		_, herr := plist.Unmarshal(data, &v)
		if derr := Decode(data, new(any), fuzzLimits); (derr == nil) != (herr == nil) {
			t.Fatalf("Decode says %v, howett %v", derr, herr)
		}
		if herr != nil {
			return
		}
		if d, n := depthOf(v), countValues(v); d > st.depth || n > st.values {
			t.Fatalf("decoded depth %d and %d values; the scan said %+v", d, n, st)
		}
	})
}
