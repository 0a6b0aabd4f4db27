package safeplist

import (
	"errors"
	"strings"
	"testing"
	"time"

	"howett.net/plist"

	"unstuck/device/safeplist/plisttest"
)

var testLimits = Limits{MaxBytes: 1 << 20, MaxDepth: 32, MaxValues: 1 << 16}

func wantLimit(t *testing.T, err error, what string) {
	t.Helper()
	var le *LimitError
	if !errors.Is(err, ErrLimit) || !errors.As(err, &le) || le.What != what {
		t.Fatalf("got %v, want the %s limit", err, what)
	}
}

func wantInvalid(t *testing.T, err error, words string) {
	t.Helper()
	if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), words) {
		t.Fatalf("got %v, want invalid (%q)", err, words)
	}
}

// TestDepthBoundary: MaxDepth levels decode, one more is refused, in both formats.
func TestDepthBoundary(t *testing.T) {
	var v any
	// XML: <plist> plus the arrays.
	if err := Decode(plisttest.DeepArrays(31), &v, testLimits); err != nil {
		t.Fatalf("31 XML arrays: %v", err)
	}
	wantLimit(t, Decode(plisttest.DeepArrays(32), &v, testLimits), "depth")
	if err := Decode(plisttest.DeepBinary(32), &v, testLimits); err != nil {
		t.Fatalf("32 binary arrays: %v", err)
	}
	wantLimit(t, Decode(plisttest.DeepBinary(33), &v, testLimits), "depth")
}

// TestMillionDeep: the documents that crash howett are refused, quickly.
func TestMillionDeep(t *testing.T) {
	deep := plisttest.DeepArrays(1_000_000)
	var v any
	wantLimit(t, Decode(deep, &v, testLimits), "size")
	big := Limits{MaxBytes: 64 << 20, MaxDepth: 32, MaxValues: 1 << 20}
	wantLimit(t, Decode(deep, &v, big), "depth")
	wantLimit(t, Decode(plisttest.DeepBinary(1_100_000), &v, big), "values")
	wantLimit(t, Decode(plisttest.DeepBinary(500_000), &v, Limits{64 << 20, 32, 1 << 20}), "depth")
}

// TestExpansionBomb: shared binary objects count once per use.
func TestExpansionBomb(t *testing.T) {
	bomb := plisttest.BinaryBomb(20, 4) // 4^20 values in a few hundred bytes
	var v any
	wantLimit(t, Decode(bomb, &v, testLimits), "values")

	small := plisttest.BinaryBomb(3, 3) // 1+3+9 arrays and 27 strings
	st, err := scan(small, testLimits)
	if err != nil || st.values != 40 || st.depth != 4 {
		t.Fatalf("small bomb: %+v %v", st, err)
	}
	if err := Decode(small, &v, testLimits); err != nil || countValues(v) != 40 {
		t.Fatalf("small bomb decoded to %d values: %v", countValues(v), err)
	}
	wantLimit(t, Decode(small, &v, Limits{MaxBytes: 1 << 20, MaxDepth: 32, MaxValues: 39}), "values")

	// 64 references to one 60 KB string: 3.8 MB once copied.
	str := append([]byte{0x5F, 0x11, 0xEA, 0x60}, strings.Repeat("x", 60000)...)
	refs := make([]uint32, 64)
	for i := range refs {
		refs[i] = 1
	}
	wantLimit(t, Decode(plisttest.Binary(plisttest.BinaryArray(refs...), str), &v, testLimits), "expanded size")
}

func TestCycles(t *testing.T) {
	var v any
	wantInvalid(t, Decode(plisttest.Binary(plisttest.BinaryArray(0)), &v, testLimits), "contains itself")
	wantInvalid(t, Decode(plisttest.Binary(plisttest.BinaryArray(1), plisttest.BinaryArray(2), plisttest.BinaryArray(0)), &v, testLimits), "contains itself")
	wantInvalid(t, Decode(plisttest.Binary(plisttest.BinaryArray(7)), &v, testLimits), "reference to object 7")
}

// TestMarkupThatIsNotElements: tags inside comments, CDATA, processing
// instructions, the DOCTYPE and quoted attributes do not count.
func TestMarkupThatIsNotElements(t *testing.T) {
	doc := plisttest.XMLHeader + `<!-- <array><array><array> --><?pi <array><array> ?>
<dict a="x>" b='/>'><key>k</key><string><![CDATA[<array><array><array>]]></string></dict></plist>`
	st, err := scan([]byte(doc), testLimits)
	if err != nil || st.depth != 3 || st.values != 4 {
		t.Fatalf("scan: %+v %v", st, err)
	}
	var v map[string]any
	if err := Decode([]byte(doc), &v, Limits{MaxBytes: 1 << 20, MaxDepth: 3, MaxValues: 4}); err != nil || v["k"] != "<array><array><array>" {
		t.Fatalf("decode: %v %v", v, err)
	}
}

