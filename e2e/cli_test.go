//go:build linux && cgo

package e2e

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"unstuck/device"
	"unstuck/device/muxsim"
	"unstuck/device/usbsim"
)

// buildCLI builds unstuckctl (a link step when the build cache is warm).
func buildCLI(t testing.TB) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "unstuckctl")
	if out, err := exec.Command("go", "build", "-o", bin, "unstuck/cmd/unstuckctl").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestStatusCLIOnSimulatedPhones runs the real unstuckctl binary under the
// umockdev preload, as a support agent would run it, against a recovery
// phone on the emulated bus and a normal phone in the usbmuxd simulator.
func TestStatusCLIOnSimulatedPhones(t *testing.T) {
	tb := newTestbed(t)
	sim := startSim(t)
	if _, err := tb.Add(onBus(device.ModeRecovery)); err != nil {
		t.Fatal(err)
	}
	if err := sim.Attach(iPhone12); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(buildCLI(t), "status", "--json", "--sysfs", tb.Dir()+"/sys")
	cmd.Env = append(os.Environ(), append(tb.Env(), "USBMUXD_SOCKET_ADDRESS="+sim.Address())...)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("unstuckctl status: %v\n%s", err, out)
	}
	var s struct {
		Devices []struct {
			Mode  string `json:"mode"`
			Model string `json:"model"`
			ECID  string `json:"ecid"`
		} `json:"devices"`
	}
	if err := json.Unmarshal(out, &s); err != nil {
		t.Fatal(err, string(out))
	}
	got := map[string]string{}
	for _, d := range s.Devices {
		got[d.Mode] = d.Model + " " + d.ECID
	}
	if got["recovery"] != "iPhone X (Global) 0x001c2d3e4f5a6b7c" || got["normal"] != "iPhone 12 0x000a1b2c3d4e5f60" || len(got) != 2 {
		t.Errorf("status saw %v\n%s", got, out)
	}
}

// BenchmarkStatusCLI times `unstuckctl status` beside what a support agent
// would otherwise run on the same simulated phones: `idevice_id -l` plus
// `ideviceinfo -s` for the normal-mode phone (one device list, one
// lockdown read: status does the same and the recovery phone too), and
// `idevice_id -l` plus `irecovery -q` for the recovery one. Each reference
// row's status-ratio is status's wall time over its own.
func BenchmarkStatusCLI(b *testing.B) {
	tb := newTestbed(b)
	sim := startSim(b)
	if _, err := tb.Add(onBus(device.ModeRecovery)); err != nil {
		b.Fatal(err)
	}
	if err := sim.Attach(iPhoneX); err != nil {
		b.Fatal(err)
	}
	env := append(os.Environ(), append(tb.Env(), "USBMUXD_SOCKET_ADDRESS="+sim.Address())...)
	ctl := buildCLI(b)
	runAll := func(b *testing.B, cmds ...[]string) float64 {
		for _, c := range cmds {
			if _, err := exec.LookPath(c[0]); err != nil && !filepath.IsAbs(c[0]) {
				b.Skipf("%s not installed", c[0])
			}
		}
		b.ResetTimer()
		start := time.Now()
		for range b.N {
			for _, c := range cmds {
				cmd := exec.Command(c[0], c[1:]...)
				cmd.Env = env
				if out, err := cmd.CombinedOutput(); err != nil {
					b.Fatalf("%v: %v\n%s", c, err, out)
				}
			}
		}
		wall := ms(time.Since(start) / time.Duration(b.N))
		b.ReportMetric(wall, "wall-ms")
		return wall
	}
	var status float64
	b.Run("unstuckctl-status", func(b *testing.B) {
		status = runAll(b, []string{ctl, "status", "--json", "--sysfs", tb.Dir() + "/sys"})
	})
	for _, ref := range []struct {
		name string
		cmds [][]string
	}{
		{"idevice_id-l+ideviceinfo-s", [][]string{{"idevice_id", "-l"}, {"ideviceinfo", "-s"}}},
		{"idevice_id-l+irecovery-q", [][]string{{"idevice_id", "-l"}, {"irecovery", "-q"}}},
	} {
		b.Run(ref.name, func(b *testing.B) {
			if wall := runAll(b, ref.cmds...); status > 0 && wall > 0 {
				b.ReportMetric(status/wall, "status-ratio")
			}
		})
	}
}

