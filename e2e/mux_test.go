//go:build linux && cgo

package e2e

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"unstuck/device"
	"unstuck/device/fixture"
	"unstuck/device/live"
	"unstuck/device/muxsim"
	"unstuck/device/usbsim"
)

// iPhoneX is the fixtures' iPhone X in the usbmuxd simulator: the phone the
// emulated bus shows in recovery and DFU, the same ECID in every mode.
var iPhoneX = func() muxsim.Phone {
	p := muxsim.PhoneFrom(fixture.IPhoneXOnMux().Values)
	p.DeviceName, p.Trust = "Test iPhone", device.TrustPending
	return p
}()

// iPhone12 is a second phone, running iOS.
var iPhone12 = muxsim.PhoneFrom(fixture.IPhone12OnMux().Values)

func startSim(t testing.TB) *muxsim.Sim {
	t.Helper()
	dir, err := os.MkdirTemp("", "mx")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	sim, err := muxsim.New(filepath.Join(dir, "s.sock"), muxsim.Scenario{Name: "e2e"})
	if err != nil {
		t.Fatal(err)
	}
	if err := sim.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sim.Close() })
	return sim
}

// libimobiledevice runs one of Debian's libimobiledevice tools against the simulator.
func libimobiledevice(t *testing.T, sim *muxsim.Sim, tool string, args ...string) string {
	t.Helper()
	bin, err := exec.LookPath(tool)
	if err != nil {
		t.Skipf("%s is not installed (make test installs libimobiledevice-utils)", tool)
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "USBMUXD_SOCKET_ADDRESS="+sim.Address())
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %v: %v\n%s", tool, args, err, out.String())
	}
	return out.String()
}

// TestWatcherAgreesWithLibimobiledevice: for each trust state, Unstuck's
// picture of a normal-mode phone must match what idevice_id and
// ideviceinfo, independent clients, read from the same usbmuxd.
func TestWatcherAgreesWithLibimobiledevice(t *testing.T) {
	for _, trust := range []device.Trust{device.TrustPending, device.TrustDenied, device.TrustPasscode, device.TrustTrusted} {
		t.Run(string(trust), func(t *testing.T) {
			sim := startSim(t)
			p := iPhoneX
			p.Trust = trust
			if err := sim.Attach(p); err != nil {
				t.Fatal(err)
			}
			_, rec := watchLive(t, live.Options{MuxAddress: sim.Address(), NoUSB: true})
			s := rec.waitFor(t, "the phone with its trust state", func(s device.State) bool {
				return len(s.Devices) == 1 && s.Devices[0].Trust == trust
			})
			d := s.Devices[0]

			ids := strings.Fields(libimobiledevice(t, sim, "idevice_id", "-l"))
			if len(ids) != 1 || !strings.EqualFold(ids[0], d.UDID) {
				t.Errorf("idevice_id -l lists %v; Unstuck has UDID %q", ids, d.UDID)
			}
			info := map[string]string{}
			for _, line := range strings.Split(libimobiledevice(t, sim, "ideviceinfo", "-s", "-u", d.UDID), "\n") {
				if k, v, ok := strings.Cut(line, ": "); ok {
					info[k] = v
				}
			}
			for key, ours := range map[string]string{
				"ProductType": d.ProductType, "ProductVersion": d.IOSVersion, "BuildVersion": d.IOSBuild,
				"DeviceName": d.DeviceName, "UniqueDeviceID": d.UDID, "UniqueChipID": itoa(d.ECID),
			} {
				if info[key] != ours {
					t.Errorf("%s: ideviceinfo says %q, Unstuck %q", key, info[key], ours)
				}
			}
			if d.Mode != device.ModeNormal || d.Model != fixture.XModel {
				t.Errorf("mode %s model %q", d.Mode, d.Model)
			}
		})
	}
}

func itoa(v uint64) string { return strconv.FormatUint(v, 10) }

// bootNormally plays the iPhone X booting iOS: it appears on the emulated
// bus in the normal range (serial = UDID), and usbmuxd lists it at the same
// location.
func bootNormally(t *testing.T, tb *usbsim.Testbed, sim *muxsim.Sim, p muxsim.Phone) *usbsim.Device {
	t.Helper()
	normal, err := tb.Add(onBus(device.ModeNormal))
	if err != nil {
		t.Fatal(err)
	}
	p.UDID = fixture.XUDID
	ph := normal.Phone()
	p.LocationID = uint32(ph.Bus)<<16 | uint32(ph.Address)
	if err := sim.Attach(p); err != nil {
		t.Fatal(err)
	}
	return normal
}

