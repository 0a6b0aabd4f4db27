package muxsim

import (
	"bufio"
	"context"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/danielpaulus/go-ios/ios"
	"github.com/danielpaulus/go-ios/ios/notificationproxy"
	"github.com/danielpaulus/go-ios/ios/syslog"

	"unstuck/device/usbmux"
)

// longTool starts one of libimobiledevice's tools that runs until stopped
// and returns its output, line by line.
func longTool(t *testing.T, s *Sim, name string, args ...string) <-chan string {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Skipf("%s not installed (apt-get install libimobiledevice-utils)", name)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	cmd := exec.CommandContext(ctx, name, args...)
	if sb, err := exec.LookPath("stdbuf"); err == nil { // its stdout is a pipe: line-buffer it
		cmd = exec.CommandContext(ctx, sb, append([]string{"-oL", name}, args...)...)
	}
	cmd.Env = append(os.Environ(), "USBMUXD_SOCKET_ADDRESS="+s.Address())
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string, 64)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	t.Cleanup(func() {
		cancel()
		_ = cmd.Wait()
	})
	return lines
}

// waitLine waits for a line containing want, failing after a while.
func waitLine(t *testing.T, lines <-chan string, want string) string {
	t.Helper()
	timeout := time.After(10 * time.Second)
	var seen []string
	for {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatalf("output ended before %q; it said:\n%s", want, strings.Join(seen, "\n"))
			}
			if strings.Contains(l, want) {
				return l
			}
			seen = append(seen, l)
		case <-timeout:
			t.Fatalf("no %q in time; output:\n%s", want, strings.Join(seen, "\n"))
		}
	}
}

// TestIdevicesyslog: Debian's idevicesyslog, an independent client, reads
// the simulated phone's syslog relay (after its own handshake, session and
// StartService) and sees the lines, filtered by process as users run it
// beside a backup (-p backupd -p BackupAgent2, libimobiledevice#1135).
func TestIdevicesyslog(t *testing.T) {
	for _, ssl := range []bool{false, true} {
		name := map[bool]string{false: "plain", true: "tls"}[ssl]
		t.Run(name, func(t *testing.T) {
			s := builtinSim(t, "trusted")
			udid := s.Phones()[0].UDID
			if ssl {
				_ = s.changePhone(udid, func(ps *phoneState) { ps.ServiceSSL = true })
			}
			out := longTool(t, s, "idevicesyslog", "-u", udid, "--no-colors", "-p", "backupd|BackupAgent2")
			waitLine(t, out, "[connected]")
			waitFor(t, "idevicesyslog's relay connection", func() bool { return s.logClients(udid) > 0 })
			if err := s.Log(udid, "SpringBoard[58] <Notice>: noise", "BackupAgent2[345] <Notice>: Uploaded 312 files of 48 MB in 2.1 s at 22.9 MB/s",
				"backupd[123] <Error>: Insufficient free disk space"); err != nil {
				t.Fatal(err)
			}
			l := waitLine(t, out, "Uploaded 312 files")
			if !strings.Contains(l, "BackupAgent2[345]") || !strings.Contains(l, "<Notice>:") {
				t.Errorf("idevicesyslog parsed %q", l)
			}
			l = waitLine(t, out, "Insufficient free disk space")
			if strings.Contains(l, "SpringBoard") || !strings.Contains(l, "backupd[123] <Error>:") {
				t.Errorf("idevicesyslog printed %q", l)
			}
		})
	}
}

// TestIdeviceNotificationProxy: Debian's idevicenotificationproxy observes
// the passcode prompt's two notifications and sees them posted.
func TestIdeviceNotificationProxy(t *testing.T) {
	s := builtinSim(t, "trusted")
	udid := s.Phones()[0].UDID
	out := longTool(t, s, "idevicenotificationproxy", "-u", udid, "observe", usbmux.PasscodePromptPresented, usbmux.PasscodePromptDismissed)
	waitFor(t, "idevicenotificationproxy observing", func() bool { return s.observing(udid, usbmux.PasscodePromptDismissed) })
	_ = s.Notify(udid, "com.apple.springboard.lockstate") // not observed: not relayed
	_ = s.Notify(udid, usbmux.PasscodePromptPresented)
	_ = s.Notify(udid, usbmux.PasscodePromptDismissed)
	if l := waitLine(t, out, "LocalAuthentication"); !strings.Contains(l, usbmux.PasscodePromptPresented) {
		t.Errorf("first notification printed %q", l)
	}
	waitLine(t, out, usbmux.PasscodePromptDismissed)
}

// waitFor polls cond for up to 10 s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !cond(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no %s in time", what)
		}
	}
}

// logClients counts the phone's syslog relay connections.
func (s *Sim) logClients(udid string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.feedLocked(udid).logs)
}

// observing says some proxy client of the phone observes name.
func (s *Sim) observing(udid, name string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for o := range s.feedLocked(udid).notes {
		if o.names[name] {
			return true
		}
	}
	return false
}

// TestGoIOSSyslogAndNotifications: go-ios's own syslog and notification
// proxy clients read the simulated services too.
func TestGoIOSSyslogAndNotifications(t *testing.T) {
	s := goIOS(t, "trusted")
	udid := s.Phones()[0].UDID
	d, err := ios.GetDevice(udid)
	if err != nil {
		t.Fatal(err)
	}
	logs, err := syslog.New(d)
	if err != nil {
		t.Fatal(err)
	}
	defer logs.Close()
	np, err := notificationproxy.New(d)
	if err != nil {
		t.Fatal(err)
	}
	defer np.Close()
	observed := make(chan error, 1)
	go func() { observed <- np.Observe(usbmux.PasscodePromptPresented, 10*time.Second) }()
	go func() {
		for !s.observing(udid, usbmux.PasscodePromptPresented) {
			time.Sleep(20 * time.Millisecond)
		}
		_ = s.Notify(udid, usbmux.PasscodePromptPresented)
		_ = s.Log(udid, "backupd[123] <Notice>: Starting backup")
	}()
	if err := <-observed; err != nil {
		t.Fatal("go-ios Observe:", err)
	}
	msg, err := logs.ReadLogMessage()
	if err != nil && err != io.EOF {
		t.Fatal(err)
	}
	e, err := syslog.Parser()(msg)
	if err != nil {
		t.Fatal(err)
	}
	if e.Process != "backupd" || e.PID != "123" || e.Level != "Notice" || e.Message != "Starting backup" {
		t.Errorf("go-ios parsed %+v", e)
	}
}