// TestExitRecoveryCLI: unstuckctl exit-recovery sends exactly what
// `irecovery -n` sends, then follows the phone until it runs normally.
func TestExitRecoveryCLI(t *testing.T) {
	tb := newTestbed(t)
	sim := startSim(t)
	rec, err := tb.Add(onBus(device.ModeRecovery))
	if err != nil {
		t.Fatal(err)
	}
	ctl := buildCLI(t)
	env := append(os.Environ(), append(tb.Env(), "USBMUXD_SOCKET_ADDRESS="+sim.Address())...)

	// Declining sends nothing.
	no := exec.Command(ctl, "exit-recovery", "--sysfs", tb.Dir()+"/sys")
	no.Env, no.Stdin = env, strings.NewReader("n\n")
	if out, err := no.CombinedOutput(); err != nil || !strings.Contains(string(out), "Nothing was sent") || len(rec.Commands()) != 0 {
		t.Fatalf("declined: %v, %q, commands %q", err, out, rec.Commands())
	}

	cmd := exec.Command(ctl, "exit-recovery", "--yes", "--wait", "20s", "--sysfs", tb.Dir()+"/sys")
	cmd.Env = env
	out := start(t, cmd)
	// Play the phone: on "reboot" it leaves USB and boots iOS.
	awaitIBootCommands(t, rec, out)
	tb.Remove(rec)
	time.Sleep(300 * time.Millisecond) // the phone restarting: the scenario's time, nothing waits on it
	bootNormally(t, tb, sim, iPhoneX)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("exit-recovery: %v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "It left recovery mode") {
		t.Errorf("output: %s", out.String())
	}
}

// TestEnterRecoveryCLI: unstuckctl enter-recovery asks a trusted phone
// through lockdown (in a session, as current iOS wants) and follows it into
// recovery mode; an untrusted phone gets told to tap Trust first.
func TestEnterRecoveryCLI(t *testing.T) {
	tb := newTestbed(t)
	sim := startSim(t)
	p := iPhoneX
	p.Trust, p.Paired, p.RecoveryNeedsSession = device.TrustTrusted, true, true
	normal := bootNormally(t, tb, sim, p)
	sim.OnEnterRecovery(func(muxsim.Phone) {
		tb.Remove(normal)
		if _, err := tb.Add(onBus(device.ModeRecovery)); err != nil {
			t.Error(err)
		}
	})
	ctl := buildCLI(t)
	env := append(os.Environ(), append(tb.Env(), "USBMUXD_SOCKET_ADDRESS="+sim.Address())...)
	cmd := exec.Command(ctl, "enter-recovery", "--yes", "--wait", "20s", "--sysfs", tb.Dir()+"/sys")
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "is in recovery mode") {
		t.Fatalf("enter-recovery: %v\n%s", err, out)
	}

	untrusted := startSim(t)
	if err := untrusted.Attach(iPhone12); err != nil {
		t.Fatal(err)
	}
	cmd = exec.Command(ctl, "enter-recovery", "--yes", "--wait", "5s", "--sysfs", t.TempDir())
	cmd.Env = append(os.Environ(), "USBMUXD_SOCKET_ADDRESS="+untrusted.Address())
	out, err = cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "tap Trust") {
		t.Errorf("untrusted phone: %v\n%s", err, out)
	}
}

// TestGuideRunCLI: `unstuckctl guide --run` counts down in the terminal and
// ends on what the emulated phone does.
func TestGuideRunCLI(t *testing.T) {
	tb, rec, cmd, out, _ := guideRun(t, "dfu")
	out.await(t, "Step 1 of 5") // past the get-ready: the user presses; the phone drops off...
	tb.Remove(rec)
	// The phone is off for half a second: the scenario's time. The verdict
	// does not wait on it (DFU appearing is dfu-reached, seen gone or not).
	time.Sleep(500 * time.Millisecond)
	if _, err := tb.Add(onBus(device.ModeDFU)); err != nil { // ...and comes back in DFU
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("guide --run: %v\n%s", err, out.String())
	}
	for _, want := range []string{"Side button family", "Get ready", "Step 1 of 5", "The phone reached DFU mode."} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	again := exec.Command(cmd.Path, "guide", "--run", "--procedure", "dfu", "--sysfs", tb.Dir()+"/sys")
	again.Env = cmd.Env
	if o, err := again.CombinedOutput(); err != nil || !strings.Contains(string(o), "The phone was already in that mode") {
		t.Errorf("a phone already in DFU: %v\n%s", err, o)
	}
	// For a technician's script: one JSON object a line, the verdict last
	// with its id.
	asJSON := exec.Command(cmd.Path, "guide", "--run", "--json", "--procedure", "dfu", "--sysfs", tb.Dir()+"/sys")
	asJSON.Env = cmd.Env
	o, err := asJSON.Output()
	if err != nil {
		t.Fatalf("guide --run --json: %v\n%s", err, o)
	}
	lines := strings.Split(strings.TrimSpace(string(o)), "\n")
	var last struct {
		Phase   string `json:"phase"`
		Verdict struct {
			ID, Words string
			Worked    bool
		} `json:"verdict"`
	}
	for i, line := range lines {
		if err := json.Unmarshal([]byte(line), &last); err != nil {
			t.Fatalf("line %d is not one JSON object: %v\n%s", i+1, err, o)
		}
	}
	if last.Phase != "done" || last.Verdict.ID != "already-in-mode" || !last.Verdict.Worked || last.Verdict.Words == "" {
		t.Errorf("last line %+v\n%s", last, o)
	}
}

