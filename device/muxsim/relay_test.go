package muxsim

import (
	"crypto/tls"
	"strings"
	"testing"

	"github.com/danielpaulus/go-ios/ios"
	"github.com/danielpaulus/go-ios/ios/diagnostics"

	"unstuck/device/usbmux"
)

// startRelay starts the diagnostics relay in a session on a raw client and
// returns the StartService reply.
func startRelay(t *testing.T, s *Sim) usbmux.LockdownReply {
	t.Helper()
	c, r := session(t, s, record(t, s, iPhoneXUDID))
	if r.Error != "" {
		t.Fatalf("StartSession: %s", r.Error)
	}
	return c.lockdown(usbmux.StartServiceRequest(usbmux.DiagnosticsRelayService))
}

// connectRelay connects to a started service's port and switches to TLS
// with the pair record's host certificate.
func connectRelay(t *testing.T, s *Sim, port int) *client {
	t.Helper()
	c := dial(t, s)
	r, err := usbmux.DecodeResult(c.call(usbmux.ConnectRequest(listDevices(t, s)[0].DeviceID, uint16(port))))
	if err != nil || r.Err() != nil {
		t.Fatalf("connect to port %d: %v %v", port, err, r.Err())
	}
	rec := record(t, s, iPhoneXUDID)
	cert, err := tls.X509KeyPair(rec.HostCertificate, rec.HostPrivateKey)
	if err != nil {
		t.Fatal(err)
	}
	tc := tls.Client(c.c, &tls.Config{Certificates: []tls.Certificate{cert}, InsecureSkipVerify: true})
	if err := tc.Handshake(); err != nil {
		t.Fatalf("relay TLS: %v", err)
	}
	return &client{t, tc}
}

func (c *client) relay(req usbmux.RelayRequest) usbmux.RelayReply {
	c.t.Helper()
	r, err := usbmux.DecodeRelayReply(c.plistCall(req))
	if err != nil {
		c.t.Fatal(err)
	}
	return r
}

func TestDiagnosticsRelayRaw(t *testing.T) {
	s := builtinSim(t, "trusted")
	sr := startRelay(t, s)
	if sr.Error != "" || sr.Port < firstServicePort || sr.Port > 65535 || !sr.EnableServiceSSL || sr.Service != usbmux.DiagnosticsRelayService {
		t.Fatalf("StartService: %+v", sr)
	}
	c := connectRelay(t, s, sr.Port)
	r := c.relay(usbmux.IORegistryRequest(usbmux.PowerSourceClass))
	e := r.IORegistry()
	if r.Err() != nil || e == nil {
		t.Fatalf("IORegistry: %+v", r)
	}
	want := map[string]any{
		"CurrentCapacity": uint64(54), "IsCharging": true, "ExternalConnected": true,
		"CycleCount": uint64(312), "DesignCapacity": uint64(2716), "AppleRawMaxCapacity": uint64(2390),
		"NominalChargeCapacity": uint64(2390), "AppleRawCurrentCapacity": uint64(2390 * 54 / 100),
		"BatteryInstalled": true,
	}
	for k, v := range want {
		if e[k] != v {
			t.Errorf("%s = %v (%T), want %v", k, e[k], e[k], v)
		}
	}
	// Live changes show in the next answer on the same connection.
	if err := s.SetBattery(iPhoneXUDID, 100, false); err != nil {
		t.Fatal(err)
	}
	if err := s.SetExternalPower(iPhoneXUDID, true); err != nil {
		t.Fatal(err)
	}
	if err := s.SetBatteryHealth(iPhoneXUDID, BatteryHealth{CycleCount: 1001, DesignCapacity: 3000, FullChargeCapacity: 2100}); err != nil {
		t.Fatal(err)
	}
	e = c.relay(usbmux.RelayRequest{Request: usbmux.RelayIORegistry, EntryName: "AppleSmartBattery"}).IORegistry()
	if e["CycleCount"] != uint64(1001) || e["NominalChargeCapacity"] != uint64(2100) || e["IsCharging"] != false ||
		e["ExternalConnected"] != true || e["FullyCharged"] != true {
		t.Errorf("after the changes: %v", e)
	}
	for _, req := range []usbmux.RelayRequest{
		{Request: usbmux.RelayIORegistry, EntryName: "IOPMPowerSource"}, // a class, not a name
		{Request: usbmux.RelayIORegistry, EntryClass: "ASPStorage"},
		{Request: usbmux.RelayIORegistry},
	} {
		if r := c.relay(req); r.Status != usbmux.RelayFailure || r.Diagnostics != nil {
			t.Errorf("%+v: %+v", req, r)
		}
	}
	if r := c.relay(usbmux.RelayRequest{Request: "MobileGestalt"}); r.Status != usbmux.RelayUnknownRequest {
		t.Errorf("MobileGestalt: %+v", r)
	}
	if r := c.relay(usbmux.RelayGoodbyeRequest()); r.Status != usbmux.RelaySuccess {
		t.Errorf("Goodbye: %+v", r)
	}
	if _, err := usbmux.ReadLockdown(c.c); err == nil {
		t.Error("the relay stayed open after Goodbye")
	}
}

