package awake

import (
	"context"
	"testing"
	"time"

	"unstuck/device"
)

// The Keeper over the real D-Bus path, against the fake logind, driven by
// Reason from States as the watcher would publish them.
func TestKeeperWithLogind(t *testing.T) {
	addr := startBus(t)
	fake := startFakeLogind(t, addr)
	k := NewKeeperWith(Logind{BusAddress: addr}, nil, fastRetry)
	defer k.Close()
	update := func(modes ...device.Mode) {
		var s device.State
		for i, m := range modes {
			s.Devices = append(s.Devices, device.Device{Key: string(rune('a' + i)), Mode: m})
		}
		k.Update(Reason(s, false))
	}

	// Many States during one update: one lock.
	for range 50 {
		update(device.ModeRestore)
	}
	s := waitStatus(t, k, "held while updating", func(s Status) bool { return s.Held })
	if s.Method != MethodLogind || s.Why != WhyUpdating || !s.Err.IsZero() {
		t.Errorf("status %+v", s)
	}
	waitClosed(t, fake.lock(0).held, 10*time.Second, "lock 0 held")
	time.Sleep(50 * time.Millisecond)
	if n := fake.count(); n != 1 {
		t.Fatalf("%d locks for one update, want 1", n)
	}

	// The update ends, the phone runs normally: let go.
	update(device.ModeNormal)
	waitClosed(t, fake.lock(0).released, 5*time.Second, "release when the phone runs normally")
	waitStatus(t, k, "not held", func(s Status) bool { return !s.Held && s.Why.IsZero() })

	// Recovery: held again; a different reason swaps the lock without a gap.
	update(device.ModeRecovery)
	fake.waitLocks(2)
	waitClosed(t, fake.lock(1).held, 10*time.Second, "lock 1 held")
	update(device.ModeRestore)
	fake.waitLocks(3)
	waitClosed(t, fake.lock(2).held, 10*time.Second, "lock 2 held")
	waitClosed(t, fake.lock(1).released, 5*time.Second, "the recovery lock let go after the new one")
	if got := fake.lock(2).Why; got != WhyUpdating.String() {
		t.Errorf("new lock says %q", got)
	}

	// logind lets go: the Keeper takes it again.
	fake.drop(2)
	fake.waitLocks(4)
	waitClosed(t, fake.lock(3).held, 10*time.Second, "lock re-taken after logind dropped it")
	waitStatus(t, k, "held again, no error", func(s Status) bool { return s.Held && s.Err.IsZero() })

	// The user's switch.
	k.SetEnabled(false)
	waitClosed(t, fake.lock(3).released, 5*time.Second, "release when switched off")
	update(device.ModeDFU)
	time.Sleep(50 * time.Millisecond)
	if n := fake.count(); n != 4 {
		t.Errorf("a lock was taken while switched off (%d locks)", n)
	}
	s = k.Status()
	if s.Enabled || s.Held || s.Why != WhyDFU {
		t.Errorf("switched off: status %+v", s)
	}
	k.SetEnabled(true)
	fake.waitLocks(5)
	waitClosed(t, fake.lock(4).held, 10*time.Second, "lock after switching back on")

	// unstuckctl's view of it.
	held, err := Logind{BusAddress: addr}.Held(context.Background())
	if err != nil || len(held) != 1 || held[0].Why != WhyDFU.String() {
		t.Errorf("Held = %+v, %v", held, err)
	}

	k.Close()
	waitClosed(t, fake.lock(4).released, 5*time.Second, "release on Close")
	if s := k.Status(); s.Held {
		t.Errorf("after Close: %+v", s)
	}
}