func TestRefused(t *testing.T) {
	var v any
	for _, tc := range []struct{ doc, words string }{
		{`{ Request = GetValue; Value = ((((((((((((((((((((((((((((((((((())))))))))))))))))))))))))))))))))); }`, "not an XML or binary"},
		{"", "not an XML or binary"},
		{"  \n", "not an XML or binary"},
		{`<!-- only a comment -->`, "no XML elements"},
		{`<plist><!-- a -- b --><array/></plist>`, "comment"},
		{`<!DOCTYPE plist [ <!ENTITY a "b"> ]><plist/>`, "internal subset"},
		{`<!ENTITY a "b"><plist/>`, "directive"},
		{`<plist></array></array></plist>`, "end tag without a start"},
		{`<plist><array`, "unterminated start tag"},
	} {
		err := Decode([]byte(tc.doc), &v, testLimits)
		if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tc.words) {
			t.Errorf("%q: got %v, want invalid (%q)", tc.doc, err, tc.words)
		}
	}
}

// TestTruncatedBinary: every truncation and every corrupted trailer byte
// of a real binary plist gives an error (or a valid decode), never a panic.
func TestTruncatedBinary(t *testing.T) {
	good, err := plist.Marshal(map[string]any{
		"ProductType": "iPhone10,3", "ChipID": 32789, "Certificate": make([]byte, 300),
		"Nested": map[string]any{"List": []any{1, "two", 3.0, true, time.Unix(0, 0)}},
	}, plist.BinaryFormat)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := Decode(good, &v, testLimits); err != nil {
		t.Fatal(err)
	}
	for n := range len(good) {
		if err := Decode(good[:n], &v, testLimits); err == nil {
			t.Errorf("%d of %d bytes decoded", n, len(good))
		} else if !errors.Is(err, ErrInvalid) {
			t.Errorf("%d of %d bytes: %v", n, len(good), err)
		}
	}
	for i := len(good) - 32; i < len(good); i++ {
		for _, b := range []byte{0, 1, 3, 0x7f, 0xff} {
			bad := append([]byte(nil), good...)
			bad[i] = b
			if err := Decode(bad, &v, testLimits); err != nil && !errors.Is(err, ErrInvalid) && !errors.Is(err, ErrLimit) {
				t.Errorf("byte %d = %d: untyped error %v", i, b, err)
			}
		}
	}
	short := append([]byte("bplist00"), make([]byte, 31)...)
	wantInvalid(t, Decode(short, &v, testLimits), "too short")
}

// TestRealShaped: a lockdown GetValue reply and a backup Info.plist, as
// the phone and iTunes write them, decode in both formats.
func TestRealShaped(t *testing.T) {
	values := map[string]any{
		"ActivationState": "Activated", "BasebandVersion": "6.00.00", "BuildVersion": "20H350",
		"ChipID": uint64(32789), "UniqueChipID": uint64(7931044990446460), "DeviceName": "Anna's iPhone",
		"ProductType": "iPhone10,3", "ProductVersion": "16.7.10", "DevicePublicKey": make([]byte, 426),
		"NonVolatileRAM":          map[string]any{"auto-boot": []byte("true"), "boot-args": []byte("")},
		"SupportedDeviceFamilies": []any{uint64(1)}, "TelephonyCapability": true,
	}
	for i := range 90 {
		values["Key"+strings.Repeat("x", i)] = "value"
	}
	reply := map[string]any{"Request": "GetValue", "Value": values}
	for _, format := range []int{plist.XMLFormat, plist.BinaryFormat} {
		raw, err := plist.Marshal(reply, format)
		if err != nil {
			t.Fatal(err)
		}
		var got struct{ Value map[string]any }
		if err := Decode(raw, &got, testLimits); err != nil || got.Value["ProductType"] != "iPhone10,3" {
			t.Errorf("format %d: %v %v", format, err, got.Value["ProductType"])
		}
	}
}

// countValues counts decoded values as the scan does: containers, dict
// keys and scalars.
func countValues(v any) int {
	switch x := v.(type) {
	case []any:
		n := 1
		for _, e := range x {
			n += countValues(e)
		}
		return n
	case map[string]any:
		n := 1
		for _, e := range x {
			n += 1 + countValues(e)
		}
		return n
	}
	return 1
}

// depthOf is the nesting of a decoded value: a scalar is 1.
func depthOf(v any) int {
	d := 0
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			d = max(d, depthOf(e))
		}
	case map[string]any:
		for _, e := range x {
			d = max(d, depthOf(e))
		}
	}
	return d + 1
}
