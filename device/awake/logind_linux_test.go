package awake

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
)

func TestLogindHoldsUntilRelease(t *testing.T) {
	addr := startBus(t)
	fake := startFakeLogind(t, addr)
	li := Logind{BusAddress: addr}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	lock, err := li.Acquire(ctx, WhyUpdating.String())
	if err != nil {
		t.Fatal(err)
	}
	if lock.Method() != MethodLogind {
		t.Errorf("method %q, want %q", lock.Method(), MethodLogind)
	}
	fake.waitLocks(1)
	l := fake.lock(0)
	waitClosed(t, l.held, 10*time.Second, "this process to hold the lock's descriptor")
	if l.What != "sleep:idle" || l.Who != Who || l.Why != WhyUpdating.String() || l.Mode != "block" {
		t.Errorf("logind was asked for %q %q %q %q", l.What, l.Who, l.Why, l.Mode)
	}
	stillOpen(t, l.released, 100*time.Millisecond, "the lock, before Release")

	held, err := li.Held(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(held) != 1 || held[0].Who != Who || held[0].Why != WhyUpdating.String() || held[0].PID != uint32(os.Getpid()) {
		t.Errorf("Held = %+v, want one lock of this process", held)
	}

	if err := lock.Release(); err != nil {
		t.Fatal(err)
	}
	waitClosed(t, l.released, 5*time.Second, "EOF on logind's end after Release")
	if err := lock.Release(); err != nil {
		t.Errorf("second Release: %v", err)
	}
	select {
	case <-lock.Lost():
		t.Error("a released lock reported as lost")
	default:
	}
	if held, err := li.Held(ctx); err != nil || len(held) != 0 {
		t.Errorf("after Release, Held = %+v, %v; want none", held, err)
	}
}

func TestLogindLockLostWhenLogindLetsGo(t *testing.T) {
	addr := startBus(t)
	fake := startFakeLogind(t, addr)
	lock, err := Logind{BusAddress: addr}.Acquire(context.Background(), WhyRecovery.String())
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	fake.waitLocks(1)
	waitClosed(t, fake.lock(0).held, 10*time.Second, "the lock to be held")
	stillOpen(t, lock.Lost(), 100*time.Millisecond, "Lost before logind let go")
	fake.drop(0)
	waitClosed(t, lock.Lost(), 5*time.Second, "Lost after logind closed its end")
}

func TestLogindErrorsInPlainWords(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	missing := "unix:path=" + filepath.Join(t.TempDir(), "no-bus")
	if _, err := (Logind{BusAddress: missing}).Acquire(ctx, "x"); err == nil || !strings.Contains(err.Error(), "no system bus") {
		t.Errorf("no bus: err = %v, want it to say there is no system bus", err)
	}
	if _, err := (Logind{BusAddress: missing}).Held(ctx); err == nil || !strings.Contains(err.Error(), "no system bus") {
		t.Errorf("no bus, Held: err = %v", err)
	}

	addr := startBus(t) // a bus where nobody owns org.freedesktop.login1
	if _, err := (Logind{BusAddress: addr}).Acquire(ctx, "x"); err == nil || err.Error() != "logind is not running" {
		t.Errorf("no logind: err = %v, want %q", err, "logind is not running")
	}

	fake := startFakeLogind(t, addr)
	fake.mu.Lock()
	fake.refuse = dbus.NewError("org.freedesktop.DBus.Error.AccessDenied", []any{"Permission denied"})
	fake.mu.Unlock()
	_, err := (Logind{BusAddress: addr}).Acquire(ctx, "x")
	if err == nil || !strings.Contains(err.Error(), "logind refused") || !strings.Contains(err.Error(), "Permission denied") {
		t.Errorf("refused: err = %v", err)
	}
}

func TestLinuxInhibitorFallsBackAndSaysWhy(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	missing := Logind{BusAddress: "unix:path=" + filepath.Join(t.TempDir(), "no-bus")}

	// Neither logind nor the helper: the sentence the UI shows.
	none := LinuxInhibitor{Logind: missing, Fallback: Child{Name: MethodSystemdInhibit, Command: func(string) []string {
		return []string{"unstuck-no-such-systemd-inhibit"}
	}, Handshake: true}}
	_, err := none.Acquire(ctx, "x")
	if !errors.Is(err, ErrCannotKeepAwake) || !strings.HasPrefix(err.Error(), "cannot keep this computer awake: no logind and no systemd-inhibit") {
		t.Errorf("err = %v", err)
	}

	// logind unreachable, the helper works: the helper holds the lock.
	helper := LinuxInhibitor{Logind: missing, Fallback: Child{Name: MethodSystemdInhibit, Command: func(string) []string {
		return []string{"sh", "-c", "exec cat"}
	}, Handshake: true}}
	lock, err := helper.Acquire(ctx, "x")
	if err != nil {
		t.Fatal(err)
	}
	if lock.Method() != MethodSystemdInhibit {
		t.Errorf("method %q", lock.Method())
	}
	if err := lock.Release(); err != nil {
		t.Error(err)
	}

	// Both fail: both reasons are given.
	failing := LinuxInhibitor{Logind: missing, Fallback: Child{Name: MethodSystemdInhibit, Command: func(string) []string {
		return []string{"sh", "-c", "echo 'Failed to connect to bus' >&2; exit 1"}
	}, Handshake: true}}
	_, err = failing.Acquire(ctx, "x")
	if !errors.Is(err, ErrCannotKeepAwake) || !strings.Contains(err.Error(), "no system bus") || !strings.Contains(err.Error(), "systemd-inhibit: Failed to connect to bus") {
		t.Errorf("err = %v", err)
	}
}

// A lock logind grants after Acquire gave up must not stay held.
func TestLogindLateAnswerIsLetGo(t *testing.T) {
	addr := startBus(t)
	fake := startFakeLogind(t, addr)
	fake.mu.Lock()
	fake.delay = 300 * time.Millisecond
	fake.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := Logind{BusAddress: addr}.Acquire(ctx, "x")
	if err == nil || !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "logind did not answer") {
		t.Fatalf("err = %v", err)
	}
	if d := time.Since(start); d > 250*time.Millisecond {
		t.Errorf("Acquire returned after %v, past its deadline", d)
	}
	fake.waitLocks(1)
	waitClosed(t, fake.lock(0).released, 10*time.Second, "the late lock to be let go")
}
