package awake

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func needSystemdInhibit(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("systemd-inhibit"); err != nil {
		t.Skip("systemd-inhibit is not installed (apt-get install systemd)")
	}
}

// The real systemd-inhibit, pointed at the fake logind through
// DBUS_SYSTEM_BUS_ADDRESS, takes the lock for as long as its cat runs.
func TestSystemdInhibitTakesLogindLock(t *testing.T) {
	needSystemdInhibit(t)
	addr := startBus(t)
	fake := startFakeLogind(t, addr)
	t.Setenv("DBUS_SYSTEM_BUS_ADDRESS", addr)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	lock, err := SystemdInhibit().Acquire(ctx, WhyDFU.String())
	if err != nil {
		t.Fatal(err)
	}
	if lock.Method() != MethodSystemdInhibit {
		t.Errorf("method %q", lock.Method())
	}
	fake.waitLocks(1)
	l := fake.lock(0)
	waitClosed(t, l.held, 10*time.Second, "systemd-inhibit to hold the descriptor")
	if l.What != "sleep:idle" || l.Who != Who || l.Why != WhyDFU.String() || l.Mode != "block" {
		t.Errorf("systemd-inhibit asked for %q %q %q %q", l.What, l.Who, l.Why, l.Mode)
	}
	if int(l.PID) == os.Getpid() {
		t.Error("the lock should belong to the systemd-inhibit process, not the test")
	}
	// Held (what unstuckctl status uses) sees it too, through the same bus.
	held, err := Held(ctx)
	if err != nil || len(held) != 1 || held[0].Why != WhyDFU.String() {
		t.Errorf("Held = %+v, %v", held, err)
	}

	if err := lock.Release(); err != nil {
		t.Fatal(err)
	}
	waitClosed(t, l.released, 5*time.Second, "EOF on logind's end after Release")
	if _, err := os.Stat(filepathProc(l.PID)); err == nil {
		t.Errorf("systemd-inhibit (pid %d) still runs after Release", l.PID)
	}
}

// With no logind to talk to, systemd-inhibit's own complaint reaches the user.
func TestSystemdInhibitWithoutLogindSaysSo(t *testing.T) {
	needSystemdInhibit(t)
	t.Setenv("DBUS_SYSTEM_BUS_ADDRESS", "unix:path="+filepath.Join(t.TempDir(), "no-bus"))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err := SystemdInhibit().Acquire(ctx, "x")
	if err == nil {
		t.Fatal("systemd-inhibit held a lock with no bus")
	}
	if !strings.HasPrefix(err.Error(), "systemd-inhibit: ") || !strings.Contains(strings.ToLower(err.Error()), "bus") {
		t.Errorf("err = %v, want systemd-inhibit's reason", err)
	}
	_, err = Default().Acquire(ctx, "x")
	if err == nil || !strings.HasPrefix(err.Error(), "cannot keep this computer awake: no system bus") {
		t.Errorf("Default: err = %v", err)
	}
	t.Log(err)
}

func filepathProc(pid uint32) string {
	return filepath.Join("/proc", strconv.FormatUint(uint64(pid), 10))
}
