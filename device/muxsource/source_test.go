package muxsource

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"unstuck/device"
	"unstuck/device/muxsim"
	"unstuck/device/tr"
	"unstuck/device/usbmux"
)

const iPhoneXUDID = "03c0a17f73c6502b3c21ef14cbc5fbea61a0c471"

// shortDir is a temp dir with a short path: unix socket paths are limited.
func shortDir(t testing.TB) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "mx")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

func startSim(t testing.TB, scenario string) *muxsim.Sim {
	t.Helper()
	sc, err := muxsim.LoadScenario(scenario)
	if err != nil {
		t.Fatal(err)
	}
	s, err := muxsim.New(filepath.Join(shortDir(t), "s.sock"), sc)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func newSource(s *muxsim.Sim) *Source {
	return New(Options{Address: s.Address(), Timeout: time.Second, Recheck: 50 * time.Millisecond})
}

// newPatientSource is newSource with a timeout a 15 MB hostile reply meets
// on a loaded machine under the race detector (1 s did not, in CI-like
// runs): the hostile tests check what is read, not how fast.
func newPatientSource(s *muxsim.Sim) *Source {
	return New(Options{Address: s.Address(), Timeout: 30 * time.Second, Recheck: 50 * time.Millisecond})
}

func list(t testing.TB, src *Source) []device.MuxDevice {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	devs, err := src.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return devs
}

// listen runs Listen in the background; each event is a value on the channel.
func listen(t testing.TB, src *Source) (events chan struct{}, done chan error, cancel func()) {
	ctx, cancel := context.WithCancel(context.Background())
	events, done = make(chan struct{}, 64), make(chan error, 1)
	go func() {
		done <- src.Listen(ctx, func() {
			select {
			case events <- struct{}{}:
			default:
			}
		})
	}()
	t.Cleanup(cancel)
	return events, done, cancel
}

func TestListScenarios(t *testing.T) {
	for _, c := range []struct {
		scenario string
		trust    device.Trust
	}{
		{"normal", device.TrustPending},
		{"trusted", device.TrustTrusted},
		{"denied", device.TrustDenied},
		{"passcode", device.TrustPasscode},
	} {
		t.Run(c.scenario, func(t *testing.T) {
			t.Parallel()
			s := startSim(t, c.scenario)
			devs := list(t, newSource(s))
			if len(devs) != 1 {
				t.Fatalf("%d devices", len(devs))
			}
			d := devs[0]
			want := device.LockdownValues{
				DeviceName: "Anna's iPhone", ProductType: "iPhone10,3", ProductVersion: "16.7.10", BuildVersion: "20H350",
				HardwareModel: "D22AP", UniqueChipID: 0x001C2D3E4F5A6B7C, ChipID: 0x8015, BoardID: 6,
			}
			if d.UDID != iPhoneXUDID || d.Mode != device.ModeNormal || d.Trust != c.trust || d.Values != want ||
				d.ProductID != 0x12a8 || d.LocationID>>16 != 1 || d.SpeedBits != 480_000_000 || d.Note != (tr.Text{}) {
				t.Errorf("got %+v", d)
			}
		})
	}
}

func TestTwoPhonesAndRestore(t *testing.T) {
	s := startSim(t, "two-phones")
	src := newSource(s)
	devs := list(t, src)
	if len(devs) != 2 || devs[1].Values.ProductType != "iPhone16,1" || devs[1].Trust != device.TrustTrusted {
		t.Fatalf("two phones: %+v", devs)
	}
	if err := s.SetMode(devs[1].UDID, device.ModeRestore); err != nil {
		t.Fatal(err)
	}
	devs = list(t, src)
	if len(devs) != 2 || devs[1].Mode != device.ModeRestore || devs[1].Trust != "" || devs[1].Note != (tr.Text{}) {
		t.Fatalf("restore: %+v", devs)
	}
}

// TestTrustTapped: the user taps Trust; a background re-check notices,
// pairs, saves the record through usbmuxd and pokes Listen.
func TestTrustTapped(t *testing.T) {
	s := startSim(t, "normal")
	src := newSource(s)
	if d := list(t, src); d[0].Trust != device.TrustPending {
		t.Fatalf("before: %+v", d)
	}
	events, _, _ := listen(t, src)
	<-events // the initial Attached
	_ = s.SetTrust(iPhoneXUDID, device.TrustTrusted)
	deadline := time.After(5 * time.Second)
	for {
		time.Sleep(60 * time.Millisecond)
		if d := list(t, src); d[0].Trust == device.TrustTrusted {
			break
		}
		select {
		case <-deadline:
			t.Fatal("trust never became trusted")
		default:
		}
	}
	select {
	case <-events: // the trust change, or usbmuxd's Paired event
	case <-time.After(2 * time.Second):
		t.Error("Listen was not told about the trust change")
	}
	rec := s.PairRecord(iPhoneXUDID)
	var hr usbmux.HostPairRecord
	if err := usbmux.Unmarshal(rec, &hr); err != nil || len(hr.EscrowBag) == 0 || hr.HostID == "" || len(hr.HostPrivateKey) == 0 {
		t.Errorf("saved pair record: %v %+v", err, hr)
	}
}

func TestListenDetach(t *testing.T) {
	s := startSim(t, "trusted")
	src := newSource(s)
	if len(list(t, src)) != 1 {
		t.Fatal("phone missing")
	}
	events, done, cancel := listen(t, src)
	<-events
	start := time.Now()
	_ = s.Detach(iPhoneXUDID)
	select {
	case <-events:
		if d := time.Since(start); d > 100*time.Millisecond {
			t.Errorf("detach seen after %v", d)
		}
	case <-time.After(time.Second):
		t.Fatal("detach not seen")
	}
	if n := len(list(t, src)); n != 0 {
		t.Errorf("%d devices after detach", n)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Listen after cancel: %v", err)
	}
}

// TestKilledUsbmuxd: usbmuxd dies; Listen and List report it, neither hangs.
func TestKilledUsbmuxd(t *testing.T) {
	s := startSim(t, "normal")
	src := newSource(s)
	_, done, _ := listen(t, src)
	list(t, src)
	s.Kill()
	select {
	case err := <-done:
		if err == nil {
			t.Error("Listen returned nil after usbmuxd died")
		}
	case <-time.After(2 * time.Second):
		t.Fatal("Listen hung after usbmuxd died")
	}
	start := time.Now()
	if _, err := src.List(context.Background()); err == nil || time.Since(start) > time.Second {
		t.Errorf("List after usbmuxd died: %v after %v", err, time.Since(start))
	}
}

// fakeUsbmuxd accepts connections and hands each to serve.
func fakeUsbmuxd(t *testing.T, serve func(net.Conn)) string {
	path := filepath.Join(shortDir(t), "f.sock")
	ln, err := net.Listen("unix", path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() { defer c.Close(); serve(c) }()
		}
	}()
	return "UNIX://" + path
}

