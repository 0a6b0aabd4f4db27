package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"unstuck/device/muxsim"
	"unstuck/device/muxsource"
	"unstuck/device/procedure"
)

func runCLI(t *testing.T, ctx context.Context, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(ctx, args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func startSim(t *testing.T, scenario string) *muxsim.Sim {
	t.Helper()
	dir, err := os.MkdirTemp("", "ctl")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	sc, err := muxsim.LoadScenario(scenario)
	if err != nil {
		t.Fatal(err)
	}
	sim, err := muxsim.New(filepath.Join(dir, "s.sock"), sc)
	if err != nil {
		t.Fatal(err)
	}
	if err := sim.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sim.Close() })
	t.Setenv("USBMUXD_SOCKET_ADDRESS", sim.Address())
	return sim
}

func TestIdentifyFromStdinAndArgs(t *testing.T) {
	code, out, _ := runCLI(t, context.Background(), "CPID: 0x8015\nBDID: 0x06\nECID: 0x001c2d3e4f5a6b7c\nMODE: DFU\n", "identify")
	var r map[string]any
	if err := json.Unmarshal([]byte(out), &r); code != 0 || err != nil {
		t.Fatalf("exit %d, %v: %s", code, err, out)
	}
	if r["mode"] != "dfu" || r["model"] != "iPhone X (Global)" || r["udid"] != nil {
		t.Errorf("identify: %s", out)
	}
	code, out, _ = runCLI(t, context.Background(), "", "identify", "--text", "00008140-001C396E1E13001C")
	if code != 0 || !strings.Contains(out, "Mode:          normal") || !strings.Contains(out, "0x001c396e1e13001c") {
		t.Errorf("identify --text: exit %d\n%s", code, out)
	}
}

// What a Windows user can paste: Device Manager's "Device instance path"
// (as an argument) and a device interface path (on standard input).
func TestIdentifyWindowsPaths(t *testing.T) {
	code, out, _ := runCLI(t, context.Background(), "", "identify", "--text",
		`USB\VID_05AC&PID_1281\CPID:8015_CPRV:11_CPFM:03_SCEP:01_BDID:0C_ECID:001A2B3C4D5E6F70_IBFL:3C_SRTG:[IBOOT-3865.0.0.4.7]`)
	for _, want := range []string{"Mode:          recovery", "CPID:          0x8015", "BDID:          0x0c", "ECID:          0x001a2b3c4d5e6f70", "Model:         iPhone 8 Plus (GSM)"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("instance path: exit %d, want %q in\n%s", code, want, out)
		}
	}
	code, out, _ = runCLI(t, context.Background(), `\\?\usb#vid_05ac&pid_1227#cpid:8015_bdid:0c_ecid:001a2b3c4d5e6f70_srtg:[iboot-3865.0.0.4.7]#{b8085869-feb9-404b-8cb1-1e5c14fa8c54}`+"\n", "identify")
	var r map[string]any
	if err := json.Unmarshal([]byte(out), &r); code != 0 || err != nil {
		t.Fatalf("interface path: exit %d, %v: %s", code, err, out)
	}
	if r["mode"] != "dfu" || r["cpid"] != "0x8015" || r["ecid"] != "0x001a2b3c4d5e6f70" || r["model"] != "iPhone 8 Plus (GSM)" {
		t.Errorf("interface path: %s", out)
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{{}, {"frobnicate"}, {"status", "--bogus"}, {"simulate"}} {
		if code, _, errOut := runCLI(t, context.Background(), "", args...); code != 2 || !strings.Contains(errOut, "usage") {
			t.Errorf("%v: exit %d, stderr %q", args, code, errOut)
		}
	}
}

