package muxsource

import (
	"context"
	"net"
	"path/filepath"
	"testing"
	"time"

	"unstuck/device"
	"unstuck/device/muxsim"
	"unstuck/device/tr"
	"unstuck/device/usbmux"
)

// startTrustedWith starts the "trusted" scenario with its phone changed by edit.
func startTrustedWith(t *testing.T, edit func(*muxsim.Phone)) *muxsim.Sim {
	t.Helper()
	sc, err := muxsim.LoadScenario("trusted")
	if err != nil {
		t.Fatal(err)
	}
	p := *sc.Steps[0].Phone
	edit(&p)
	sc.Steps[0].Phone = &p
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

// TestBatteryHealth: health comes with the level, follows the phone on the
// next refresh, and external power without charging is told apart.
func TestBatteryHealth(t *testing.T) {
	s := startTrustedWith(t, func(p *muxsim.Phone) {
		p.BatteryPercent, p.BatteryCharging, p.BatteryExternalPower = 100, false, true
		p.BatteryCycleCount, p.BatteryDesignCapacity, p.BatteryFullChargeCapacity = 641, 3110, 2580
	})
	src := New(Options{Address: s.Address(), Timeout: time.Second, BatteryRefresh: 100 * time.Millisecond, IdentityFile: "-"})
	d := list(t, src)[0]
	want := device.Battery{Percent: 100, ExternalPower: true, CycleCount: 641, DesignCapacity: 3110, FullChargeCapacity: 2580}
	if d.Battery == nil || *d.Battery != want || d.Note != (tr.Text{}) {
		t.Fatalf("battery %+v note %q, want %+v", d.Battery, d.Note, want)
	}
	if h := d.Battery.HealthPercent(); h != 83 {
		t.Errorf("health %d%%, want 83", h)
	}
	_ = s.SetBatteryHealth(iPhoneXUDID, muxsim.BatteryHealth{CycleCount: 642, DesignCapacity: 3110, FullChargeCapacity: 2570})
	_ = s.SetExternalPower(iPhoneXUDID, false)
	waitDevice(t, src, "new health", func(d device.MuxDevice) bool {
		return d.Battery != nil && d.Battery.CycleCount == 642 && d.Battery.FullChargeCapacity == 2570 && !d.Battery.ExternalPower
	})
}

// TestBatteryHealthUnknown: a phone that hides its health, or refuses the
// relay, still shows its level, with no Note.
func TestBatteryHealthUnknown(t *testing.T) {
	for name, edit := range map[string]func(*muxsim.Phone){
		"hidden":   func(p *muxsim.Phone) { p.BatteryHealthHidden = true },
		"no relay": func(p *muxsim.Phone) { p.NoDiagnosticsRelay = true },
	} {
		t.Run(name, func(t *testing.T) {
			s := startTrustedWith(t, func(p *muxsim.Phone) { p.BatteryPercent, p.BatteryCharging = 17, false; edit(p) })
			d := list(t, newSource(s))[0]
			if d.Battery == nil || *d.Battery != (device.Battery{Percent: 17}) || d.Note != (tr.Text{}) || d.Trust != device.TrustTrusted {
				t.Errorf("battery %+v note %q trust %s", d.Battery, d.Note, d.Trust)
			}
		})
	}
}

// TestHealthRelayFailures: a relay that hangs, drops, or answers nonsense
// fails fast with an error; the caller then keeps the level.
func TestHealthRelayFailures(t *testing.T) {
	s := startSim(t, "trusted")
	rec := s.PairRecord(iPhoneXUDID)
	stop := make(chan struct{})
	t.Cleanup(func() { close(stop) })
	relayUsbmuxd := func(after func(net.Conn)) string {
		return fakeUsbmuxd(t, func(c net.Conn) {
			f, err := usbmux.ReadFrame(c)
			if err != nil {
				return
			}
			switch req, _ := usbmux.DecodeRequest(f.Body); req.MessageType {
			case usbmux.MsgReadPairRecord:
				_ = usbmux.WriteMessage(c, f.Tag, usbmux.PairRecordReply{PairRecordData: rec})
			case usbmux.MsgConnect:
				_ = usbmux.WriteMessage(c, f.Tag, usbmux.ResultReply(usbmux.ResultOK))
				after(c)
			}
		})
	}
	started := usbmux.LockdownReply{Port: 49152}
	cases := map[string]struct {
		addr    string
		started usbmux.LockdownReply
	}{
		"hung":        {relayUsbmuxd(func(net.Conn) { <-stop }), started},
		"hung in TLS": {relayUsbmuxd(func(net.Conn) { <-stop }), usbmux.LockdownReply{Port: 49152, EnableServiceSSL: true}},
		"dropped":     {relayUsbmuxd(func(net.Conn) {}), started},
		"no entry": {relayUsbmuxd(func(c net.Conn) {
			_, _ = usbmux.ReadLockdown(c)
			_ = usbmux.WriteLockdown(c, usbmux.RelayReply{Status: "Success"})
		}), started},
		"failure": {relayUsbmuxd(func(c net.Conn) {
			_, _ = usbmux.ReadLockdown(c)
			_ = usbmux.WriteLockdown(c, usbmux.RelayReply{Status: "Failure"})
		}), started},
		"garbage": {relayUsbmuxd(func(c net.Conn) { _, _ = usbmux.ReadLockdown(c); _, _ = c.Write([]byte{0, 0, 0, 2, '<', '?'}) }), started},
		"refused": {fakeUsbmuxd(t, func(c net.Conn) {
			f, _ := usbmux.ReadFrame(c)
			_ = usbmux.WriteMessage(c, f.Tag, usbmux.ResultReply(usbmux.ResultConnRefused))
		}), started},
		"port zero":     {s.Address(), usbmux.LockdownReply{}},
		"port too high": {s.Address(), usbmux.LockdownReply{Port: 70000}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			src := New(Options{Address: c.addr, Timeout: 300 * time.Millisecond, IdentityFile: "-"})
			start := time.Now()
			e, err := src.readHealth(context.Background(), 1, iPhoneXUDID, c.started)
			if err == nil || e != nil || time.Since(start) > 2*time.Second {
				t.Errorf("%v %v after %v", e, err, time.Since(start))
			}
		})
	}
}

func TestAddHealth(t *testing.T) {
	cases := []struct {
		entry map[string]any
		want  device.Battery
	}{
		{map[string]any{"CycleCount": uint64(5), "DesignCapacity": uint64(3000), "NominalChargeCapacity": uint64(2900), "AppleRawMaxCapacity": uint64(2950)},
			device.Battery{CycleCount: 5, DesignCapacity: 3000, FullChargeCapacity: 2900}},
		{map[string]any{"DesignCapacity": int64(3000), "AppleRawMaxCapacity": int64(2950)}, // older iOS: no nominal
			device.Battery{DesignCapacity: 3000, FullChargeCapacity: 2950}},
		{map[string]any{"CycleCount": int64(-3), "DesignCapacity": "3000", "NominalChargeCapacity": uint64(2900)}, device.Battery{}},
		{map[string]any{"DesignCapacity": uint64(1000), "NominalChargeCapacity": uint64(2500)}, device.Battery{}}, // unbelievable
		{map[string]any{"DesignCapacity": uint64(999_999), "NominalChargeCapacity": uint64(2500)}, device.Battery{}},
		{nil, device.Battery{}},
	}
	for i, c := range cases {
		b := device.Battery{}
		addHealth(&b, c.entry)
		if b != c.want {
			t.Errorf("case %d: %+v, want %+v", i, b, c.want)
		}
	}
}
