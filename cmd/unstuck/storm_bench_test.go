package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"sync"
	"testing"
	"time"
)

// The storm: a trusted iPhone X attached at once, then unplugged or
// replugged ten times a second from stormStart for stormFor, through the
// project's usbmuxd simulator.
const (
	stormStart = 10 * time.Second
	stormFor   = 60 * time.Second
	stormQuiet = 30 * time.Second // measured after the storm
)

const stormScenario = `{"name":"bench-storm","steps":[
 {"at":"0s","action":"attach","phone":{"product_type":"iPhone10,3","product_version":"16.7.10","build_version":"20H350",
  "device_name":"Anna's iPhone","serial_number":"F2LX81MNJCLF","ecid":7931044990446460,"cpid":32789,"bdid":6,
  "trust":"trusted","paired":true}},
 {"at":"%s","action":"flap","udid":"03c0a17f73c6502b3c21ef14cbc5fbea61a0c471","every":"100ms","for":"%s"}]}`

// BenchmarkStorm runs the app and `unstuckctl watch` through a 10-per-second
// flap storm of 60 s: memory 10 s and 40 s into it, the CPU between those,
// and both 30 s after it, beside the idle CPU before it. Goals (issue 10):
// RSS growth at most 30 MB between 10 s and 40 s, CPU below 25 % of a core
// during the storm and back to the idle figure after it.
func BenchmarkStorm(b *testing.B) {
	bins := buildBins(b, "unstuck", "unstuckctl")
	for _, run := range []struct {
		name string
		args func(sock string) (bin string, args []string)
	}{
		{"gui", func(string) (string, []string) { return bins["unstuck"], nil }},
		{"watch", func(string) (string, []string) { return bins["unstuckctl"], []string{"watch"} }},
	} {
		b.Run(run.name, func(b *testing.B) {
			for range b.N {
				sock := startSim(b, bins["unstuckctl"], fmt.Sprintf(stormScenario, stormStart, stormFor))
				bin, args := run.args(sock)
				p := startMeasured(b, bin, args, sock)
				sleepUntil(p.start, stormStart-5*time.Second)
				idle := p.sample(5 * time.Second)
				sleepUntil(p.start, stormStart+5*time.Second)
				at10 := p.sample(5 * time.Second)
				sleepUntil(p.start, stormStart+40*time.Second)
				during := p.cpuSince(at10)
				at40 := p.snapshot()
				sleepUntil(p.start, stormStart+stormFor+stormQuiet-5*time.Second)
				after := p.sample(5 * time.Second)
				b.ReportMetric(idle.cpu, "idle-cpu-%")
				b.ReportMetric(during, "storm-cpu-%")
				b.ReportMetric(at10.rssMB, "rss-10s-MB")
				b.ReportMetric(at40.rssMB, "rss-40s-MB")
				b.ReportMetric(at40.rssMB-at10.rssMB, "rss-growth-MB")
				b.ReportMetric(after.rssMB, "rss-after-MB")
				b.ReportMetric(after.cpu, "after-cpu-%")
			}
		})
	}
}

// BenchmarkSoak leaves the app 10 minutes on a steady, trusted phone and
// reports its memory, goroutines and open files at the start and the end.
// They must not grow.
func BenchmarkSoak(b *testing.B) {
	bins := buildBins(b, "unstuck", "unstuckctl")
	for range b.N {
		sock := startSim(b, bins["unstuckctl"], `{"name":"bench-steady","steps":[
 {"at":"0s","action":"attach","phone":{"product_type":"iPhone10,3","product_version":"16.7.10","device_name":"Anna's iPhone",
  "serial_number":"F2LX81MNJCLF","ecid":7931044990446460,"cpid":32789,"bdid":6,"trust":"trusted","paired":true}}]}`)
		p := startMeasured(b, bins["unstuck"], []string{"-v"}, sock)
		sleepUntil(p.start, 15*time.Second)
		first := p.snapshot()
		sleepUntil(p.start, 10*time.Minute+5*time.Second)
		last := p.snapshot()
		b.ReportMetric(first.rssMB, "rss-start-MB")
		b.ReportMetric(last.rssMB, "rss-end-MB")
		b.ReportMetric(float64(first.goroutines), "goroutines-start")
		b.ReportMetric(float64(last.goroutines), "goroutines-end")
		b.ReportMetric(float64(first.fds), "fds-start")
		b.ReportMetric(float64(last.fds), "fds-end")
	}
}