func TestStatusJSONAgainstSimulator(t *testing.T) {
	startSim(t, "normal")
	code, out, errOut := runCLI(t, context.Background(), "", "status", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var s struct {
		Devices []map[string]any `json:"devices"`
	}
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatal(err, out)
	}
	if len(s.Devices) != 1 {
		t.Fatalf("devices: %s", out)
	}
	d := s.Devices[0]
	// Read-only: the phone has no pairing and is not asked for one.
	for k, want := range map[string]string{"mode": "normal", "product_type": "iPhone10,3", "model": "iPhone X (Global)", "ios_version": "16.7.10", "trust": "unknown", "note": muxsource.NotPairedNote.In("en")} {
		if d[k] != want {
			t.Errorf("%s = %v, want %s", k, d[k], want)
		}
	}
	if d["udid"] == nil || d["ecid"] == nil {
		t.Errorf("identifiers missing: %s", out)
	}
	// --pair asks, and the phone shows its Trust dialog.
	code, out, _ = runCLI(t, context.Background(), "", "status", "--pair")
	if code != 0 || !strings.Contains(out, "Unlock your iPhone and tap Trust") {
		t.Errorf("status --pair text: %s", out)
	}
}

// With no system bus to ask, status says it cannot tell whether the
// computer is kept awake, rather than "no" (awake's own tests cover logind).
func TestStatusSaysWhenItCannotTellAboutSleep(t *testing.T) {
	startSim(t, "normal")
	t.Setenv("DBUS_SYSTEM_BUS_ADDRESS", "unix:path="+t.TempDir()+"/no-bus")
	code, out, _ := runCLI(t, context.Background(), "", "status")
	if code != 0 || !strings.Contains(out, "Keeping this computer awake: cannot tell") {
		t.Errorf("status text: %s", out)
	}
	_, out, _ = runCLI(t, context.Background(), "", "status", "--json")
	var s struct {
		Awake struct {
			Held  []any  `json:"held"`
			Error string `json:"error"`
		} `json:"awake"`
	}
	if err := json.Unmarshal([]byte(out), &s); err != nil || s.Awake.Error == "" || s.Awake.Held == nil {
		t.Errorf("awake in JSON: %v %s", err, out)
	}
}

func TestStatusWithoutUsbmuxd(t *testing.T) {
	t.Setenv("USBMUXD_SOCKET_ADDRESS", "UNIX:///nonexistent/usbmuxd.sock")
	code, out, _ := runCLI(t, context.Background(), "", "status", "--json")
	if code != 0 || !strings.Contains(out, "usbmuxd-unavailable") {
		t.Errorf("exit %d: %s", code, out)
	}
}

// syncBuffer is a writer the watch command and the test share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestWatchJSONLines(t *testing.T) {
	sim := startSim(t, "normal")
	ctx, cancel := context.WithCancel(context.Background())
	out := &syncBuffer{}
	done := make(chan int)
	go func() { done <- run(ctx, []string{"watch", "--json"}, strings.NewReader(""), out, io.Discard) }()
	waitFor := func(what string, ok func(string) bool) {
		deadline := time.Now().Add(10 * time.Second)
		for !ok(out.String()) {
			if time.Now().After(deadline) {
				t.Fatalf("waiting for %s; output:\n%s", what, out.String())
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	waitFor("the phone", func(s string) bool { return strings.Contains(s, `"product_type":"iPhone10,3"`) })
	udid := sim.Phones()[0].UDID
	if err := sim.Detach(udid); err != nil {
		t.Fatal(err)
	}
	waitFor("the phone leaving", func(s string) bool { return strings.Contains(s, `"devices":[]`) })
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("watch exit %d", code)
	}
	sc := bufio.NewScanner(strings.NewReader(out.String()))
	for sc.Scan() {
		var v map[string]any
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Errorf("not a JSON line: %q", sc.Text())
		}
	}
}

