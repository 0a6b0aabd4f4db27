package usbmux

import (
	"bytes"
	"errors"
	"testing"
)

func TestRelayMessages(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteLockdown(&buf, IORegistryRequest(PowerSourceClass)); err != nil {
		t.Fatal(err)
	}
	body, err := ReadLockdown(&buf)
	if err != nil {
		t.Fatal(err)
	}
	req, err := DecodeRelayRequest(body)
	if err != nil || req != (RelayRequest{Request: RelayIORegistry, EntryClass: PowerSourceClass}) {
		t.Errorf("round trip: %+v %v", req, err)
	}
	if _, err := DecodeRelayRequest([]byte(`<plist><dict/></plist>`)); !errors.Is(err, ErrMalformed) {
		t.Errorf("request without Request: %v", err)
	}
	if _, err := DecodeRelayRequest([]byte("garbage")); !errors.Is(err, ErrMalformed) {
		t.Errorf("garbage request: %v", err)
	}

	ok, _ := Marshal(RelayReply{Status: RelaySuccess, Diagnostics: map[string]any{RelayIORegistry: map[string]any{"CycleCount": uint64(7)}}})
	r, err := DecodeRelayReply(ok)
	if err != nil || r.Err() != nil || r.IORegistry()["CycleCount"] != uint64(7) {
		t.Errorf("success reply: %+v %v", r, err)
	}
	for _, body := range []string{
		`<plist><dict><key>Status</key><string>Failure</string></dict></plist>`,
		`<plist><dict/></plist>`,
		`<plist><dict><key>Status</key><string>Success</string><key>Diagnostics</key><dict><key>IORegistry</key><string>no</string></dict></dict></plist>`,
	} {
		r, err := DecodeRelayReply([]byte(body))
		if err != nil {
			t.Errorf("%s: %v", body, err)
		}
		if r.Err() == nil && r.IORegistry() != nil {
			t.Errorf("%s: taken as an entry: %+v", body, r)
		}
	}
	if _, err := DecodeRelayReply([]byte("\x00\x01")); !errors.Is(err, ErrMalformed) {
		t.Errorf("garbage reply: %v", err)
	}
	if r := StartServiceRequest(DiagnosticsRelayService); r.Request != ReqStartService || r.Service != DiagnosticsRelayService {
		t.Errorf("StartServiceRequest: %+v", r)
	}
}