func TestHungUsbmuxd(t *testing.T) {
	stop := make(chan struct{})
	t.Cleanup(func() { close(stop) })
	addr := fakeUsbmuxd(t, func(net.Conn) { <-stop })
	src := New(Options{Address: addr, Timeout: 200 * time.Millisecond})
	start := time.Now()
	_, err := src.List(context.Background())
	if err == nil || time.Since(start) > time.Second {
		t.Errorf("List against a hung usbmuxd: %v after %v", err, time.Since(start))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := src.Listen(ctx, func() {}); err == nil || ctx.Err() != nil {
		t.Errorf("Listen against a hung usbmuxd: %v", err)
	}
}

func TestGarbageUsbmuxd(t *testing.T) {
	frame := func(body string) []byte { b, _ := usbmux.AppendFrame(nil, 1, []byte(body)); return b }
	for name, reply := range map[string][]byte{
		"http":          []byte("HTTP/1.1 400 Bad Request\r\n\r\n"),
		"huge length":   {0xff, 0xff, 0xff, 0x7f, 1, 0, 0, 0, 8, 0, 0, 0, 1, 0, 0, 0},
		"not a plist":   frame("hello"),
		"wrong plist":   frame(`<plist><dict><key>DeviceList</key><string>x</string></dict></plist>`),
		"event garbage": append(frame(`<plist><dict><key>Number</key><integer>0</integer></dict></plist>`), frame("zzz")...),
	} {
		t.Run(name, func(t *testing.T) {
			addr := fakeUsbmuxd(t, func(c net.Conn) {
				_, _ = usbmux.ReadFrame(c)
				_, _ = c.Write(reply)
				time.Sleep(100 * time.Millisecond)
			})
			src := New(Options{Address: addr, Timeout: time.Second})
			if devs, err := src.List(context.Background()); err == nil {
				t.Errorf("List: no error, %+v", devs)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
			defer cancel()
			if err := src.Listen(ctx, func() {}); err == nil || ctx.Err() != nil {
				t.Errorf("Listen: %v", err)
			}
		})
	}
}

func TestBadAddress(t *testing.T) {
	for _, addr := range []string{"a://b://c", "ftp://host", "unix://", "tcp://nohostport", "UNIX:"} {
		src := New(Options{Address: addr})
		if _, err := src.List(context.Background()); !errors.Is(err, ErrBadAddress) {
			t.Errorf("List with %q: %v", addr, err)
		}
		if err := src.Listen(context.Background(), func() {}); !errors.Is(err, ErrBadAddress) {
			t.Errorf("Listen with %q: %v", addr, err)
		}
	}
	// The environment variable goes through the same checks (go-ios panics on it).
	t.Setenv("USBMUXD_SOCKET_ADDRESS", "x://y://z")
	if _, err := New(Options{}).List(context.Background()); !errors.Is(err, ErrBadAddress) {
		t.Errorf("bad USBMUXD_SOCKET_ADDRESS: %v", err)
	}
}

func TestAddressFromEnvironment(t *testing.T) {
	s := startSim(t, "trusted")
	t.Setenv("USBMUXD_SOCKET_ADDRESS", s.Address())
	if devs := list(t, New(Options{})); len(devs) != 1 || devs[0].UDID != iPhoneXUDID {
		t.Errorf("via environment: %+v", devs)
	}
	if s.Path() == "" {
		return // loopback TCP: no unix socket path to write bare (muxsim.New)
	}
	n, a, err := resolveAddress(strings.Replace(s.Address(), "UNIX://", "", 1))
	if err != nil || n != "unix" || a != s.Path() {
		t.Errorf("bare path: %s %s %v", n, a, err)
	}
	if n, a, err := resolveAddress("127.0.0.1:27015"); err != nil || n != "tcp" || a != "127.0.0.1:27015" {
		t.Errorf("host:port: %s %s %v", n, a, err)
	}
}

// BenchmarkEventToList times a phone appearing: simulator Attach, usbmuxd
// event, Listen callback, List returning the new phone (read from lockdown).
func BenchmarkEventToList(b *testing.B) {
	s := startSim(b, "trusted")
	phone := s.Phones()[0]
	src := newSource(s)
	events, _, _ := listen(b, src)
	<-events
	var times []time.Duration
	ctx := context.Background()
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		_ = s.Detach(phone.UDID)
		<-events
		if devs, _ := src.List(ctx); len(devs) != 0 {
			b.Fatal("phone still listed")
		}
		b.StartTimer()
		start := time.Now()
		_ = s.Reattach(phone.UDID)
		<-events
		devs, err := src.List(ctx)
		if err != nil || len(devs) != 1 || devs[0].Values.ProductType == "" {
			b.Fatalf("list: %v %+v", err, devs)
		}
		times = append(times, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)*95/100].Nanoseconds()), "p95-ns")
}

