//go:build linux && cgo

package e2e

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

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
// p95), and the CPU the idle watching costs (goal: 0.5% of a core): through
// the 150 ms poll (what umockdev's tree gets, and any Linux whose uevent
// socket cannot be opened), and through the kernel's uevents, played here
// over a socketpair as the kernel sends them right after it adds a device.
// The uevent row's poll-ratio is poll p50 / uevent p50.
func BenchmarkUSBArrivalToState(b *testing.B) {
	var pollP50 float64
	b.Run("poll", func(b *testing.B) {
		pollP50 = arrivalToState(b, nil)
	})
	b.Run("uevent", func(b *testing.B) {
		kernel, open := kernelUevents(b)
		p50 := arrivalToState(b, kernel, live.Options{Uevents: open})
		if pollP50 > 0 && p50 > 0 {
			b.ReportMetric(pollP50/p50, "poll-ratio")
		}
	})
}

// arrivalToState plugs a DFU phone b.N times and returns the p50 latency;
// with kernel non-nil, each add and remove is announced on it.
func arrivalToState(b *testing.B, kernel *os.File, opts ...live.Options) float64 {
	tb := newTestbed(b)
	o := live.Options{}
	if len(opts) > 0 {
		o = opts[0]
	}
	o.NoMux, o.SysfsRoot = true, tb.Dir()+"/sys"
	_, rec := watchLive(b, o)
	want := device.USBPolled
	if kernel != nil {
		want = device.USBEvents
	}
	rec.waitFor(b, "start", func(s device.State) bool { return s.USBWatch == want })
	announce := func(action string, d *usbsim.Device) {
		if kernel == nil {
			return
		}
		p := d.Phone()
		msg := fmt.Sprintf("%[1]s@/devices/usbsim/%[2]d-%[3]s\x00ACTION=%[1]s\x00DEVPATH=/devices/usbsim/%[2]d-%[3]s\x00SUBSYSTEM=usb\x00DEVTYPE=usb_device\x00BUSNUM=%03[2]d\x00DEVNUM=%03[4]d\x00", action, p.Bus, p.Port, p.Address)
		if _, err := kernel.Write([]byte(msg)); err != nil {
			b.Fatal(err)
		}
	}

	var lat []time.Duration
	b.ResetTimer()
	for range b.N {
		start := time.Now()
		d, err := tb.Add(onBus(device.ModeDFU))
		if err != nil {
			b.Fatal(err)
		}
		announce("add", d)
		rec.waitFor(b, "DFU", only(device.ModeDFU))
		lat = append(lat, time.Since(start))
		tb.Remove(d)
		announce("remove", d)
		rec.waitFor(b, "gone", func(s device.State) bool { return len(s.Devices) == 0 })
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	p50 := ms(lat[len(lat)/2])
	b.ReportMetric(p50, "p50-ms")
	b.ReportMetric(ms(lat[(len(lat)*95)/100]), "p95-ms")

	// Idle: nothing changes for 3 s; how much CPU does the watching take?
	before := cpuTime()
	t0 := time.Now()
	time.Sleep(3 * time.Second)
	b.ReportMetric(100*(cpuTime()-before).Seconds()/time.Since(t0).Seconds(), "idle-cpu-%")
	return p50
}

// kernelUevents is a socketpair standing in for the kernel's uevent socket:
// the watcher reads one end (open hands it over once), the benchmark writes
// the other.
func kernelUevents(b *testing.B) (*os.File, func() (io.ReadCloser, error)) {
	fds, err := unix.Socketpair(unix.AF_UNIX, unix.SOCK_SEQPACKET|unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		b.Fatal(err)
	}
	ours, kernel := os.NewFile(uintptr(fds[0]), "uevent"), os.NewFile(uintptr(fds[1]), "kernel")
	b.Cleanup(func() { kernel.Close() })
	var handed atomic.Bool
	return kernel, func() (io.ReadCloser, error) {
		if handed.Swap(true) {
			return nil, errors.New("the socketpair was handed out already")
		}
		return ours, nil
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
