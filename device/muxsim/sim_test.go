package muxsim

import (
	"errors"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"unstuck/device"
	"unstuck/device/usbmux"
)

const iPhoneXUDID = "03c0a17f73c6502b3c21ef14cbc5fbea61a0c471"

// startSim runs a simulator on a short socket path (unix socket paths are
// limited to about 100 bytes, too little for t.TempDir on some machines).
func startSim(t testing.TB, sc Scenario) *Sim {
	t.Helper()
	dir, err := os.MkdirTemp("", "mx")
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(filepath.Join(dir, "s.sock"), sc)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(); os.RemoveAll(dir) })
	return s
}

func builtinSim(t testing.TB, name string) *Sim {
	t.Helper()
	sc, err := LoadScenario(name)
	if err != nil {
		t.Fatal(err)
	}
	return startSim(t, sc)
}

// client is a raw usbmux client for protocol-level tests.
type client struct {
	t testing.TB
	c net.Conn
}

func dial(t testing.TB, s *Sim) *client {
	t.Helper()
	network, address := "unix", s.Path()
	if address == "" { // loopback TCP
		network, address = "tcp", s.ln.Addr().String()
	}
	c, err := net.Dial(network, address)
	if err != nil {
		t.Fatal(err)
	}
	_ = c.SetDeadline(time.Now().Add(5 * time.Second))
	t.Cleanup(func() { c.Close() })
	return &client{t, c}
}

func (c *client) call(req usbmux.Request) []byte {
	c.t.Helper()
	if err := usbmux.WriteMessage(c.c, 1, req); err != nil {
		c.t.Fatal(err)
	}
	return c.read()
}

func (c *client) read() []byte {
	c.t.Helper()
	f, err := usbmux.ReadFrame(c.c)
	if err != nil {
		c.t.Fatal(err)
	}
	return f.Body
}

// plistCall writes one length-prefixed plist and reads the answer's body.
func (c *client) plistCall(req any) []byte {
	c.t.Helper()
	if err := usbmux.WriteLockdown(c.c, req); err != nil {
		c.t.Fatal(err)
	}
	body, err := usbmux.ReadLockdown(c.c)
	if err != nil {
		c.t.Fatal(err)
	}
	return body
}

func (c *client) lockdown(req usbmux.LockdownRequest) usbmux.LockdownReply {
	c.t.Helper()
	r, err := usbmux.DecodeLockdownReply(c.plistCall(req))
	if err != nil {
		c.t.Fatal(err)
	}
	return r
}

func listDevices(t testing.TB, s *Sim) []usbmux.Event {
	t.Helper()
	l, err := usbmux.DecodeDeviceList(dial(t, s).call(usbmux.ListDevicesRequest()))
	if err != nil {
		t.Fatal(err)
	}
	return l.DeviceList
}

func connectLockdown(t testing.TB, s *Sim, id int) *client {
	t.Helper()
	c := dial(t, s)
	r, err := usbmux.DecodeResult(c.call(usbmux.ConnectRequest(id, usbmux.LockdownPort)))
	if err != nil || r.Err() != nil {
		t.Fatalf("connect: %v %v", err, r.Err())
	}
	return c
}

func TestBuiltinScenarios(t *testing.T) {
	names := ScenarioNames()
	for _, want := range []string{"normal", "trusted", "denied", "passcode", "restore", "flapping", "two-phones"} {
		if _, err := LoadScenario(want); err != nil {
			t.Errorf("%s: %v", want, err)
		}
		if !strings.Contains(strings.Join(names, " "), want) {
			t.Errorf("%s missing from %v", want, names)
		}
	}
	bad := []string{
		`{"name":"x","steps":[{"at":"0s","action":"explode","udid":"a"}]}`,
		`{"name":"x","steps":[{"at":"0s","action":"detach","udid":"nobody"}]}`,
		`{"name":"x","steps":[{"at":"soon","action":"attach","phone":{"product_type":"iPhone10,3"}}]}`,
		`{"name":"x","steps":[{"at":"0s","action":"attach","phone":{"product_type":"iPhone10,3","trust":"maybe"}}]}`,
		`{"name":"x","stepz":[]}`,
	}
	for _, b := range bad {
		if _, err := ParseScenario([]byte(b)); err == nil {
			t.Errorf("accepted %s", b)
		}
	}
	if _, err := LoadScenario("no-such-scenario"); err == nil {
		t.Error("unknown scenario loaded")
	}
	if got := UDIDFor(0x8130, 0xA1B2C3D4E5F60); got != "00008130-000A1B2C3D4E5F60" {
		t.Errorf("A12+ UDID %s", got)
	}
}