// TestAssistedDFUCLI: with the phone in recovery mode, `guide --run
// --procedure dfu-assisted` restarts it two seconds into the both-buttons
// step (the emulated phone records the iBoot commands), and the phone that
// comes back in DFU ends the run.
func TestAssistedDFUCLI(t *testing.T) {
	tb, rec, cmd, out, started := guideRun(t, "dfu-assisted")
	awaitIBootCommands(t, rec, out)
	// Not before 3 s to get ready and 2 s into the hold (the exact timing
	// is the engine's test; a loaded machine only makes it later).
	if at := time.Since(started); at < 5*time.Second {
		t.Errorf("the restart came %s after the start, before the hold's second 2", at)
	}
	tb.Remove(rec)
	time.Sleep(300 * time.Millisecond) // the phone restarting into DFU: the scenario's time
	if _, err := tb.Add(onBus(device.ModeDFU)); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("guide --run: %v\n%s", err, out.String())
	}
	for _, want := range []string{"Step 1 of 2", "The phone reached DFU mode."} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

// guideRun starts `unstuckctl guide --run --procedure kind` beside an
// emulated phone in recovery mode.
func guideRun(t *testing.T, kind string) (tb *usbsim.Testbed, rec *usbsim.Device, cmd *exec.Cmd, out *console, started time.Time) {
	t.Helper()
	tb = newTestbed(t)
	ctl := buildCLI(t)
	env := append(os.Environ(), append(tb.Env(), "USBMUXD_SOCKET_ADDRESS=UNIX:///nonexistent/s.sock")...)
	rec, err := tb.Add(onBus(device.ModeRecovery))
	if err != nil {
		t.Fatal(err)
	}
	cmd = exec.Command(ctl, "guide", "--run", "--procedure", kind, "--sysfs", tb.Dir()+"/sys")
	cmd.Env = env
	started = time.Now()
	return tb, rec, cmd, start(t, cmd), started
}

// console is a running command's output, as a terminal would show it, that
// a test can wait on.
type console struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	grew chan struct{}
}

func (c *console) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	n, err := c.buf.Write(p)
	select {
	case c.grew <- struct{}{}:
	default:
	}
	return n, err
}

func (c *console) String() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.buf.String()
}

// await waits until the command has written want.
func (c *console) await(t *testing.T, want string) {
	t.Helper()
	deadline := time.After(20 * time.Second)
	for !strings.Contains(c.String(), want) {
		select {
		case <-c.grew:
		case <-deadline:
			t.Fatalf("waiting for %q; the output so far:\n%s", want, c.String())
		}
	}
}

// start starts cmd with its output on a console; the test's end kills it if
// it still runs.
func start(t *testing.T, cmd *exec.Cmd) *console {
	t.Helper()
	out := &console{grew: make(chan struct{}, 1)}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
		}
	})
	return out
}

// awaitIBootCommands waits until the emulated phone has received the three
// commands that leave recovery mode, and checks them.
func awaitIBootCommands(t *testing.T, rec *usbsim.Device, out *console) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for len(rec.Commands()) < 3 {
		if time.Now().After(deadline) {
			t.Fatalf("commands received: %q; output %s", rec.Commands(), out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if got := strings.Join(rec.Commands(), "|"); got != "setenv auto-boot true|saveenv|reboot" {
		t.Errorf("commands %q", got)
	}
}
