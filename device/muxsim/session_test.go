package muxsim

import (
	"crypto/tls"
	"strings"
	"testing"

	"github.com/danielpaulus/go-ios/ios"

	"unstuck/device"
	"unstuck/device/usbmux"
)

// record reads the pair record the simulator holds for udid.
func record(t *testing.T, s *Sim, udid string) usbmux.HostPairRecord {
	t.Helper()
	var rec usbmux.HostPairRecord
	if err := usbmux.Unmarshal(s.PairRecord(udid), &rec); err != nil {
		t.Fatal(err)
	}
	return rec
}

// session starts a session with rec on a raw client and switches it to TLS.
func session(t *testing.T, s *Sim, rec usbmux.HostPairRecord) (*client, usbmux.LockdownReply) {
	t.Helper()
	c := connectLockdown(t, s, listDevices(t, s)[0].DeviceID)
	r := c.lockdown(usbmux.StartSessionRequest(rec.HostID, rec.SystemBUID))
	if r.Error != "" {
		return c, r
	}
	if !r.EnableSessionSSL || r.SessionID == "" {
		t.Fatalf("StartSession reply %+v", r)
	}
	cert, err := tls.X509KeyPair(rec.HostCertificate, rec.HostPrivateKey)
	if err != nil {
		t.Fatal(err)
	}
	tc := tls.Client(c.c, &tls.Config{Certificates: []tls.Certificate{cert}, InsecureSkipVerify: true})
	if err := tc.Handshake(); err != nil {
		t.Fatalf("TLS handshake: %v", err)
	}
	return &client{t, tc}, r
}

func TestSessionRaw(t *testing.T) {
	s := builtinSim(t, "trusted")
	rec := record(t, s, iPhoneXUDID)
	c, r := session(t, s, rec)
	if r.Error != "" {
		t.Fatalf("StartSession: %s", r.Error)
	}
	v := c.lockdown(usbmux.GetValueRequest(usbmux.BatteryDomain, "")).ValueDict()
	if v["BatteryCurrentCapacity"] != uint64(54) || v["BatteryIsCharging"] != true || v["FullyCharged"] != false {
		t.Errorf("battery %v", v)
	}
	if err := s.SetBattery(iPhoneXUDID, 100, false); err != nil {
		t.Fatal(err)
	}
	if v := c.lockdown(usbmux.GetValueRequest(usbmux.BatteryDomain, "BatteryCurrentCapacity")); v.Value != uint64(100) {
		t.Errorf("after SetBattery: %+v", v)
	}
	if v := c.lockdown(usbmux.GetValueRequest("", "SerialNumber")); v.Value != "F2LX81MNJCLF" {
		t.Errorf("SerialNumber in a session: %+v", v)
	}
	if r := c.lockdown(usbmux.StopSessionRequest(r.SessionID)); r.Error != "" {
		t.Errorf("StopSession: %+v", r)
	}
	// Back to plain framing on the same socket, as libimobiledevice does.
	plain := &client{t, c.c.(*tls.Conn).NetConn()}
	if r := plain.lockdown(usbmux.GetValueRequest("", "SerialNumber")); r.Error != usbmux.ErrCodeMissingSessionID {
		t.Errorf("SerialNumber after StopSession: %+v", r)
	}
}

func TestSessionRefused(t *testing.T) {
	s := builtinSim(t, "trusted")
	rec := record(t, s, iPhoneXUDID)
	wrong := rec
	wrong.HostID = "00000000-0000-4000-8000-000000000000"
	if _, r := session(t, s, wrong); r.Error != usbmux.ErrCodeInvalidHostID {
		t.Errorf("wrong HostID: %+v", r)
	}
	if err := s.ForgetPairing(iPhoneXUDID); err != nil {
		t.Fatal(err)
	}
	if _, r := session(t, s, rec); r.Error != usbmux.ErrCodeInvalidHostID {
		t.Errorf("forgotten pairing: %+v", r)
	}
	n := builtinSim(t, "normal") // no pair record
	c := connectLockdown(t, n, listDevices(t, n)[0].DeviceID)
	if r := c.lockdown(usbmux.StartSessionRequest(rec.HostID, rec.SystemBUID)); r.Error != usbmux.ErrCodeInvalidHostID {
		t.Errorf("no pair record: %+v", r)
	}
}