func TestListAndLockdown(t *testing.T) {
	s := builtinSim(t, "normal")
	devs := listDevices(t, s)
	if len(devs) != 1 {
		t.Fatalf("%d devices", len(devs))
	}
	p := devs[0].Properties
	if devs[0].MessageType != "Attached" || p.SerialNumber != iPhoneXUDID || p.ProductID != 4776 ||
		p.ConnectionType != "USB" || p.LocationID>>16 != 1 || p.DeviceID != devs[0].DeviceID {
		t.Errorf("device entry %+v %+v", devs[0], p)
	}

	c := connectLockdown(t, s, devs[0].DeviceID)
	if r := c.lockdown(usbmux.QueryTypeRequest()); r.Type != usbmux.TypeLockdown {
		t.Errorf("QueryType %+v", r)
	}
	all := c.lockdown(usbmux.GetValueRequest("", "")).ValueDict()
	if all["ProductType"] != "iPhone10,3" || all["ProductVersion"] != "16.7.10" || all["UniqueDeviceID"] != iPhoneXUDID ||
		all["ChipID"] != uint64(0x8015) || len(all) != 24 {
		t.Errorf("GetValue all: %d keys %v", len(all), all)
	}
	if r := c.lockdown(usbmux.GetValueRequest("", "SerialNumber")); r.Error != usbmux.ErrCodeMissingSessionID {
		t.Errorf("protected key: %+v", r)
	}
	if r := c.lockdown(usbmux.GetValueRequest("com.apple.disk_usage", "")); r.Error != usbmux.ErrCodeMissingSessionID {
		t.Errorf("domain without session: %+v", r)
	}
	pk := c.lockdown(usbmux.GetValueRequest("", "DevicePublicKey"))
	if b, _ := pk.Value.([]byte); !strings.HasPrefix(string(b), "-----BEGIN RSA PUBLIC KEY-----") {
		t.Errorf("DevicePublicKey %+v", pk)
	}
	if r := c.lockdown(usbmux.PairRequest(usbmux.PairRecord{HostID: "H"})); r.Error != usbmux.ErrCodePairingDialogPending {
		t.Errorf("Pair while pending: %+v", r)
	}
	if err := s.SetTrust(iPhoneXUDID, device.TrustTrusted); err != nil {
		t.Fatal(err)
	}
	if r := c.lockdown(usbmux.PairRequest(usbmux.PairRecord{HostID: "H"})); r.Error != "" || len(r.EscrowBag) == 0 {
		t.Errorf("Pair once trusted: %+v", r)
	}

	// Detaching the phone closes its lockdown connection.
	if err := s.Detach(iPhoneXUDID); err != nil {
		t.Fatal(err)
	}
	if err := usbmux.WriteLockdown(c.c, usbmux.QueryTypeRequest()); err == nil {
		if _, err := usbmux.ReadLockdown(c.c); err == nil {
			t.Error("lockdown connection survived detach")
		}
	}
}

func TestConnectErrors(t *testing.T) {
	s := builtinSim(t, "normal")
	id := listDevices(t, s)[0].DeviceID
	c := dial(t, s)
	if r, _ := usbmux.DecodeResult(c.call(usbmux.ConnectRequest(id, 22))); r.Number != usbmux.ResultConnRefused {
		t.Errorf("unknown port: %+v", r)
	}
	if r, _ := usbmux.DecodeResult(c.call(usbmux.ConnectRequest(id+7, usbmux.LockdownPort))); r.Number != usbmux.ResultBadDevice {
		t.Errorf("unknown device: %+v", r)
	}
	if _, err := usbmux.DecodePairRecord(c.call(usbmux.ReadPairRecordRequest(iPhoneXUDID))); err == nil {
		t.Error("pair record for an unpaired phone")
	}
	if r, _ := usbmux.DecodeResult(c.call(usbmux.Request{MessageType: "Bogus"})); r.Number != usbmux.ResultBadCommand {
		t.Errorf("unknown command: %+v", r)
	}
	rec := []byte("<plist><dict/></plist>")
	if r, _ := usbmux.DecodeResult(c.call(usbmux.SavePairRecordRequest(iPhoneXUDID, rec))); r.Number != 0 {
		t.Errorf("save: %+v", r)
	}
	if got, err := usbmux.DecodePairRecord(c.call(usbmux.ReadPairRecordRequest(strings.ToUpper(iPhoneXUDID)))); err != nil || string(got) != string(rec) {
		t.Errorf("read back %q %v", got, err)
	}
	if b, err := usbmux.DecodeBUID(c.call(usbmux.ReadBUIDRequest())); err != nil || len(b) != 36 {
		t.Errorf("BUID %q %v", b, err)
	}
}

