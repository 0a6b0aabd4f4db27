package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestSmokeDemoWindowUnderXvfb builds the real app, starts it in demo mode
// on a private Xvfb display and waits for a window titled Unstuck.
func TestSmokeDemoWindowUnderXvfb(t *testing.T) {
	for _, tool := range []string{"Xvfb", "xwininfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (make test installs xvfb and x11-utils): %v", tool, err)
		}
	}
	if testing.Short() {
		t.Skip("starts a real X server and the app")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "unstuck")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	display := startXvfb(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	app := exec.CommandContext(ctx, bin, "--demo")
	app.Env = append(os.Environ(), "DISPLAY="+display,
		"XDG_CONFIG_HOME="+filepath.Join(dir, "config"), "XDG_CACHE_HOME="+filepath.Join(dir, "cache"),
		"MESA_SHADER_CACHE_DIR="+filepath.Join(dir, "mesa"))
	logs, _ := os.Create(filepath.Join(dir, "app.log"))
	app.Stdout, app.Stderr = logs, logs
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- app.Wait() }()
	defer func() {
		app.Process.Kill()
		<-exited
	}()

	deadline := time.Now().Add(90 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-exited:
			exited <- err
			out, _ := os.ReadFile(logs.Name())
			t.Fatalf("the app exited before showing a window: %v\n%s", err, out)
		default:
		}
		if windows(display) > 0 {
			secondLaunch(t, ctx, bin, app.Env, display)
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
	out, _ := os.ReadFile(logs.Name())
	t.Fatalf("no window titled Unstuck appeared within 90 s; app output:\n%s", out)
}

// windows counts the windows titled Unstuck on the display.
func windows(display string) int {
	tree, _ := exec.Command("xwininfo", "-display", display, "-root", "-tree").Output()
	return strings.Count(string(tree), `"Unstuck"`)
}

// secondLaunch starts the app again beside the running one: it asks the
// first to show itself and quits at once, with 0 and a word on stderr,
// and no second window appears.
func secondLaunch(t *testing.T, ctx context.Context, bin string, env []string, display string) {
	before := windows(display)
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	second := exec.CommandContext(ctx, bin, "--demo")
	second.Env = env
	var stderr strings.Builder
	second.Stderr = &stderr
	if err := second.Run(); err != nil {
		t.Fatalf("the second launch: %v (want exit 0)\n%s", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), "already open") {
		t.Errorf("the second launch says %q", stderr.String())
	}
	time.Sleep(time.Second)
	if n := windows(display); n != before {
		t.Errorf("%d windows titled Unstuck after the second launch, %d before", n, before)
	}
}

// startXvfb starts a private X server and returns its display name.
func startXvfb(t testing.TB) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	x := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
	x.ExtraFiles = []*os.File{w}
	if err := x.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	t.Cleanup(func() { x.Process.Kill(); x.Wait() })
	got := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		got <- strings.TrimSpace(line)
	}()
	select {
	case n := <-got:
		if n == "" {
			t.Fatal("Xvfb did not report a display")
		}
		return fmt.Sprintf(":%s", n)
	case <-time.After(30 * time.Second):
		t.Fatal("Xvfb did not start within 30 s")
	}
	return ""
}