// TestFollowsOnePhoneThroughEveryMode: DFU -> recovery -> gone -> normal,
// across both sources, always the same phone (one key, by ECID).
func TestFollowsOnePhoneThroughEveryMode(t *testing.T) {
	tb := newTestbed(t)
	sim := startSim(t)
	_, rec := watchLive(t, live.Options{MuxAddress: sim.Address(), SysfsRoot: tb.Dir() + "/sys"})

	dfu, err := tb.Add(onBus(device.ModeDFU))
	if err != nil {
		t.Fatal(err)
	}
	rec.waitFor(t, "DFU", identified(device.ModeDFU))
	tb.Remove(dfu)
	recovery, err := tb.Add(onBus(device.ModeRecovery))
	if err != nil {
		t.Fatal(err)
	}
	rec.waitFor(t, "recovery", identified(device.ModeRecovery))
	tb.Remove(recovery)
	rec.waitFor(t, "gone", func(s device.State) bool { return len(s.Devices) == 0 })

	bootNormally(t, tb, sim, iPhoneX)
	// usbmuxd and the USB poll may report it in either order; wait for both.
	s := rec.waitFor(t, "normal, joined with its USB device", func(s device.State) bool {
		return only(device.ModeNormal)(s) && s.Devices[0].USB.Port != ""
	})
	d := s.Devices[0]
	if d.Key != fixture.XKey || d.IOSVersion != fixture.XIOSVersion || len(s.Devices) != 1 {
		t.Errorf("normal-mode phone not joined with its USB device: %+v", d)
	}
	var path []string
	for _, e := range s.Timeline {
		if e.Key != d.Key {
			t.Errorf("timeline event for another key: %+v", e)
		}
		if e.Kind == device.EventModeChanged {
			path = append(path, e.To)
		}
	}
	if strings.Join(path, ",") != "recovery,normal" {
		t.Errorf("mode changes %v, want recovery then normal", path)
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	for _, st := range rec.states {
		for _, d := range st.Devices {
			if d.Mode == device.ModeUSBOnly {
				t.Errorf("the phone was shown usb-only on its way to normal mode")
			}
		}
	}
}

// BenchmarkUsbmuxdEventToState measures a phone attaching in the usbmuxd
// simulator until the watcher publishes it with its lockdown facts read
// (goal: 20 ms p95).
func BenchmarkUsbmuxdEventToState(b *testing.B) {
	sim := startSim(b)
	_, rec := watchLive(b, live.Options{MuxAddress: sim.Address(), NoUSB: true})
	rec.waitFor(b, "start", func(device.State) bool { return true })
	p := iPhoneX
	p.UDID = muxsim.UDIDFor(p.ChipID, p.UniqueChipID)
	var lat []time.Duration
	b.ResetTimer()
	for range b.N {
		start := time.Now()
		if err := sim.Attach(p); err != nil {
			b.Fatal(err)
		}
		rec.waitFor(b, "attached", func(s device.State) bool {
			return len(s.Devices) == 1 && s.Devices[0].ProductType != ""
		})
		lat = append(lat, time.Since(start))
		if err := sim.Detach(p.UDID); err != nil {
			b.Fatal(err)
		}
		rec.waitFor(b, "detached", func(s device.State) bool { return len(s.Devices) == 0 })
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(ms(lat[len(lat)/2]), "p50-ms")
	b.ReportMetric(ms(lat[(len(lat)*95)/100]), "p95-ms")
}

// TestUsbmuxdKilledAndRestarted: the watcher says so when usbmuxd dies and
// picks the phone up again when a new usbmuxd serves the same socket.
func TestUsbmuxdKilledAndRestarted(t *testing.T) {
	sim := startSim(t)
	if err := sim.Attach(iPhoneX); err != nil {
		t.Fatal(err)
	}
	_, rec := watchLive(t, live.Options{MuxAddress: sim.Address(), NoUSB: true})
	rec.waitFor(t, "the phone", only(device.ModeNormal))
	sim.Kill()
	s := rec.waitFor(t, "usbmuxd reported down", func(s device.State) bool {
		_, down := s.Condition(device.CondUsbmuxdUnavailable)
		return down && len(s.Devices) == 0
	})
	if c, _ := s.Condition(device.CondUsbmuxdUnavailable); !strings.Contains(c.Message.String(), "usbmuxd") {
		t.Errorf("message %q", c.Message.String())
	}
	again, err := muxsim.New(sim.Path(), muxsim.Scenario{Name: "restarted"})
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if err := again.Start(); err != nil {
		t.Fatal(err)
	}
	if err := again.Attach(iPhoneX); err != nil {
		t.Fatal(err)
	}
	rec.waitFor(t, "the phone back, usbmuxd fine", func(s device.State) bool {
		_, down := s.Condition(device.CondUsbmuxdUnavailable)
		return !down && only(device.ModeNormal)(s)
	})
}

// TestWatcherShowsBattery: a phone this computer paired with before shows
// its battery, read in a TLS lockdown session with the stored pair record.
func TestWatcherShowsBattery(t *testing.T) {
	sim := startSim(t)
	p := iPhoneX
	p.Trust, p.Paired, p.BatteryPercent, p.BatteryCharging = device.TrustTrusted, true, 81, false
	if err := sim.Attach(p); err != nil {
		t.Fatal(err)
	}
	_, rec := watchLive(t, live.Options{MuxAddress: sim.Address(), NoUSB: true})
	s := rec.waitFor(t, "the trusted phone with its battery", func(s device.State) bool {
		return len(s.Devices) == 1 && s.Devices[0].Battery != nil
	})
	d := s.Devices[0]
	if b := *d.Battery; b.Percent != 81 || b.Charging || d.Trust != device.TrustTrusted {
		t.Errorf("battery %+v, trust %s, note %q", *d.Battery, d.Trust, d.Note)
	}
}
