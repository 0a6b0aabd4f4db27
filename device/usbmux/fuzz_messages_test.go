package usbmux

import (
	"bytes"
	"errors"
	"testing"

	"unstuck/device/safeplist/plisttest"
)

// roundTrip checks what a decoder accepted: re-encoding it and decoding
// that again gives the same encoding. A refusal must be ErrMalformed.
func roundTrip[T any](t *testing.T, body []byte, decode func([]byte) (T, error)) (T, bool) {
	t.Helper()
	v, err := decode(body)
	if err != nil {
		if !errors.Is(err, ErrMalformed) {
			t.Fatalf("untyped error: %v", err)
		}
		return v, false
	}
	b1, err := Marshal(v)
	if err != nil {
		t.Fatalf("accepted %+v, which does not encode: %v", v, err)
	}
	v2, err := decode(b1)
	if err != nil {
		t.Fatalf("re-encoded message refused: %v\n%s", err, b1)
	}
	if b2, err := Marshal(v2); err != nil || !bytes.Equal(b1, b2) {
		t.Fatalf("round trip changed the message:\n%s\n%s", b1, b2)
	}
	return v, true
}

// fuzzRoundTrip fuzzes one decoder with Expand's input shape: roundTrip,
// and valid must hold for what it accepts.
func fuzzRoundTrip[T any](f *testing.F, decode func([]byte) (T, error), valid func(T) bool) {
	f.Fuzz(func(t *testing.T, prefix, unit []byte, repeat uint32, suffix []byte) {
		body := plisttest.Expand(prefix, unit, repeat, suffix)
		defer plisttest.Watchdog(plisttest.HangLimit, body)()
		if v, ok := roundTrip(t, body, decode); ok && !valid(v) {
			t.Fatalf("accepted %+v", v)
		}
	})
}

// seedExpanded adds a message as Expand's prefix, plus a deep one.
func seedExpanded(f *testing.F, msgs ...any) {
	for _, m := range msgs {
		b, err := Marshal(m)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, []byte(nil), uint32(0), []byte(nil))
	}
	p, u, n, s := plisttest.DeepSeed()
	f.Add(p, u, n, s)
	f.Add([]byte(plisttest.XMLHeader+"<dict><key>MessageType</key><string>"), []byte("Listen"), uint32(200_000), []byte("</string></dict></plist>"))
}

// FuzzDecodeRequest: usbmuxd requests, as the simulator reads them from clients.
func FuzzDecodeRequest(f *testing.F) {
	seedExpanded(f, ListDevicesRequest(), ListenRequest(), ConnectRequest(3, LockdownPort),
		ReadPairRecordRequest("00008020-001A2B3C4D5E6F7A"), SavePairRecordRequest("x", []byte("<plist/>")), ReadBUIDRequest())
	fuzzRoundTrip(f, DecodeRequest, func(r Request) bool { return r.MessageType != "" })
}

// FuzzDecodeLockdownRequest: requests to lockdownd, as the simulator reads them.
func FuzzDecodeLockdownRequest(f *testing.F) {
	seedExpanded(f, QueryTypeRequest(), GetValueRequest("", "DevicePublicKey"), GetValueRequest(BatteryDomain, ""),
		PairRequest(PairRecord{DeviceCertificate: []byte("c"), HostCertificate: []byte("h"), RootCertificate: []byte("r"), HostID: "H", SystemBUID: "B"}),
		StartSessionRequest("H", "B"), StartServiceRequest(DiagnosticsRelayService), EnterRecoveryRequest())
	fuzzRoundTrip(f, DecodeLockdownRequest, func(r LockdownRequest) bool { return r.Request != "" })
}

// FuzzRelay: the diagnostics relay's answers (read by muxsource) and
// requests (read by the simulator).
func FuzzRelay(f *testing.F) {
	entry := map[string]any{"CycleCount": uint64(312), "DesignCapacity": uint64(2716), "NominalChargeCapacity": uint64(2390),
		"BatteryData": map[string]any{"LifetimeData": map[string]any{"MaximumTemperature": uint64(412)}, "Qmax": []any{uint64(2800)}}}
	seedExpanded(f, RelayReply{Status: RelaySuccess, Diagnostics: map[string]any{RelayIORegistry: entry}},
		RelayReply{Status: RelayUnknownRequest}, IORegistryRequest(PowerSourceClass), RelayGoodbyeRequest())
	f.Fuzz(func(t *testing.T, prefix, unit []byte, repeat uint32, suffix []byte) {
		body := plisttest.Expand(prefix, unit, repeat, suffix)
		defer plisttest.Watchdog(plisttest.HangLimit, body)()
		if r, ok := roundTrip(t, body, DecodeRelayReply); ok {
			if err := r.Err(); (err == nil) != (r.Status == RelaySuccess) {
				t.Fatalf("status %q gives error %v", r.Status, err)
			}
			_ = r.IORegistry()
		}
		roundTrip(t, body, DecodeRelayRequest)
	})
}
