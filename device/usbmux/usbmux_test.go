package usbmux

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"strings"
	"testing"
)

// libusbmuxdListDevices is the header idevice_id -l sends (simulation.md).
var libusbmuxdHeader = []byte{0xab, 0x01, 0, 0, 1, 0, 0, 0, 8, 0, 0, 0, 1, 0, 0, 0}

func TestFrameRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteMessage(&buf, 7, ConnectRequest(3, LockdownPort)); err != nil {
		t.Fatal(err)
	}
	raw := buf.Bytes()
	if got := binary.LittleEndian.Uint32(raw); int(got) != len(raw) {
		t.Fatalf("length field %d, frame %d bytes", got, len(raw))
	}
	f, err := ReadFrame(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if f.Tag != 7 {
		t.Errorf("tag %d, want 7", f.Tag)
	}
	req, err := DecodeRequest(f.Body)
	if err != nil {
		t.Fatal(err)
	}
	if req.MessageType != MsgConnect || req.DeviceID != 3 || req.PortNumber != 32498 || req.Port() != 62078 {
		t.Errorf("decoded %+v (port %d)", req, req.Port())
	}
	if !strings.Contains(string(f.Body), "<key>kLibUSBMuxVersion</key>") {
		t.Errorf("body lacks kLibUSBMuxVersion:\n%s", f.Body)
	}
}

func TestReadFrameRejects(t *testing.T) {
	header := func(length, version, typ uint32) []byte {
		b := binary.LittleEndian.AppendUint32(nil, length)
		b = binary.LittleEndian.AppendUint32(b, version)
		b = binary.LittleEndian.AppendUint32(b, typ)
		return binary.LittleEndian.AppendUint32(b, 1)
	}
	cases := []struct {
		name string
		in   []byte
		want error
	}{
		{"short length", header(15, 1, 8), ErrFrameTooShort},
		{"huge length", header(0xFFFFFFFF, 1, 8), ErrFrameTooLarge},
		{"just over limit", header(MaxFrameSize+1, 1, 8), ErrFrameTooLarge},
		{"binary protocol", header(16, 0, 8), ErrUnsupported},
		{"truncated body", append(header(40, 1, 8), "<plist"...), io.ErrUnexpectedEOF},
		{"truncated header", []byte{1, 2, 3}, io.ErrUnexpectedEOF},
		{"empty", nil, io.EOF},
	}
	for _, c := range cases {
		_, err := ReadFrame(bytes.NewReader(c.in))
		if !errors.Is(err, c.want) {
			t.Errorf("%s: err %v, want %v", c.name, err, c.want)
		}
	}
	if _, err := ParseHeader([16]byte(libusbmuxdHeader)); err != nil {
		t.Errorf("real libusbmuxd header rejected: %v", err)
	}
}

func TestDecodeReplies(t *testing.T) {
	list := DeviceList{DeviceList: []Event{{
		MessageType: MsgAttached, DeviceID: 4,
		Properties: &Properties{ConnectionSpeed: 480000000, ConnectionType: "USB", DeviceID: 4,
			LocationID: 1<<16 | 5, ProductID: 0x12a8, SerialNumber: "00008030-001A2B3C4D5E6F70"},
	}}}
	body, err := Marshal(list)
	if err != nil {
		t.Fatal(err)
	}
	got, err := DecodeDeviceList(body)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.DeviceList) != 1 || *got.DeviceList[0].Properties != *list.DeviceList[0].Properties {
		t.Errorf("device list round trip: %+v", got)
	}

	res, _ := Marshal(ResultReply(ResultBadDevice))
	if _, err := DecodeDeviceList(res); !isResult(err, 2) {
		t.Errorf("Result 2 as device list: %v", err)
	}
	if _, err := DecodePairRecord(res); !isResult(err, 2) {
		t.Errorf("Result 2 as pair record: %v", err)
	}
	if r, err := DecodeResult(res); err != nil || r.Err() == nil {
		t.Errorf("DecodeResult: %+v %v", r, err)
	}

	det, _ := Marshal(Event{MessageType: MsgDetached, DeviceID: 9})
	if e, err := DecodeEvent(det); err != nil || e.DeviceID != 9 || e.MessageType != MsgDetached {
		t.Errorf("Detached: %+v %v", e, err)
	}
	att, _ := Marshal(Event{MessageType: MsgAttached, DeviceID: 9})
	if _, err := DecodeEvent(att); !errors.Is(err, ErrMalformed) {
		t.Errorf("Attached without Properties: %v", err)
	}
	for _, bad := range []string{"", "garbage", "<plist><string>x</string></plist>", `<plist><dict><key>Number</key><string>x</string></dict></plist>`} {
		if _, err := DecodeResult([]byte(bad)); err == nil {
			t.Errorf("DecodeResult(%q) succeeded", bad)
		}
	}
}

func isResult(err error, n int) bool {
	var re *ResultError
	return errors.As(err, &re) && re.Number == n
}

func TestLockdownRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteLockdown(&buf, GetValueRequest("", "ProductVersion")); err != nil {
		t.Fatal(err)
	}
	if n := binary.BigEndian.Uint32(buf.Bytes()); int(n) != buf.Len()-4 {
		t.Fatalf("length prefix %d, body %d", n, buf.Len()-4)
	}
	body, err := ReadLockdown(&buf)
	if err != nil {
		t.Fatal(err)
	}
	req, err := DecodeLockdownRequest(body)
	if err != nil || req.Request != ReqGetValue || req.Key != "ProductVersion" || req.Domain != "" {
		t.Fatalf("request %+v %v", req, err)
	}
	if strings.Contains(string(body), "Domain") {
		t.Errorf("empty Domain was sent:\n%s", body)
	}

	reply := `<?xml version="1.0" encoding="UTF-8"?><plist version="1.0"><dict>
<key>Error</key><string>MissingSessionID</string><key>Key</key><string>SerialNumber</string>
<key>Request</key><string>GetValue</string></dict></plist>`
	r, err := DecodeLockdownReply([]byte(reply))
	if err != nil {
		t.Fatal(err)
	}
	var le *LockdownError
	if !errors.As(r.Err(), &le) || le.Code != ErrCodeMissingSessionID {
		t.Errorf("Error key lost: %+v", r)
	}

	all := `<plist version="1.0"><dict><key>Request</key><string>GetValue</string><key>Value</key><dict>
<key>ProductType</key><string>iPhone10,3</string><key>UniqueChipID</key><integer>7935000000000000</integer></dict></dict></plist>`
	r, err = DecodeLockdownReply([]byte(all))
	if err != nil || r.Err() != nil {
		t.Fatal(err, r.Err())
	}
	if d := r.ValueDict(); d["ProductType"] != "iPhone10,3" || d["UniqueChipID"] != uint64(7935000000000000) {
		t.Errorf("value dict %#v", d)
	}
}

func TestReadLockdownRejects(t *testing.T) {
	if _, err := ReadLockdown(bytes.NewReader([]byte{0x16, 0x03, 0x01, 0x00})); !errors.Is(err, ErrLockdownTooLarge) {
		t.Errorf("TLS hello as length: %v", err)
	}
	if _, err := ReadLockdown(bytes.NewReader([]byte{0, 0, 0, 9, '<'})); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("truncated: %v", err)
	}
}
