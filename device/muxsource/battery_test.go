package muxsource

import (
	"context"
	"net"
	"testing"
	"time"

	"unstuck/device"
	"unstuck/device/tr"
	"unstuck/device/usbmux"
)

// waitDevice lists until ok holds for the first device, or fails after 5 s.
func waitDevice(t *testing.T, src *Source, what string, ok func(device.MuxDevice) bool) device.MuxDevice {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		d := list(t, src)
		if len(d) == 1 && ok(d[0]) {
			return d[0]
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: never; last %+v", what, d)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestBatteryTrusted(t *testing.T) {
	s := startSim(t, "trusted")
	src := newSource(s)
	d := list(t, src)[0]
	want := device.Battery{Percent: 54, Charging: true, ExternalPower: true, CycleCount: 312, DesignCapacity: 2716, FullChargeCapacity: 2390}
	if d.Trust != device.TrustTrusted || d.Note != (tr.Text{}) || d.Battery == nil || *d.Battery != want {
		t.Fatalf("trusted phone: trust %s note %q battery %+v", d.Trust, d.Note, d.Battery)
	}
	// A phone that becomes trusted by pairing shows its battery too.
	n := startSim(t, "normal")
	src = New(Options{Address: n.Address(), Timeout: time.Second, Recheck: 50 * time.Millisecond, IdentityFile: "-"})
	list(t, src)
	_ = n.SetTrust(iPhoneXUDID, device.TrustTrusted)
	waitDevice(t, src, "battery after pairing", func(d device.MuxDevice) bool {
		return d.Trust == device.TrustTrusted && d.Battery != nil && d.Battery.Percent == 54
	})
}

// TestBatteryRefresh: a change is picked up within BatteryRefresh, and
// Listen hears of it; in between, List costs no session.
func TestBatteryRefresh(t *testing.T) {
	s := startSim(t, "trusted")
	src := New(Options{Address: s.Address(), Timeout: time.Second, BatteryRefresh: 300 * time.Millisecond, IdentityFile: "-"})
	events, _, _ := listen(t, src)
	list(t, src)
	_ = s.SetBattery(iPhoneXUDID, 31, false)
	if d := list(t, src)[0]; d.Battery == nil || d.Battery.Percent != 54 {
		t.Errorf("battery re-read before BatteryRefresh: %+v", d.Battery)
	}
	for len(events) > 0 {
		<-events
	}
	start := time.Now()
	waitDevice(t, src, "new battery", func(d device.MuxDevice) bool {
		return d.Battery != nil && *d.Battery == device.Battery{Percent: 31, CycleCount: 312, DesignCapacity: 2716, FullChargeCapacity: 2390}
	})
	if time.Since(start) > 2*time.Second {
		t.Errorf("battery change took %v", time.Since(start))
	}
	select {
	case <-events:
	case <-time.After(2 * time.Second):
		t.Error("Listen did not hear of the battery change")
	}
}

func TestStalePairing(t *testing.T) {
	s := startSim(t, "trusted")
	_ = s.ForgetPairing(iPhoneXUDID)
	d := list(t, New(Options{Address: s.Address(), Timeout: time.Second, IdentityFile: "-"}))[0]
	if d.Trust != device.TrustUnknown || d.Note != StalePairingNote || d.Battery != nil {
		t.Errorf("stale pairing at first read: %s %q %+v", d.Trust, d.Note, d.Battery)
	}
	// Found by a background refresh, and kept by the trust re-checks.
	s = startSim(t, "trusted")
	src := New(Options{Address: s.Address(), Timeout: time.Second, Recheck: 50 * time.Millisecond, BatteryRefresh: 100 * time.Millisecond, IdentityFile: "-"})
	list(t, src)
	_ = s.ForgetPairing(iPhoneXUDID)
	waitDevice(t, src, "stale note", func(d device.MuxDevice) bool { return d.Note == StalePairingNote })
	time.Sleep(300 * time.Millisecond)
	if d := list(t, src)[0]; d.Trust != device.TrustUnknown || d.Note != StalePairingNote {
		t.Errorf("stale pairing flapped to %s %q", d.Trust, d.Note)
	}
}

// sessionUsbmuxd is a usbmuxd whose phone accepts StartSession and then,
// mid-session, either hangs or drops the connection (pulled, or killed).
func sessionUsbmuxd(t *testing.T, record []byte, hang bool) string {
	stop := make(chan struct{})
	t.Cleanup(func() { close(stop) })
	return fakeUsbmuxd(t, func(c net.Conn) {
		f, err := usbmux.ReadFrame(c)
		if err != nil {
			return
		}
		req, err := usbmux.DecodeRequest(f.Body)
		if err != nil {
			return
		}
		switch req.MessageType {
		case usbmux.MsgReadPairRecord:
			_ = usbmux.WriteMessage(c, f.Tag, usbmux.PairRecordReply{PairRecordData: record})
		case usbmux.MsgConnect:
			_ = usbmux.WriteMessage(c, f.Tag, usbmux.ResultReply(usbmux.ResultOK))
			if _, err := usbmux.ReadLockdown(c); err != nil {
				return
			}
			_ = usbmux.WriteLockdown(c, usbmux.LockdownReply{Request: usbmux.ReqStartSession, SessionID: "1", EnableSessionSSL: true})
			if hang {
				<-stop
			}
		}
	})
}

func TestBatteryPhoneGoneMidSession(t *testing.T) {
	s := startSim(t, "trusted")
	rec := s.PairRecord(iPhoneXUDID)
	for name, hang := range map[string]bool{"hung": true, "dropped": false} {
		t.Run(name, func(t *testing.T) {
			src := New(Options{Address: sessionUsbmuxd(t, rec, hang), Timeout: 300 * time.Millisecond, IdentityFile: "-"})
			start := time.Now()
			trust, note, b := src.battery(context.Background(), 1, iPhoneXUDID)
			if trust != device.TrustTrusted || note.IsZero() || b != nil || time.Since(start) > 2*time.Second {
				t.Errorf("%s mid-session: %s %q %+v after %v", name, trust, note, b, time.Since(start))
			}
		})
	}
	// The real simulator killed while a phone is listed: a refresh fails
	// fast into a Note, no hang.
	src := New(Options{Address: s.Address(), Timeout: 300 * time.Millisecond, BatteryRefresh: time.Millisecond, IdentityFile: "-"})
	list(t, src)
	s.Kill()
	start := time.Now()
	trust, note, _ := src.battery(context.Background(), 1, iPhoneXUDID)
	if note.IsZero() || trust != device.TrustTrusted || time.Since(start) > time.Second {
		t.Errorf("after kill: %s %q after %v", trust, note, time.Since(start))
	}
}