// TestSimulateServesDebianTools runs `unstuckctl simulate` and reads it with
// idevice_id, an independent usbmuxd client.
func TestSimulateServesDebianTools(t *testing.T) {
	bin, err := exec.LookPath("idevice_id")
	if err != nil {
		t.Skip("idevice_id is not installed (make test installs libimobiledevice-utils)")
	}
	dir, _ := os.MkdirTemp("", "ctl")
	defer os.RemoveAll(dir)
	sock := filepath.Join(dir, "s.sock")
	ctx, cancel := context.WithCancel(context.Background())
	out := &syncBuffer{}
	done := make(chan int)
	go func() {
		done <- run(ctx, []string{"simulate", "--socket", sock, "--scenario", "two-phones"}, nil, out, io.Discard)
	}()
	defer func() { cancel(); <-done }()
	deadline := time.Now().Add(5 * time.Second)
	for {
		cmd := exec.Command(bin, "-l")
		cmd.Env = append(os.Environ(), "USBMUXD_SOCKET_ADDRESS=UNIX://"+sock)
		ids, _ := cmd.Output()
		if len(strings.Fields(string(ids))) == 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("idevice_id -l saw %q; simulate printed %q", ids, out.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	// It serves first and then says so: wait for the words too.
	for !strings.Contains(out.String(), "USBMUXD_SOCKET_ADDRESS=UNIX://"+sock) {
		if time.Now().After(deadline) {
			t.Fatalf("simulate did not say how to connect: %q", out.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestGuide(t *testing.T) {
	code, out, errOut := runCLI(t, context.Background(), "", "guide", "--procedure", "dfu", "--model", "iPhone10,3", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var p struct {
		Steps []struct {
			Buttons []string `json:"buttons"`
			Action  string   `json:"action"`
			Seconds float64  `json:"seconds"`
			Source  string   `json:"source"`
		} `json:"steps"`
	}
	if err := json.Unmarshal([]byte(out), &p); err != nil || len(p.Steps) != 5 {
		t.Fatalf("%v: %s", err, out)
	}
	if s := p.Steps[3]; strings.Join(s.Buttons, "+") != "side+volume_down" || s.Action != "hold" || s.Seconds != 5 || s.Source == "" {
		t.Errorf("step 4: %+v", s)
	}
	code, out, _ = runCLI(t, context.Background(), "", "guide", "--procedure", "force-restart", "--family", "home-top")
	if code != 0 || !strings.Contains(out, "top button + Home button") || !strings.Contains(out, "Risk: None") {
		t.Errorf("text guide: exit %d\n%s", code, out)
	}
	for _, args := range [][]string{{"guide"}, {"guide", "--procedure", "dfu"}, {"guide", "--procedure", "nap", "--family", "side"}} {
		if code, _, _ := runCLI(t, context.Background(), "", args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	if code, _, errOut := runCLI(t, context.Background(), "", "guide", "--procedure", "dfu", "--model", "iPhone99,9"); code != 1 || !strings.Contains(errOut, "unknown model") {
		t.Errorf("unknown model: exit %d %q", code, errOut)
	}
}

// During an update `guide --run` first says to wait, and why, as the app's
// guide does (procedures.json's during_update); for a running phone it
// does not. The phones are the usbmuxd simulator's: one that is updating
// from the start, one running normally.
func TestGuideRunCautionsDuringAnUpdate(t *testing.T) {
	updating := filepath.Join(t.TempDir(), "updating.json")
	os.WriteFile(updating, []byte(`{"name": "updating", "steps": [{"at": "0s", "action": "attach", "phone": {
		"product_type": "iPhone10,3", "product_version": "16.7.10", "build_version": "20H350", "device_name": "Anna's iPhone",
		"hardware_model": "D22AP", "serial_number": "F2LX81MNJCLF", "ecid": 7931044990446460, "cpid": 32789, "bdid": 6,
		"trust": "trusted", "paired": true, "mode": "restore"}}]}`), 0o600)
	p, _ := procedure.For("side", procedure.ForceRestart)
	wait, caution := p.DuringUpdate.Wait.String(), p.DuringUpdate.Caution.String()
	for scenario, cautions := range map[string]bool{updating: true, "normal": false} {
		startSim(t, scenario)
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second) // the run stops while it gets ready
		_, out, errOut := runCLI(t, ctx, "", "guide", "--run", "--procedure", "force-restart", "--model", "iPhone10,3", "--sysfs", t.TempDir())
		cancel()
		if !strings.Contains(out, "Force restart for the") {
			t.Fatalf("%s: the guide did not start:\n%s\n%s", filepath.Base(scenario), out, errOut)
		}
		if got := strings.Contains(out, wait) && strings.Contains(out, caution); got != cautions {
			t.Errorf("%s: caution printed %v, want %v:\n%s", filepath.Base(scenario), got, cautions, out)
		}
		if cautions && strings.Index(out, wait) > strings.Index(out, "Force restart for the") {
			t.Errorf("the wait comes after the procedure's title:\n%s", out)
		}
	}
}
