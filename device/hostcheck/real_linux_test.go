//go:build linux

package hostcheck

import (
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestRealLinuxMachine runs the real probes on this computer and compares
// them with what Debian's own tools say about it.
func TestRealLinuxMachine(t *testing.T) {
	start := time.Now()
	checks := Run(context.Background(), Input{})
	if took := time.Since(start); took > runTimeout {
		t.Errorf("Run took %v", took)
	}
	if len(checks) < 8 {
		t.Fatalf("only %d checks: %+v", len(checks), checks)
	}
	for _, c := range checks {
		t.Logf("%-22s %-7s %s | %s", c.ID, c.Status, c.Found.String(), c.Fix.String())
		if c.ID == "" || c.Title.String() == "" || c.Found.String() == "" {
			t.Errorf("incomplete check %+v", c)
		}
	}
	osc := byID(t, checks, "os")
	if raw, err := os.ReadFile("/etc/os-release"); err == nil {
		for _, line := range strings.Split(string(raw), "\n") {
			if v, ok := strings.CutPrefix(line, "PRETTY_NAME="); ok && !strings.Contains(osc.Found.String(), strings.Trim(v, `"`)) {
				t.Errorf("os %q lacks %s", osc.Found.String(), v)
			}
		}
	}
	if out, err := exec.Command("uname", "-r").Output(); err == nil && !strings.Contains(osc.Found.String(), strings.TrimSpace(string(out))) {
		t.Errorf("os %q lacks kernel %s", osc.Found.String(), out)
	}

	mux := byID(t, checks, "linux.usbmuxd")
	if out, err := exec.Command("dpkg-query", "-W", "-f=${Status}", "usbmuxd").Output(); err == nil && strings.Contains(string(out), "ok installed") {
		ver, _ := exec.Command("/usr/sbin/usbmuxd", "--version").Output()
		if mux.Status != OK || !strings.Contains(mux.Found.String(), strings.TrimPrefix(strings.TrimSpace(string(ver)), "usbmuxd ")) {
			t.Errorf("usbmuxd is installed (%s) but the check says %s %q", ver, mux.Status, mux.Found.String())
		}
		running := byID(t, checks, "linux.usbmuxd-running")
		if _, err := os.Stat(DefaultMuxSocket); os.IsNotExist(err) && running.Status != OK {
			t.Errorf("no socket and no phone is normal, got %s %q", running.Status, running.Found.String())
		}
	} else if mux.Status != Fail {
		t.Errorf("usbmuxd is not installed but the check says %s", mux.Status)
	}

	// The udev verdict must agree with grep over the same directories.
	rules := byID(t, checks, "linux.udev-rules")
	var text strings.Builder
	for _, dir := range []string{"/etc/udev/rules.d", "/run/udev/rules.d", "/usr/lib/udev/rules.d"} {
		files, _ := filepath.Glob(dir + "/*.rules")
		for _, f := range files {
			raw, _ := os.ReadFile(f)
			text.Write(raw)
		}
	}
	hasApple := strings.Contains(strings.ToLower(text.String()), `idvendor}=="05ac"`)
	hasPortDFU := strings.Contains(strings.ToLower(text.String()), "f014")
	switch {
	case !hasApple && rules.Status != Fail:
		t.Errorf("no Apple rule on this machine, got %s", rules.Status)
	case hasApple && !hasPortDFU && rules.Status == OK:
		t.Errorf("no rule names f014, yet %q", rules.Found.String())
	}
	if os.Geteuid() == 0 {
		wantCheck(t, checks, "linux.usb-access", OK, "root")
	}
}

// TestRealStaleSocketRefuses leaves a real socket file with nobody
// listening, as a crashed usbmuxd does, and one that answers.
func TestRealStaleSocketRefuses(t *testing.T) {
	path := filepath.Join(t.TempDir(), "usbmuxd")
	l, err := net.ListenUnix("unix", &net.UnixAddr{Name: path, Net: "unix"})
	if err != nil {
		t.Fatal(err)
	}
	p := LinuxProbesForThisComputer()
	p.MuxSocket = path
	wantCheck(t, checkLinux(context.Background(), p, phoneState()), "linux.usbmuxd-running", OK, "answers on "+path)

	l.SetUnlinkOnClose(false)
	l.Close()
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("socket file gone: %v", err)
	}
	wantCheck(t, checkLinux(context.Background(), p, phoneState()), "linux.usbmuxd-running", Fail, "exists but refuses")
}

func TestMuxSocketFromEnvironment(t *testing.T) {
	for env, want := range map[string]string{"": DefaultMuxSocket, "UNIX:///tmp/x.sock": "/tmp/x.sock", "/tmp/y": "/tmp/y", "tcp://127.0.0.1:27015": DefaultMuxSocket} {
		t.Setenv("USBMUXD_SOCKET_ADDRESS", env)
		if got := muxSocketPath(); got != want {
			t.Errorf("%q: %q, want %q", env, got, want)
		}
	}
}
