//go:build linux && cgo

package e2e

import (
	"testing"

	"unstuck/device"
	"unstuck/device/live"
	"unstuck/device/muxsim"
	"unstuck/device/usbmux"
)

// trustedPhone attaches a paired, trusted iPhone X with the given level.
func trustedPhone(t *testing.T, sim *muxsim.Sim, percent int, charging bool) muxsim.Phone {
	t.Helper()
	p := iPhoneX
	p.Trust, p.Paired, p.BatteryPercent, p.BatteryCharging = device.TrustTrusted, true, percent, charging
	if err := sim.Attach(p); err != nil {
		t.Fatal(err)
	}
	return sim.Phones()[0]
}

// batteryIs waits for the one phone's battery to satisfy ok.
func batteryIs(ok func(device.Battery) bool) func(device.State) bool {
	return func(s device.State) bool {
		return len(s.Devices) == 1 && s.Devices[0].Battery != nil && ok(*s.Devices[0].Battery)
	}
}

// TestWatcherShowsBatteryHealth: the live watcher shows a trusted phone's
// level, charging, external power and health (read through the diagnostics
// relay), agreeing with Debian's idevicediagnostics; when the level drops
// while the phone is not charging, it is marked falling, and low below 20 %.
func TestWatcherShowsBatteryHealth(t *testing.T) {
	sim := startSim(t)
	p := trustedPhone(t, sim, 81, false)
	_, rec := watchLive(t, live.Options{MuxAddress: sim.Address(), NoUSB: true})
	s := rec.waitFor(t, "the battery with its health", batteryIs(func(b device.Battery) bool { return b.HealthKnown() }))
	b := *s.Devices[0].Battery
	want := device.Battery{Percent: 81, CycleCount: 312, DesignCapacity: 2716, FullChargeCapacity: 2390}
	if b != want || b.HealthPercent() != 88 || b.Low() {
		t.Errorf("battery %+v, want %+v (health 88 %%, not low)", b, want)
	}

	// Debian's tool reads the same entry through its own session and TLS.
	out := libimobiledevice(t, sim, "idevicediagnostics", "-u", p.UDID, "ioregentry", "AppleSmartBattery")
	var diag struct{ IORegistry map[string]any }
	if err := usbmux.Unmarshal([]byte(out), &diag); err != nil || diag.IORegistry == nil {
		t.Fatalf("idevicediagnostics output: %v\n%s", err, out)
	}
	entry := diag.IORegistry
	for k, v := range map[string]int{"CycleCount": b.CycleCount, "DesignCapacity": b.DesignCapacity, "NominalChargeCapacity": b.FullChargeCapacity, "CurrentCapacity": b.Percent} {
		if n, ok := entry[k].(uint64); !ok || int(n) != v {
			t.Errorf("idevicediagnostics %s = %v, the watcher shows %d", k, entry[k], v)
		}
	}

	// The level drops to 15 % off power. The watcher sees it when the
	// phone is read again: here after a reconnect (otherwise within the
	// 30 s battery refresh).
	if err := sim.SetBattery(p.UDID, 15, false); err != nil {
		t.Fatal(err)
	}
	if err := sim.SetBatteryHealth(p.UDID, muxsim.BatteryHealth{CycleCount: 313, DesignCapacity: 2716, FullChargeCapacity: 2388}); err != nil {
		t.Fatal(err)
	}
	_ = sim.Detach(p.UDID)
	_ = sim.Reattach(p.UDID)
	s = rec.waitFor(t, "the lower level", batteryIs(func(b device.Battery) bool { return b.Percent == 15 }))
	if b := *s.Devices[0].Battery; !b.Falling || !b.Low() || b.CycleCount != 313 || b.FullChargeCapacity != 2388 {
		t.Errorf("after dropping to 15 %%: %+v (low %v)", b, b.Low())
	}

	// Plugged into power and charging: not falling any more.
	_ = sim.SetBattery(p.UDID, 16, true)
	_ = sim.Detach(p.UDID)
	_ = sim.Reattach(p.UDID)
	s = rec.waitFor(t, "charging", batteryIs(func(b device.Battery) bool { return b.Charging }))
	if b := *s.Devices[0].Battery; b.Falling || !b.ExternalPower || b.Percent != 16 {
		t.Errorf("charging: %+v", b)
	}
}

// TestWatcherBatteryFallsDuringUpdate: the level when the phone left normal
// mode for the restore OS is the baseline; back in iOS lower, it is falling
// although it was never read during the update.
func TestWatcherBatteryFallsDuringUpdate(t *testing.T) {
	sim := startSim(t)
	p := trustedPhone(t, sim, 90, true)
	// Unplugged from the charger, at 60 %, before the update starts.
	_ = sim.SetBattery(p.UDID, 60, false)
	_, rec := watchLive(t, live.Options{MuxAddress: sim.Address(), NoUSB: true})
	rec.waitFor(t, "60 %", batteryIs(func(b device.Battery) bool { return b.Percent == 60 && !b.Falling }))
	if err := sim.SetMode(p.UDID, device.ModeRestore); err != nil {
		t.Fatal(err)
	}
	s := rec.waitFor(t, "the update", func(s device.State) bool {
		return len(s.Devices) == 1 && s.Devices[0].Mode == device.ModeRestore
	})
	if s.Devices[0].Battery != nil {
		t.Errorf("a battery read from the restore OS: %+v", s.Devices[0].Battery)
	}
	_ = sim.SetBattery(p.UDID, 52, false)
	_ = sim.SetMode(p.UDID, device.ModeNormal)
	s = rec.waitFor(t, "back in iOS", batteryIs(func(b device.Battery) bool { return b.Percent == 52 }))
	if b := *s.Devices[0].Battery; !b.Falling || b.Low() {
		t.Errorf("after the update: %+v", b)
	}
}
