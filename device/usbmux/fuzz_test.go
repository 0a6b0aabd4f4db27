package usbmux

import (
	"bytes"
	"testing"
)

func frameSeed(t interface{ Fatal(...any) }, v any) []byte {
	var b bytes.Buffer
	if err := WriteMessage(&b, 1, v); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// FuzzDecodeFrame feeds arbitrary bytes to the usbmux frame reader and to
// every message decoder that reads a frame body.
func FuzzDecodeFrame(f *testing.F) {
	f.Add(frameSeed(f, ListDevicesRequest()))
	f.Add(frameSeed(f, ConnectRequest(1, LockdownPort)))
	f.Add(frameSeed(f, ResultReply(2)))
	f.Add(frameSeed(f, Event{MessageType: MsgDetached, DeviceID: 3}))
	f.Add(frameSeed(f, DeviceList{DeviceList: []Event{{MessageType: MsgAttached, DeviceID: 1,
		Properties: &Properties{ConnectionType: "USB", DeviceID: 1, ProductID: 4776, SerialNumber: "x"}}}}))
	f.Add(append(libusbmuxdHeader[:0:0], libusbmuxdHeader...))
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 1, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0})
	f.Add([]byte("bplist00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fr, err := ReadFrame(bytes.NewReader(data))
		body := data
		if err == nil {
			if len(fr.Body)+HeaderSize > MaxFrameSize {
				t.Fatalf("accepted a %d-byte body", len(fr.Body))
			}
			body = fr.Body
			again, err := AppendFrame(nil, fr.Tag, fr.Body)
			if err != nil || !bytes.Equal(again, data[:len(again)]) {
				t.Fatalf("re-encoding differs: %v", err)
			}
		}
		_, _ = DecodeRequest(body)
		_, _ = DecodeResult(body)
		_, _ = DecodeDeviceList(body)
		_, _ = DecodeEvent(body)
		_, _ = DecodePairRecord(body)
		_, _ = DecodeBUID(body)
	})
}

// FuzzDecodeLockdownReply feeds arbitrary bytes to the lockdown reader and
// the reply and request decoders.
func FuzzDecodeLockdownReply(f *testing.F) {
	for _, v := range []any{
		LockdownReply{Request: ReqQueryType, Type: TypeLockdown},
		LockdownReply{Request: ReqGetValue, Key: "DeviceName", Value: "Anna's iPhone"},
		LockdownReply{Request: ReqGetValue, Value: map[string]any{"ProductType": "iPhone10,3", "ChipID": 32789}},
		LockdownReply{Request: ReqPair, Error: ErrCodePairingDialogPending},
		PairRequest(PairRecord{HostID: "H", SystemBUID: "B"}),
	} {
		var b bytes.Buffer
		if err := WriteLockdown(&b, v); err != nil {
			f.Fatal(err)
		}
		f.Add(b.Bytes())
		f.Add(b.Bytes()[4:])
	}
	f.Add([]byte{0x16, 0x03, 0x01, 0x02, 0x00})
	f.Add([]byte(`<plist><dict><key>Value</key><array><array><dict/></array></array></dict></plist>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if body, err := ReadLockdown(bytes.NewReader(data)); err == nil {
			if len(body) > MaxLockdownSize {
				t.Fatalf("accepted %d bytes", len(body))
			}
			_, _ = DecodeLockdownReply(body)
		}
		r, err := DecodeLockdownReply(data)
		if err == nil {
			_ = r.Err()
			_ = r.ValueDict()
		}
		_, _ = DecodeLockdownRequest(data)
	})
}
