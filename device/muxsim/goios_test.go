package muxsim

import (
	"log/slog"
	"strings"
	"testing"

	"github.com/danielpaulus/go-ios/ios"

	"unstuck/device"
)

// These tests use go-ios as an independent client. USBMUXD_SOCKET_ADDRESS
// is process-wide, so none of them runs in parallel (t.Setenv enforces it).

func goIOS(t *testing.T, scenario string) *Sim {
	t.Helper()
	ios.SetLogger(slog.New(slog.DiscardHandler))
	s := builtinSim(t, scenario)
	t.Setenv("USBMUXD_SOCKET_ADDRESS", s.Address())
	return s
}

func TestGoIOSListDevices(t *testing.T) {
	goIOSListsAndReads(t, goIOS(t, "two-phones"))
}

// TestGoIOSOverLoopbackTCP is the simulator on 127.0.0.1 (where a system
// has no unix sockets) through go-ios' own tcp:// client path.
func TestGoIOSOverLoopbackTCP(t *testing.T) {
	ios.SetLogger(slog.New(slog.DiscardHandler))
	sc, err := LoadScenario("two-phones")
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewLoopback(sc)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if !strings.HasPrefix(s.Address(), "tcp://127.0.0.1:") || s.Path() != "" {
		t.Fatalf("address %q, path %q: want tcp://127.0.0.1:port and no path", s.Address(), s.Path())
	}
	t.Setenv("USBMUXD_SOCKET_ADDRESS", s.Address())
	if got := ios.GetUsbmuxdSocket(); got != s.Address() {
		t.Fatalf("go-ios resolves %q to %q", s.Address(), got)
	}
	goIOSListsAndReads(t, s)
}

// goIOSListsAndReads lists s's phones through go-ios and reads the first
// one's iOS version over lockdown.
func goIOSListsAndReads(t *testing.T, s *Sim) {
	t.Helper()
	list, err := ios.ListDevices()
	if err != nil {
		t.Fatal(err)
	}
	phones := s.Phones()
	if len(list.DeviceList) != len(phones) {
		t.Fatalf("go-ios sees %d devices, simulator has %d", len(list.DeviceList), len(phones))
	}
	for i, d := range list.DeviceList {
		p := d.Properties
		if p.SerialNumber != phones[i].UDID || p.ProductID != 0x12a8 || p.ConnectionType != "USB" || d.DeviceID != p.DeviceID {
			t.Errorf("device %d: %+v", i, d)
		}
	}

	// Lockdown without a session, the way go-ios does it.
	mux, err := ios.NewUsbMuxConnectionSimple()
	if err != nil {
		t.Fatal(err)
	}
	defer mux.Close()
	ld, err := mux.ConnectLockdown(list.DeviceList[0].DeviceID)
	if err != nil {
		t.Fatal(err)
	}
	v, err := ld.GetValue("ProductVersion")
	if err != nil || v != phones[0].ProductVersion {
		t.Errorf("GetValue ProductVersion: %v %v", v, err)
	}
	// go-ios drops the Error key: a refused key reads as (nil, nil).
	if v, err := ld.GetValue("SerialNumber"); v != nil || err != nil {
		t.Errorf("protected key through go-ios: %v %v", v, err)
	}
}

func TestGoIOSPair(t *testing.T) {
	cases := []struct {
		scenario string
		want     string // error text, "" for success
	}{
		{"normal", "Please accept the PairingDialog"},
		{"denied", "Lockdown error: UserDeniedPairing"},
		{"passcode", "Lockdown error: PasswordProtected"},
		{"trusted", ""},
	}
	for _, c := range cases {
		t.Run(c.scenario, func(t *testing.T) {
			s := goIOS(t, c.scenario)
			list, err := ios.ListDevices()
			if err != nil || len(list.DeviceList) != 1 {
				t.Fatal(err, list)
			}
			udid := list.DeviceList[0].Properties.SerialNumber
			before := s.PairRecord(udid)
			err = ios.Pair(list.DeviceList[0])
			switch {
			case c.want == "" && err != nil:
				t.Fatalf("pair: %v", err)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
				t.Fatalf("pair: %v, want %q", err, c.want)
			}
			if c.want != "" {
				if _, err := ios.ReadPairRecord(udid); err == nil || !strings.Contains(err.Error(), "errorcode '2'") {
					t.Errorf("ReadPairRecord of an untrusted phone: %v", err)
				}
				return
			}
			rec, err := ios.ReadPairRecord(udid)
			if err != nil || rec.HostID == "" || len(rec.EscrowBag) == 0 || string(s.PairRecord(udid)) == string(before) {
				t.Errorf("pair record saved by go-ios: %+v %v", rec, err)
			}
		})
	}
}

func TestGoIOSListen(t *testing.T) {
	s := goIOS(t, "normal")
	receive, closeFn, err := ios.Listen()
	if err != nil {
		t.Fatal(err)
	}
	defer closeFn()
	msg, err := receive()
	if err != nil || !msg.DeviceAttached() || msg.Properties.SerialNumber != iPhoneXUDID {
		t.Fatalf("first event %+v %v", msg, err)
	}
	_ = s.SetTrust(iPhoneXUDID, device.TrustTrusted)
	_ = s.Detach(iPhoneXUDID)
	msg, err = receive()
	if err != nil || !msg.DeviceDetached() || msg.DeviceID != 1 {
		t.Fatalf("detach event %+v %v", msg, err)
	}
	s.Kill()
	if _, err := receive(); err == nil {
		t.Error("receive after the simulator died succeeded")
	}
}