// TestSessionGarbage: a client that fails the handshake, or sends garbage
// inside TLS, loses its connection; the simulator carries on.
func TestSessionGarbage(t *testing.T) {
	s := builtinSim(t, "trusted")
	rec := record(t, s, iPhoneXUDID)
	c := connectLockdown(t, s, listDevices(t, s)[0].DeviceID)
	if r := c.lockdown(usbmux.StartSessionRequest(rec.HostID, rec.SystemBUID)); r.Error != "" {
		t.Fatal(r.Error)
	}
	_, _ = c.c.Write([]byte("not a TLS client hello, just noise........"))
	if _, err := usbmux.ReadLockdown(c.c); err == nil {
		t.Error("the simulator answered after a garbage handshake")
	}
	tc, _ := session(t, s, rec)
	_, _ = tc.c.Write([]byte{0xff, 0xff, 0xff, 0xff, 1, 2, 3})
	if _, err := usbmux.ReadLockdown(tc.c); err == nil {
		t.Error("the simulator answered garbage inside TLS")
	}
	// Pulled mid-session: the session's connection closes.
	tc, _ = session(t, s, rec)
	_ = s.Detach(iPhoneXUDID)
	if _, err := usbmux.ReadLockdown(tc.c); err == nil {
		t.Error("session survived detach")
	}
	_ = s.Reattach(iPhoneXUDID)
	if c, r := session(t, s, rec); r.Error != "" || c.lockdown(usbmux.GetValueRequest(usbmux.BatteryDomain, "")).Value == nil {
		t.Errorf("session after the noise: %+v", r)
	}
}

// TestGoIOSSession: go-ios, an independent client, starts a session with
// the simulator's record (and with one it saved by pairing) and reads the
// battery over TLS.
func TestGoIOSSession(t *testing.T) {
	for _, scenario := range []string{"trusted", "pair-then-session"} {
		t.Run(scenario, func(t *testing.T) {
			name := scenario
			if scenario == "pair-then-session" {
				name = "normal"
			}
			s := goIOS(t, name)
			list, err := ios.ListDevices()
			if err != nil || len(list.DeviceList) != 1 {
				t.Fatal(err, list)
			}
			dev := list.DeviceList[0]
			if scenario == "pair-then-session" {
				_ = s.SetTrust(iPhoneXUDID, device.TrustTrusted)
				if err := ios.Pair(dev); err != nil {
					t.Fatal(err)
				}
			}
			b, err := ios.GetBatteryDiagnostics(dev)
			if err != nil || b.BatteryCurrentCapacity != 54 || !b.BatteryIsCharging {
				t.Errorf("go-ios battery: %+v %v", b, err)
			}
			_ = s.SetBattery(iPhoneXUDID, 17, false)
			ld, err := ios.ConnectLockdownWithSession(dev)
			if err != nil {
				t.Fatal(err)
			}
			defer ld.Close()
			all, err := ld.GetValues()
			if err != nil || all.Value.SerialNumber != "F2LX81MNJCLF" {
				t.Errorf("go-ios GetValues in a session: %+v %v", all.Value, err)
			}
			v, err := ld.GetValueForDomain("BatteryCurrentCapacity", usbmux.BatteryDomain)
			if err != nil || v != uint64(17) {
				t.Errorf("go-ios battery after SetBattery: %v %v", v, err)
			}
			ld.StopSession()
		})
	}
}

// TestIdeviceInfoBattery: libimobiledevice pairs (idevicepair) or uses the
// simulator's own record, starts a session and reads the battery domain.
func TestIdeviceInfoBattery(t *testing.T) {
	for _, pairFirst := range []bool{false, true} {
		t.Run(map[bool]string{false: "stored-record", true: "idevicepair"}[pairFirst], func(t *testing.T) {
			s := builtinSim(t, "trusted")
			if pairFirst {
				if out, err := tool(t, s, "idevicepair", "-u", iPhoneXUDID, "pair"); err != nil {
					t.Fatal(out, err)
				}
			}
			out, err := tool(t, s, "ideviceinfo", "-u", iPhoneXUDID, "-q", usbmux.BatteryDomain)
			if err != nil || !strings.Contains(out, "BatteryCurrentCapacity: 54") || !strings.Contains(out, "BatteryIsCharging: true") {
				t.Fatalf("ideviceinfo battery: %q %v", out, err)
			}
			_ = s.SetBattery(iPhoneXUDID, 9, false)
			out, err = tool(t, s, "ideviceinfo", "-u", iPhoneXUDID, "-q", usbmux.BatteryDomain, "-k", "BatteryCurrentCapacity")
			if err != nil || out != "9" {
				t.Errorf("after SetBattery: %q %v", out, err)
			}
			if out, err := tool(t, s, "ideviceinfo", "-u", iPhoneXUDID, "-k", "SerialNumber"); err != nil || out != "F2LX81MNJCLF" {
				t.Errorf("SerialNumber in a session: %q %v", out, err)
			}
		})
	}
}