// TestNoPairNeverAsks: a read-only source takes trust from the pair record
// alone. A phone without one is not asked (no Trust dialog, so neither
// pending nor a pairing saved, even once the phone would say yes); a phone
// with one is trusted.
func TestNoPairNeverAsks(t *testing.T) {
	s := startSim(t, "normal")
	src := New(Options{Address: s.Address(), Timeout: time.Second, Recheck: 20 * time.Millisecond, NoPair: true, IdentityFile: "-"})
	if d := list(t, src); d[0].Trust != device.TrustUnknown || d[0].Note != NotPairedNote {
		t.Fatalf("unpaired phone: %+v", d[0])
	}
	_ = s.SetTrust(iPhoneXUDID, device.TrustTrusted) // would pair now, if asked
	for range 5 {
		time.Sleep(30 * time.Millisecond) // past Recheck: background rechecks run
		if d := list(t, src); d[0].Trust != device.TrustUnknown {
			t.Fatalf("trust without a pair record: %+v", d[0])
		}
	}
	if rec := s.PairRecord(iPhoneXUDID); rec != nil {
		t.Fatal("a read-only source paired with the phone")
	}

	trusted := startSim(t, "trusted")
	src = New(Options{Address: trusted.Address(), Timeout: time.Second, NoPair: true, IdentityFile: "-"})
	if d := list(t, src); d[0].Trust != device.TrustTrusted {
		t.Fatalf("paired phone: %+v", d[0])
	}
}

// A phone's Note reads in German through the catalogue, the system's own
// error text kept inside it; JSON (MarshalJSON) stays English.
func TestNoteInGerman(t *testing.T) {
	s := startSim(t, "normal")
	src := New(Options{Address: s.Address(), Timeout: time.Second, NoPair: true, IdentityFile: "-"})
	note := list(t, src)[0].Note
	want := "Dieser Computer ist noch nicht mit dem iPhone gekoppelt; das iPhone wurde nicht gefragt, ob es ihm vertraut (die App, `unstuckctl watch` und `unstuckctl status --pair` fragen)."
	if got := note.In("de"); got != want {
		t.Errorf("German note %q, want %q", got, want)
	}
	raw, _ := json.Marshal(note)
	if !strings.HasPrefix(string(raw), `"This computer has no pairing`) {
		t.Errorf("JSON %s", raw)
	}
	wrapped := tr.Msg("cli.note.battery", "Error", "EOF")
	if got := wrapped.In("de"); got != "Die Batterie konnte nicht gelesen werden: EOF" {
		t.Errorf("German wrapped error %q", got)
	}
}