func TestListenEvents(t *testing.T) {
	s := builtinSim(t, "normal")
	c := dial(t, s)
	if r, err := usbmux.DecodeResult(c.call(usbmux.ListenRequest())); err != nil || r.Number != 0 {
		t.Fatalf("listen: %+v %v", r, err)
	}
	ev := func() usbmux.Event {
		e, err := usbmux.DecodeEvent(c.read())
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	first := ev()
	if first.MessageType != "Attached" || first.Properties.SerialNumber != iPhoneXUDID {
		t.Fatalf("initial event %+v", first)
	}
	_ = s.Detach(iPhoneXUDID)
	if e := ev(); e.MessageType != "Detached" || e.DeviceID != first.DeviceID || e.Properties != nil {
		t.Errorf("detach event %+v", e)
	}
	_ = s.Reattach(iPhoneXUDID)
	if err := s.SetMode(iPhoneXUDID, device.ModeRestore); err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for range 3 {
		kinds = append(kinds, ev().MessageType)
	}
	if strings.Join(kinds, ",") != "Attached,Detached,Attached" {
		t.Errorf("reattach + restore events %v", kinds)
	}
	devs := listDevices(t, s)
	lc := connectLockdown(t, s, devs[0].DeviceID)
	if r := lc.lockdown(usbmux.QueryTypeRequest()); r.Type != usbmux.TypeRestored {
		t.Errorf("restore QueryType %+v", r)
	}
}

func TestScenarioTimeline(t *testing.T) {
	sc, err := ParseScenario([]byte(`{"name":"quick","steps":[
		{"at":"0s","action":"attach","phone":{"product_type":"iPhone16,1","cpid":33072,"ecid":42,"trust":"trusted"}},
		{"at":"50ms","action":"mode","udid":"00008130-000000000000002A","mode":"restore"},
		{"at":"100ms","action":"detach","udid":"00008130-000000000000002a"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	s := startSim(t, sc)
	if p := s.Phones(); len(p) != 1 || p[0].Mode != device.ModeNormal {
		t.Fatalf("at start: %+v", p)
	}
	deadline := time.Now().Add(2 * time.Second)
	for len(s.Phones()) != 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if p := s.Phones(); len(p) != 0 {
		t.Errorf("after the timeline: %+v", p)
	}
}

func TestMalformedClient(t *testing.T) {
	s := builtinSim(t, "normal")
	for _, garbage := range [][]byte{
		[]byte("GET / HTTP/1.1\r\n\r\n"),
		{0xff, 0xff, 0xff, 0x7f, 1, 0, 0, 0, 8, 0, 0, 0, 1, 0, 0, 0},
		append([]byte{24, 0, 0, 0, 1, 0, 0, 0, 8, 0, 0, 0, 1, 0, 0, 0}, "not xml!"...),
	} {
		c := dial(t, s)
		_, _ = c.c.Write(garbage)
		var b [1]byte
		if _, err := c.c.Read(b[:]); err == nil {
			t.Errorf("client sending %q was answered", garbage)
		}
	}
	// Garbage inside a lockdown conversation closes that connection only.
	lc := connectLockdown(t, s, listDevices(t, s)[0].DeviceID)
	_, _ = lc.c.Write([]byte{0, 0, 0, 3, 'x', 'y', 'z'})
	var b [1]byte
	if _, err := lc.c.Read(b[:]); err == nil {
		t.Error("lockdown garbage was answered")
	}
	if len(listDevices(t, s)) != 1 {
		t.Error("simulator broken by a bad client")
	}
}

func TestCloseAndRestart(t *testing.T) {
	before := runtime.NumGoroutine()
	dir, _ := os.MkdirTemp("", "mx")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "s.sock")
	sc, _ := LoadScenario("two-phones")
	s, err := New(path, sc)
	if err != nil {
		t.Fatal(err)
	}
	_ = s.Start()
	lis := dial(t, s)
	lis.call(usbmux.ListenRequest())
	ld := connectLockdown(t, s, listDevices(t, s)[0].DeviceID)
	idle := dial(t, s)

	done := make(chan struct{})
	go func() { s.Kill(); close(done) }()
	select {
	case <-done:
	case <-time.After(3 * time.Second):
		t.Fatal("Close hung")
	}
	for _, c := range []*client{lis, ld, idle} {
		var b [1024]byte
		for {
			if _, err := c.c.Read(b[:]); err != nil {
				if errors.Is(err, os.ErrDeadlineExceeded) {
					t.Error("client connection left open")
				}
				break
			}
		}
	}
	s2, err := New(path, sc)
	if err != nil {
		t.Fatalf("restart on the same path: %v", err)
	}
	_ = s2.Start()
	if n := len(listDevices(t, s2)); n != 2 {
		t.Errorf("restarted sim lists %d", n)
	}
	_ = s2.Close()
	for _, c := range []*client{lis, ld, idle} {
		c.c.Close()
	}
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("goroutines: %d before, %d after", before, n)
	}
}