// TestDiagnosticsRelayRefusals: a port is good for one connection of its
// own phone; no session, another service or a phone without the relay get
// lockdown's errors; garbage closes the relay only.
func TestDiagnosticsRelayRefusals(t *testing.T) {
	s := builtinSim(t, "trusted")
	sr := startRelay(t, s)
	id := listDevices(t, s)[0].DeviceID
	for _, port := range []int{sr.Port + 1, 1} {
		r, err := usbmux.DecodeResult(dial(t, s).call(usbmux.ConnectRequest(id, uint16(port))))
		if err != nil || r.Number != usbmux.ResultConnRefused {
			t.Errorf("port %d never started: %+v %v", port, r, err)
		}
	}
	connectRelay(t, s, sr.Port)
	if r, _ := usbmux.DecodeResult(dial(t, s).call(usbmux.ConnectRequest(id, uint16(sr.Port)))); r.Number != usbmux.ResultConnRefused {
		t.Errorf("a port reused: %+v", r)
	}
	plain := connectLockdown(t, s, id)
	if r := plain.lockdown(usbmux.StartServiceRequest(usbmux.DiagnosticsRelayService)); r.Error != usbmux.ErrCodeSessionInactive || r.Port != 0 {
		t.Errorf("StartService without a session: %+v", r)
	}
	c, _ := session(t, s, record(t, s, iPhoneXUDID))
	if r := c.lockdown(usbmux.StartServiceRequest("com.apple.afc")); r.Error != "InvalidService" || r.Port != 0 {
		t.Errorf("an unsimulated service: %+v", r)
	}
	// Garbage inside the relay's TLS: that connection closes, the next works.
	rc := connectRelay(t, s, startRelay(t, s).Port)
	_, _ = rc.c.Write([]byte{0, 0, 0, 3, 'x', 'y', 'z'})
	if _, err := usbmux.ReadLockdown(rc.c); err == nil {
		t.Error("the relay answered garbage")
	}
	if r := connectRelay(t, s, startRelay(t, s).Port).relay(usbmux.IORegistryRequest(usbmux.PowerSourceClass)); r.Err() != nil {
		t.Errorf("relay after the garbage: %+v", r)
	}
	// Unplugged: an open relay connection closes.
	rc = connectRelay(t, s, startRelay(t, s).Port)
	_ = s.Detach(iPhoneXUDID)
	if _, err := usbmux.ReadLockdown(rc.c); err == nil {
		t.Error("the relay survived detach")
	}

	p := builtinPhone(t, "trusted")
	p.NoDiagnosticsRelay = true
	s = startSim(t, Scenario{Name: "no-relay", Steps: []Step{{Action: ActionAttach, Phone: &p}}})
	if r := startRelay(t, s); r.Error != "InvalidService" {
		t.Errorf("a phone without the relay: %+v", r)
	}
}

func TestBatteryHealthValidation(t *testing.T) {
	s := builtinSim(t, "trusted")
	for _, h := range []BatteryHealth{
		{CycleCount: -1}, {DesignCapacity: -5}, {CycleCount: 200_000},
		{DesignCapacity: 1000, FullChargeCapacity: 2001}, {DesignCapacity: 60_000},
	} {
		if err := s.SetBatteryHealth(iPhoneXUDID, h); err == nil {
			t.Errorf("%+v accepted", h)
		}
	}
	if err := s.SetBatteryHealth("nobody", BatteryHealth{}); err == nil {
		t.Error("unknown phone accepted")
	}
	if err := s.SetExternalPower("nobody", true); err == nil {
		t.Error("unknown phone accepted")
	}
	p := builtinPhone(t, "trusted")
	p.BatteryFullChargeCapacity = 9000 // over twice the default design
	if _, err := New(t.TempDir()+"/bad.sock", Scenario{Name: "bad", Steps: []Step{{Action: ActionAttach, Phone: &p}}}); err == nil || !strings.Contains(err.Error(), "full-charge") {
		t.Errorf("scenario with an impossible battery: %v", err)
	}
}

