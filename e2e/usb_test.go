//go:build linux && cgo

package e2e

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"unstuck/device"
	"unstuck/device/fixture"
	"unstuck/device/live"
	"unstuck/device/usbsim"
	"unstuck/device/watch"
)

var preloadErr error

func TestMain(m *testing.M) {
	preloadErr = usbsim.ReexecUnderPreload()
	os.Exit(m.Run())
}

// onBus is the fixtures' iPhone X on the emulated bus in mode: its product
// ID and the serial string its iBoot, SecureROM or iOS reports.
func onBus(mode device.Mode) usbsim.Phone {
	u := fixture.IPhoneXOnUSB(mode)
	return usbsim.Phone{Mode: mode, PID: u.ProductID, Serial: u.Serial}
}

func newTestbed(t testing.TB) *usbsim.Testbed {
	t.Helper()
	if preloadErr != nil {
		t.Skipf("umockdev preload unavailable: %v", preloadErr)
	}
	tb, err := usbsim.NewTestbed()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tb.Close() })
	return tb
}

// recorder keeps every state a watcher publishes.
type recorder struct {
	mu     sync.Mutex
	states []device.State
	cond   chan struct{}
}

func watchLive(t testing.TB, o live.Options) (*watch.Watcher, *recorder) {
	t.Helper()
	w := live.NewWatcher(o)
	r := &recorder{cond: make(chan struct{}, 1)}
	unsub := w.Subscribe(func(s device.State) {
		r.mu.Lock()
		r.states = append(r.states, s)
		r.mu.Unlock()
		select {
		case r.cond <- struct{}{}:
		default:
		}
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { w.Run(ctx); close(done) }()
	t.Cleanup(func() { unsub(); cancel(); <-done })
	return w, r
}

// waitFor waits until the latest published state satisfies ok.
func (r *recorder) waitFor(t testing.TB, what string, ok func(device.State) bool) device.State {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		r.mu.Lock()
		var last device.State
		if n := len(r.states); n > 0 {
			last = r.states[n-1]
		}
		r.mu.Unlock()
		if ok(last) {
			return last
		}
		select {
		case <-r.cond:
		case <-deadline:
			t.Fatalf("waiting for %s; last state: %+v", what, last)
		}
	}
}

func only(mode device.Mode) func(device.State) bool {
	return func(s device.State) bool { return len(s.Devices) == 1 && s.Devices[0].Mode == mode }
}

// identified is only(mode) once the phone's serial string has been read: a
// just-added device may be listed a moment before its serial is readable.
func identified(mode device.Mode) func(device.State) bool {
	return func(s device.State) bool { return only(mode)(s) && s.Devices[0].ECID != 0 }
}

// irecoveryQuery runs Debian's irecovery -q against the testbed and returns its fields.
func irecoveryQuery(t testing.TB, tb *usbsim.Testbed) map[string]string {
	t.Helper()
	bin, err := exec.LookPath("irecovery")
	if err != nil {
		t.Skip("irecovery is not installed (make test installs it)")
	}
	cmd := exec.Command(bin, "-q")
	cmd.Env = append(os.Environ(), tb.Env()...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("irecovery -q: %v\n%s", err, out)
	}
	fields := map[string]string{}
	for _, m := range regexp.MustCompile(`(?m)^(\w+): (.*)$`).FindAllStringSubmatch(string(out), -1) {
		fields[m[1]] = strings.TrimSpace(m[2])
	}
	return fields
}

func agreeWithIrecovery(t *testing.T, d device.Device, q map[string]string) {
	t.Helper()
	check := func(field, ours string) {
		if !strings.EqualFold(q[field], ours) {
			t.Errorf("%s: irecovery says %q, Unstuck %q", field, q[field], ours)
		}
	}
	check("CPID", fmt.Sprintf("0x%04x", d.CPID))
	check("BDID", fmt.Sprintf("0x%02x", d.BDID))
	check("ECID", device.FormatECID(d.ECID))
	mode := map[device.Mode]string{device.ModeDFU: "DFU", device.ModeRecovery: "Recovery"}[d.Mode]
	check("MODE", mode)
	if p := q["PRODUCT"]; p != "" {
		check("PRODUCT", d.ProductType)
	}
}

// TestWatcherFollowsPhoneThroughBootloaderModes plugs an emulated iPhone X
// in DFU, then recovery, then takes it away; at each step the watcher's
// state must agree with irecovery -q on the same emulated device.
func TestWatcherFollowsPhoneThroughBootloaderModes(t *testing.T) {
	tb := newTestbed(t)
	_, rec := watchLive(t, live.Options{NoMux: true, SysfsRoot: tb.Dir() + "/sys"})
	rec.waitFor(t, "an empty state", func(s device.State) bool { return len(s.Devices) == 0 })

	dfu, err := tb.Add(onBus(device.ModeDFU))
	if err != nil {
		t.Fatal(err)
	}
	s := rec.waitFor(t, "DFU", identified(device.ModeDFU))
	d := s.Devices[0]
	if d.Model != fixture.XModel || d.ECID != fixture.XECID || d.Family != "side" {
		t.Errorf("DFU device %+v", d)
	}
	agreeWithIrecovery(t, d, irecoveryQuery(t, tb))

	tb.Remove(dfu)
	rec.waitFor(t, "DFU phone gone", func(s device.State) bool { return len(s.Devices) == 0 && len(s.Departed) == 1 })
	recovery, err := tb.Add(onBus(device.ModeRecovery))
	if err != nil {
		t.Fatal(err)
	}
	s = rec.waitFor(t, "recovery", identified(device.ModeRecovery))
	d = s.Devices[0]
	if d.Key != fixture.XKey || d.SerialNumber != fixture.XSerialNumber || d.Stability.Flaps != 0 {
		t.Errorf("recovery device %+v", d)
	}
	agreeWithIrecovery(t, d, irecoveryQuery(t, tb))
	var changes []string
	for _, e := range s.Timeline {
		if e.Kind == device.EventModeChanged {
			changes = append(changes, e.From+"->"+e.To)
		}
	}
	if len(changes) != 1 || changes[0] != "dfu->recovery" {
		t.Errorf("mode changes in the timeline: %v", changes)
	}

	tb.Remove(recovery)
	rec.waitFor(t, "no phone", func(s device.State) bool { return len(s.Devices) == 0 })
}

// BenchmarkUSBArrivalToState measures how long a recovery/DFU phone takes
// from appearing on the (emulated) bus to a published State (goal: 250 ms
// p95), and the CPU the idle polling costs (goal: 0.5% of a core).
func BenchmarkUSBArrivalToState(b *testing.B) {
	tb := newTestbed(b)
	_, rec := watchLive(b, live.Options{NoMux: true, SysfsRoot: tb.Dir() + "/sys"})
	rec.waitFor(b, "start", func(s device.State) bool { return true })

	var lat []time.Duration
	b.ResetTimer()
	for range b.N {
		start := time.Now()
		d, err := tb.Add(onBus(device.ModeDFU))
		if err != nil {
			b.Fatal(err)
		}
		rec.waitFor(b, "DFU", only(device.ModeDFU))
		lat = append(lat, time.Since(start))
		tb.Remove(d)
		rec.waitFor(b, "gone", func(s device.State) bool { return len(s.Devices) == 0 })
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(ms(lat[len(lat)/2]), "p50-ms")
	b.ReportMetric(ms(lat[(len(lat)*95)/100]), "p95-ms")

	// Idle: nothing changes for 3 s; how much CPU does the polling take?
	before := cpuTime()
	t0 := time.Now()
	time.Sleep(3 * time.Second)
	b.ReportMetric(100*(cpuTime()-before).Seconds()/time.Since(t0).Seconds(), "idle-cpu-%")
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
