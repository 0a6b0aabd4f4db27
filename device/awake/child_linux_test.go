package awake

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// pidOf finds the pid of a childLock's process.
func pidOf(t *testing.T, l Lock) int {
	t.Helper()
	cl, ok := l.(*childLock)
	if !ok {
		t.Fatalf("%T is not a child lock", l)
	}
	return cl.cmd.Process.Pid
}

func gone(pid int) bool {
	_, err := os.Stat("/proc/" + strconv.Itoa(pid))
	return errors.Is(err, os.ErrNotExist)
}

func TestChildHandshakeHoldsUntilRelease(t *testing.T) {
	// A stand-in for systemd-inhibit: it "holds" by running cat.
	c := Child{Name: "test", Handshake: true, Command: func(why string) []string {
		return []string{"sh", "-c", "test \"$1\" = 'why words' && exec cat", "sh", why}
	}}
	lock, err := c.Acquire(context.Background(), "why words")
	if err != nil {
		t.Fatal(err)
	}
	pid := pidOf(t, lock)
	stillOpen(t, lock.Lost(), 100*time.Millisecond, "Lost while the helper runs")
	if gone(pid) {
		t.Fatal("helper is not running")
	}
	if err := lock.Release(); err != nil {
		t.Fatal(err)
	}
	if !gone(pid) {
		t.Error("helper still runs after Release")
	}
	select {
	case <-lock.Lost():
		t.Error("a released lock reported as lost")
	default:
	}
}

func TestChildLostWhenHelperDies(t *testing.T) {
	c := Child{Name: "test", Handshake: true, Command: func(string) []string { return []string{"cat"} }}
	lock, err := c.Acquire(context.Background(), "x")
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	if err := syscall.Kill(pidOf(t, lock), syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	waitClosed(t, lock.Lost(), 5*time.Second, "Lost after the helper was killed")
}

func TestChildFailuresAreClear(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	cmd := func(argv ...string) func(string) []string { return func(string) []string { return argv } }

	_, err := Child{Name: "helper", Handshake: true, Command: cmd("sh", "-c", "echo 'Access denied' >&2; exit 1")}.Acquire(ctx, "x")
	if err == nil || err.Error() != "helper: Access denied" {
		t.Errorf("failing helper: err = %v", err)
	}
	_, err = Child{Name: "helper", Handshake: true, Command: cmd("true")}.Acquire(ctx, "x")
	if err == nil || !strings.Contains(err.Error(), "ended without holding the lock") {
		t.Errorf("silent helper: err = %v", err)
	}
	_, err = Child{Name: "helper", Command: cmd("unstuck-no-such-helper")}.Acquire(ctx, "x")
	if !errors.Is(err, exec.ErrNotFound) || !strings.Contains(err.Error(), "unstuck-no-such-helper is not installed") {
		t.Errorf("missing helper: err = %v", err)
	}
	_, err = Child{Name: "helper", Command: cmd()}.Acquire(ctx, "x")
	if err == nil {
		t.Error("empty command accepted")
	}

	// A helper that never answers: Acquire gives up when ctx ends and
	// leaves no process behind.
	short, cancelShort := context.WithTimeout(ctx, 200*time.Millisecond)
	defer cancelShort()
	start := time.Now()
	_, err = Child{Name: "helper", Handshake: true, Command: cmd("sleep", "30")}.Acquire(short, "x")
	if err == nil || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("mute helper: err = %v", err)
	}
	if time.Since(start) > 5*time.Second {
		t.Errorf("Acquire took %v after its deadline", time.Since(start))
	}
}

func TestChildWithoutHandshakeIsKilledOnRelease(t *testing.T) {
	c := Child{Name: "test", Command: func(string) []string { return []string{"sleep", "30"} }}
	lock, err := c.Acquire(context.Background(), "x")
	if err != nil {
		t.Fatal(err)
	}
	pid := pidOf(t, lock)
	start := time.Now()
	if err := lock.Release(); err != nil {
		t.Fatal(err)
	}
	if !gone(pid) || time.Since(start) > time.Second {
		t.Errorf("sleep not stopped at once (gone=%v, %v)", gone(pid), time.Since(start))
	}
}

// A helper that ignores its closed input is killed after StopGrace.
func TestChildStubbornHelperIsKilled(t *testing.T) {
	c := Child{Name: "test", Handshake: true, StopGrace: 100 * time.Millisecond, Command: func(string) []string {
		return []string{"sh", "-c", "trap '' TERM; read line; echo \"$line\"; exec sleep 30"}
	}}
	lock, err := c.Acquire(context.Background(), "x")
	if err != nil {
		t.Fatal(err)
	}
	pid := pidOf(t, lock)
	if err := lock.Release(); err != nil {
		t.Fatal(err)
	}
	if !gone(pid) {
		t.Error("stubborn helper still runs")
	}
}