// builtinPhone is the first phone of a built-in scenario.
func builtinPhone(t *testing.T, name string) Phone {
	t.Helper()
	sc, err := LoadScenario(name)
	if err != nil || len(sc.Steps) == 0 || sc.Steps[0].Phone == nil {
		t.Fatal(name, err)
	}
	return *sc.Steps[0].Phone
}

// TestGoIOSDiagnostics: go-ios's diagnostics package, an independent
// client, starts the relay through its own session, connects with TLS and
// reads the battery's IORegistry entry.
func TestGoIOSDiagnostics(t *testing.T) {
	s := goIOS(t, "trusted")
	list, err := ios.ListDevices()
	if err != nil || len(list.DeviceList) != 1 {
		t.Fatal(err, list)
	}
	dev := list.DeviceList[0]
	read := func() diagnostics.IORegistry {
		t.Helper()
		conn, err := diagnostics.New(dev)
		if err != nil {
			t.Fatalf("go-ios diagnostics.New: %v", err)
		}
		reg, err := conn.Battery()
		if err != nil {
			t.Fatalf("go-ios Battery: %v", err)
		}
		if err := conn.Close(); err != nil {
			t.Errorf("go-ios Close (Goodbye): %v", err)
		}
		return reg
	}
	reg := read()
	if reg.CycleCount != 312 || reg.DesignCapacity != 2716 || reg.AppleRawMaxCapacity != 2390 || reg.NominalChargeCapacity != 2390 ||
		reg.CurrentCapacity != 54 || !reg.IsCharging || reg.Temperature != 2950 || reg.InstantAmperage <= 0 {
		t.Errorf("go-ios IORegistry: %+v", reg)
	}
	_ = s.SetBattery(iPhoneXUDID, 12, false)
	_ = s.SetBatteryHealth(iPhoneXUDID, BatteryHealth{CycleCount: 870, DesignCapacity: 2716, FullChargeCapacity: 2040})
	reg = read()
	if reg.CycleCount != 870 || reg.AppleRawMaxCapacity != 2040 || reg.CurrentCapacity != 12 || reg.IsCharging || reg.InstantAmperage >= 0 {
		t.Errorf("go-ios IORegistry after the changes: %+v", reg)
	}
}

// TestIdeviceDiagnostics: libimobiledevice's idevicediagnostics starts the
// relay (its own session and TLS) and prints the battery's entry, asked for
// by name. Asked for an entry the simulated registry does not hold, it
// reads the relay's Failure as one.
func TestIdeviceDiagnostics(t *testing.T) {
	s := builtinSim(t, "trusted")
	_ = s.SetBattery(iPhoneXUDID, 37, false)
	_ = s.SetBatteryHealth(iPhoneXUDID, BatteryHealth{CycleCount: 523, DesignCapacity: 2716, FullChargeCapacity: 2311})
	out, err := tool(t, s, "idevicediagnostics", "-u", iPhoneXUDID, "ioregentry", batteryEntryName)
	if err != nil {
		t.Fatalf("idevicediagnostics: %v\n%s", err, out)
	}
	var diag struct{ IORegistry map[string]any }
	if err := usbmux.Unmarshal([]byte(out), &diag); err != nil {
		t.Fatalf("idevicediagnostics output: %v\n%s", err, out)
	}
	want := map[string]any{
		"CycleCount": uint64(523), "DesignCapacity": uint64(2716), "NominalChargeCapacity": uint64(2311),
		"CurrentCapacity": uint64(37), "IsCharging": false, "ExternalConnected": false,
	}
	for k, v := range want {
		if diag.IORegistry[k] != v {
			t.Errorf("idevicediagnostics %s = %v, want %v", k, diag.IORegistry[k], v)
		}
	}
	for _, args := range [][]string{{"ioregentry", "ASPStorage"}, {"ioregentry", usbmux.PowerSourceClass}} {
		out, err := tool(t, s, "idevicediagnostics", append([]string{"-u", iPhoneXUDID}, args...)...)
		if err == nil || !strings.Contains(out, "Unable to retrieve IORegistry") {
			t.Errorf("idevicediagnostics %v: %v\n%s", args, err, out)
		}
	}
}
