package usbmux

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"unstuck/device/safeplist"
	"unstuck/device/safeplist/plisttest"
)

// TestRealRepliesWithinLimits: the largest real messages decode within the
// limits: a device list of MaxDevices phones, lockdown's GetValue of every
// key, a pair record, the battery's IORegistry entry.
func TestRealRepliesWithinLimits(t *testing.T) {
	var list DeviceList
	for i := range MaxDevices {
		list.DeviceList = append(list.DeviceList, Event{MessageType: MsgAttached, DeviceID: i + 1, Properties: &Properties{
			ConnectionSpeed: 480000000, ConnectionType: "USB", DeviceID: i + 1, LocationID: 1<<16 | int64(i),
			ProductID: 0x12a8, SerialNumber: fmt.Sprintf("%040x", i), USBSerialNumber: fmt.Sprintf("%040x", i),
		}})
	}
	body, err := Marshal(list)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := DecodeDeviceList(body); err != nil || len(got.DeviceList) != MaxDevices {
		t.Fatalf("device list of %d phones (%d bytes): %v", MaxDevices, len(body), err)
	}

	values := map[string]any{"ProductType": "iPhone10,3", "DevicePublicKey": []byte(strings.Repeat("k", 426)),
		"NonVolatileRAM":          map[string]any{"auto-boot": []byte("true"), "backlight-level": []byte("1523")},
		"SupportedDeviceFamilies": []any{1}, "CPUArchitecture": "arm64"}
	for i := range 100 {
		values[fmt.Sprintf("Key%03d", i)] = map[string]any{"Nested": []any{i, "x", true}}
	}
	checkReply(t, "GetValue", LockdownReply{Request: ReqGetValue, Value: values}, func(b []byte) error {
		r, err := DecodeLockdownReply(b)
		if err == nil && r.ValueDict()["ProductType"] != "iPhone10,3" {
			err = errors.New("values lost")
		}
		return err
	})

	cert := []byte("-----BEGIN CERTIFICATE-----\n" + strings.Repeat("MIIC+zCCAeOgAwIBAgIBADANBgkqhkiG9w0BAQUFADAA\n", 24) + "-----END CERTIFICATE-----\n")
	checkReply(t, "pair record", HostPairRecord{DeviceCertificate: cert, HostCertificate: cert, HostPrivateKey: cert,
		RootCertificate: cert, RootPrivateKey: cert, EscrowBag: make([]byte, 32), HostID: "H", SystemBUID: "B"}, func(b []byte) error {
		var rec HostPairRecord
		return Unmarshal(b, &rec)
	})

	entry := map[string]any{"CycleCount": 312, "DesignCapacity": 2716}
	for i := range 300 {
		entry[fmt.Sprintf("Field%03d", i)] = []any{i, i + 1, map[string]any{"Data": []any{1, 2, 3}}}
	}
	checkReply(t, "IORegistry", RelayReply{Status: RelaySuccess, Diagnostics: map[string]any{RelayIORegistry: entry}}, func(b []byte) error {
		r, err := DecodeRelayReply(b)
		if err == nil && r.IORegistry()["CycleCount"] == nil {
			err = errors.New("entry lost")
		}
		return err
	})
}

func checkReply(t *testing.T, what string, v any, decode func([]byte) error) {
	t.Helper()
	b, err := Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if err := decode(b); err != nil {
		t.Errorf("%s (%d bytes): %v", what, len(b), err)
	}
}

// TestHostileRepliesRefused: deep, oversized and text-format replies are
// malformed, with the reason.
func TestHostileRepliesRefused(t *testing.T) {
	for _, tc := range []struct {
		name string
		body []byte
		why  error
	}{
		{"million deep", plisttest.DeepArrays(1_000_000), safeplist.ErrLimit},
		{"deep", plisttest.DeepDictValue(100), safeplist.ErrLimit},
		{"bomb", plisttest.BinaryBomb(20, 4), safeplist.ErrLimit},
		{"text format", []byte(`{ DeviceList = ( { DeviceID = 1; } ); }`), safeplist.ErrInvalid},
	} {
		_, err := DecodeDeviceList(tc.body)
		if !errors.Is(err, ErrMalformed) || !errors.Is(err, tc.why) {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
}