// buildBins builds the named commands of this module once per benchmark.
func buildBins(b *testing.B, names ...string) map[string]string {
	b.Helper()
	for _, tool := range []string{"Xvfb"} {
		if _, err := exec.LookPath(tool); err != nil {
			b.Skipf("%s not installed", tool)
		}
	}
	dir := b.TempDir()
	out := map[string]string{}
	for _, n := range names {
		out[n] = filepath.Join(dir, n)
		if msg, err := exec.Command("go", "build", "-o", out[n], "../"+n).CombinedOutput(); err != nil {
			b.Fatalf("build %s: %v\n%s", n, err, msg)
		}
	}
	return out
}

// startSim runs `unstuckctl simulate` with the scenario and returns its
// socket path once it serves.
func startSim(b *testing.B, ctl, scenario string) string {
	b.Helper()
	dir, err := os.MkdirTemp("", "storm")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { os.RemoveAll(dir) })
	file := filepath.Join(dir, "scenario.json")
	if err := os.WriteFile(file, []byte(scenario), 0o600); err != nil {
		b.Fatal(err)
	}
	sock := filepath.Join(dir, "mux.sock")
	cmd := exec.Command(ctl, "simulate", "--socket", sock, "--scenario", file)
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	if line, err := bufio.NewReader(out).ReadString('\n'); err != nil {
		b.Fatalf("simulator did not start: %v %q", err, line)
	}
	go io.Copy(io.Discard, out)
	return sock
}

// measured is a process under measurement.
type measured struct {
	pid   int
	start time.Time

	mu         sync.Mutex
	goroutines int // from the app's -v runtime log
}

type reading struct {
	at         time.Time
	ticks      int64
	cpu        float64 // % of a core over the sample
	rssMB      float64
	goroutines int
	fds        int
}

var runtimeLine = regexp.MustCompile(`msg=runtime goroutines=(\d+)`)

// startMeasured starts bin on a fresh Xvfb display, pointed at the
// simulator, with its output read (and -v's runtime lines kept).
func startMeasured(b *testing.B, bin string, args []string, sock string) *measured {
	b.Helper()
	display := startXvfb(b)
	dir := b.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+display, "USBMUXD_SOCKET_ADDRESS=UNIX://"+sock,
		"XDG_CONFIG_HOME="+filepath.Join(dir, "config"), "XDG_CACHE_HOME="+filepath.Join(dir, "cache"),
		"MESA_SHADER_CACHE_DIR="+filepath.Join(dir, "mesa"))
	stdout, _ := cmd.StdoutPipe()
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { cancel(); cmd.Wait() })
	m := &measured{pid: cmd.Process.Pid, start: time.Now()}
	go io.Copy(io.Discard, stdout)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if g := runtimeLine.FindStringSubmatch(sc.Text()); g != nil {
				n, _ := strconv.Atoi(g[1])
				m.mu.Lock()
				m.goroutines = n
				m.mu.Unlock()
			}
		}
	}()
	return m
}

func (m *measured) snapshot() reading {
	fds, _ := os.ReadDir("/proc/" + strconv.Itoa(m.pid) + "/fd")
	m.mu.Lock()
	defer m.mu.Unlock()
	return reading{at: time.Now(), ticks: cpuTicks(m.pid), rssMB: rssKB(m.pid) / 1024, goroutines: m.goroutines, fds: len(fds)}
}

// sample is a snapshot taken after d, with the CPU used over d.
func (m *measured) sample(d time.Duration) reading {
	first := m.snapshot()
	time.Sleep(d)
	r := m.snapshot()
	r.cpu = m.cpuSince(first)
	return r
}

// cpuSince is the CPU used since r, in % of one core.
func (m *measured) cpuSince(r reading) float64 {
	return float64(cpuTicks(m.pid)-r.ticks) / time.Since(r.at).Seconds() // USER_HZ is 100: ticks/s = %
}

func sleepUntil(start time.Time, offset time.Duration) {
	time.Sleep(time.Until(start.Add(offset)))
}
