package muxsource

import (
	"os"
	"path/filepath"
	"testing"

	"unstuck/device"
	"unstuck/device/safeplist/plisttest"
	"unstuck/device/usbmux"
)

// FuzzDeviceFacts feeds arbitrary lockdown and diagnostics relay replies
// to the functions that turn them into device facts: lockdownValues
// (GetValue of every key), batteryValues (the battery domain) and
// addHealth (the battery's IORegistry entry). The facts must be what the
// reply says or unknown, never out of range.
func FuzzDeviceFacts(f *testing.F) {
	for _, v := range []any{
		usbmux.LockdownReply{Request: usbmux.ReqGetValue, Value: map[string]any{
			"DeviceName": "Anna's iPhone", "ProductType": "iPhone10,3", "ProductVersion": "16.7.10", "BuildVersion": "20H350",
			"HardwareModel": "D22AP", "UniqueChipID": uint64(7931044990446460), "ChipID": uint64(32789), "BoardId": uint64(6)}},
		usbmux.LockdownReply{Request: usbmux.ReqGetValue, Domain: usbmux.BatteryDomain, Value: map[string]any{
			"BatteryCurrentCapacity": uint64(54), "BatteryIsCharging": true, "ExternalConnected": true}},
		usbmux.LockdownReply{Request: usbmux.ReqGetValue, Value: map[string]any{"BatteryCurrentCapacity": int64(-5), "ChipID": int64(-1)}},
		usbmux.RelayReply{Status: usbmux.RelaySuccess, Diagnostics: map[string]any{usbmux.RelayIORegistry: map[string]any{
			"CycleCount": uint64(312), "DesignCapacity": uint64(2716), "NominalChargeCapacity": uint64(2390), "AppleRawMaxCapacity": uint64(2401)}}},
		usbmux.RelayReply{Status: usbmux.RelaySuccess, Diagnostics: map[string]any{usbmux.RelayIORegistry: map[string]any{
			"DesignCapacity": uint64(2716), "AppleRawMaxCapacity": uint64(9000)}}},
	} {
		b, err := usbmux.Marshal(v)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, []byte(nil), uint32(0), []byte(nil))
	}
	p, u, n, s := plisttest.DeepSeed()
	f.Add(p, u, n, s)
	f.Fuzz(func(t *testing.T, prefix, unit []byte, repeat uint32, suffix []byte) {
		body := plisttest.Expand(prefix, unit, repeat, suffix)
		defer plisttest.Watchdog(plisttest.HangLimit, body)()
		if r, err := usbmux.DecodeLockdownReply(body); err == nil {
			m := r.ValueDict()
			checkValues(t, m, lockdownValues(m))
			if b, err := batteryValues(m); err == nil && (b.Percent < 0 || b.Percent > 100 || b.Charging && !b.ExternalPower) {
				t.Fatalf("battery %+v from %v", b, m)
			}
		}
		if r, err := usbmux.DecodeRelayReply(body); err == nil {
			var b device.Battery
			addHealth(&b, r.IORegistry())
			design, full := b.DesignCapacity, b.FullChargeCapacity
			if b.CycleCount < 0 || design < 0 || design > maxCapacity || full < 0 || full > 2*design || (design == 0) != (full == 0) {
				t.Fatalf("health %+v from %v", b, r.IORegistry())
			}
		}
	})
}

// checkValues: every string fact is the reply's string, every number the
// reply's or 0.
func checkValues(t *testing.T, m map[string]any, v device.LockdownValues) {
	t.Helper()
	for key, got := range map[string]string{"DeviceName": v.DeviceName, "ProductType": v.ProductType,
		"ProductVersion": v.ProductVersion, "BuildVersion": v.BuildVersion, "HardwareModel": v.HardwareModel} {
		if want, _ := m[key].(string); got != want {
			t.Fatalf("%s %q, the reply says %q", key, got, m[key])
		}
	}
	for key, got := range map[string]uint64{"UniqueChipID": v.UniqueChipID, "ChipID": uint64(v.ChipID), "BoardId": uint64(v.BoardID)} {
		if got == 0 {
			continue
		}
		switch n := m[key].(type) {
		case uint64:
			if n != got {
				t.Fatalf("%s %d, the reply says %d", key, got, n)
			}
		case int64:
			if uint64(n) != got {
				t.Fatalf("%s %d, the reply says %d", key, got, n)
			}
		default:
			t.Fatalf("%s %d from %#v", key, got, m[key])
		}
	}
}

// FuzzIdentityFile writes arbitrary bytes as the pairing identity file
// and loads it: an accepted file holds usable keys and certificates, and
// saving and loading it again gives the same identity.
func FuzzIdentityFile(f *testing.F) {
	dir := f.TempDir()
	h, err := newHostIdentity()
	if err != nil {
		f.Fatal(err)
	}
	good := filepath.Join(dir, "good.pem")
	if err := saveIdentity(good, h); err != nil {
		f.Fatal(err)
	}
	raw, err := os.ReadFile(good)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(raw, []byte(nil), uint32(0), []byte(nil))
	f.Add(raw[:len(raw)/2], []byte(nil), uint32(0), []byte(nil))
	f.Add([]byte(nil), raw, uint32(3), []byte(nil))
	f.Add(raw, []byte("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"), uint32(100_000), []byte(nil))
	f.Fuzz(func(t *testing.T, prefix, unit []byte, repeat uint32, suffix []byte) {
		data := plisttest.Expand(prefix, unit, repeat, suffix)
		defer plisttest.Watchdog(plisttest.HangLimit, data)()
		path := filepath.Join(dir, "fuzzed.pem")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		got, err := loadIdentity(path)
		if err != nil {
			return
		}
		if got.rootKey == nil || got.hostKey == nil || got.root == nil || got.hostID == "" || len(got.rootPEM) == 0 || len(got.hostPEM) == 0 {
			t.Fatalf("accepted an incomplete identity: %+v", got)
		}
		again := filepath.Join(dir, "again.pem")
		if err := saveIdentity(again, got); err != nil {
			t.Fatalf("accepted identity does not save: %v", err)
		}
		back, err := loadIdentity(again)
		if err != nil || back.hostID != got.hostID || !back.rootKey.Equal(got.rootKey) || !back.hostKey.Equal(got.hostKey) ||
			string(back.hostPEM) != string(got.hostPEM) || string(back.rootPEM) != string(got.rootPEM) {
			t.Fatalf("saved and loaded again: %v", err)
		}
	})
}
