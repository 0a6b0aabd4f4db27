package awake

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"testing"
	"time"
)

// fakeInhibitor hands out fakeLocks and counts what happens to them.
type fakeInhibitor struct {
	mu        sync.Mutex
	failures  int  // this many Acquires fail first
	block     bool // Acquire waits for ctx to end
	dieAtOnce bool // each lock is lost as soon as it is taken
	attempts  int
	locks     []*fakeLockT
}

type fakeLockT struct {
	why      string
	lost     chan struct{}
	mu       sync.Mutex
	released int
}

func (l *fakeLockT) Method() string        { return "fake" }
func (l *fakeLockT) Lost() <-chan struct{} { return l.lost }
func (l *fakeLockT) Release() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.released++
	return nil
}
func (l *fakeLockT) releases() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.released
}

func (f *fakeInhibitor) Acquire(ctx context.Context, why string) (Lock, error) {
	f.mu.Lock()
	f.attempts++
	block := f.block
	if f.failures > 0 {
		f.failures--
		f.mu.Unlock()
		return nil, errors.New("no lock today")
	}
	f.mu.Unlock()
	if block {
		<-ctx.Done()
		return nil, ctx.Err()
	}
	l := &fakeLockT{why: why, lost: make(chan struct{})}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.dieAtOnce {
		close(l.lost)
	}
	f.locks = append(f.locks, l)
	return l, nil
}

func (f *fakeInhibitor) counts() (attempts, locks int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.attempts, len(f.locks)
}

// waitStatus waits until the Keeper's Status satisfies ok.
func waitStatus(t *testing.T, k *Keeper, what string, ok func(Status) bool) Status {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		s := k.Status()
		if ok(s) {
			return s
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s; status %+v", what, s)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

var fastRetry = KeeperOptions{RetryMin: 20 * time.Millisecond, RetryMax: 100 * time.Millisecond}

func TestKeeperRetriesAfterFailure(t *testing.T) {
	f := &fakeInhibitor{failures: 2}
	k := NewKeeperWith(f, nil, fastRetry)
	defer k.Close()
	k.Update(WhyUpdating, true)
	waitStatus(t, k, "the failure to show", func(s Status) bool { return s.Err == "no lock today" && !s.Held && s.Why == WhyUpdating })
	s := waitStatus(t, k, "the lock after retries", func(s Status) bool { return s.Held })
	if s.Err != "" || s.Method != "fake" || !s.Enabled {
		t.Errorf("status %+v", s)
	}
	if attempts, locks := f.counts(); attempts != 3 || locks != 1 {
		t.Errorf("%d attempts, %d locks; want 3, 1", attempts, locks)
	}
}

func TestKeeperDoesNotSpinOnALockThatDiesAtOnce(t *testing.T) {
	f := &fakeInhibitor{dieAtOnce: true}
	k := NewKeeperWith(f, nil, fastRetry)
	k.Update(WhyRecovery, true)
	time.Sleep(500 * time.Millisecond)
	k.Close()
	attempts, _ := f.counts()
	// 20, 40, 80, 100, 100... ms: about 7 in half a second, never hundreds.
	if attempts < 3 || attempts > 12 {
		t.Errorf("%d attempts in 500 ms; want a few, spaced out", attempts)
	}
	for i, l := range f.locks {
		if l.releases() == 0 {
			t.Errorf("lost lock %d never released (its descriptor would leak)", i)
		}
	}
}

func TestKeeperNeverBlocksTheCaller(t *testing.T) {
	before := runtime.NumGoroutine()
	f := &fakeInhibitor{block: true}
	k := NewKeeperWith(f, nil, KeeperOptions{AcquireTimeout: time.Minute})
	start := time.Now()
	for range 100 {
		k.Update(WhyUpdating, true)
		k.Update("", false)
	}
	k.Update(WhyUpdating, true)
	_ = k.Status()
	if d := time.Since(start); d > 100*time.Millisecond {
		t.Errorf("Update took %v with a stuck inhibitor", d)
	}
	time.Sleep(20 * time.Millisecond) // let the Keeper start its attempt
	start = time.Now()
	k.Close()
	if d := time.Since(start); d > time.Second {
		t.Errorf("Close took %v with a stuck inhibitor", d)
	}
	k.Close() // twice is fine
	k.Update(WhyUpdating, true)
	k.SetEnabled(false)
	waitGoroutines(t, before)
}

func TestKeeperConcurrentUse(t *testing.T) {
	before := runtime.NumGoroutine()
	f := &fakeInhibitor{}
	k := NewKeeperWith(f, nil, fastRetry)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 200 {
				k.Update([]string{WhyUpdating, WhyRecovery}[(i+j)%2], j%3 != 0)
				k.SetEnabled(j%5 != 0)
				_ = k.Status()
			}
		}()
	}
	stop := k.Subscribe(func(Status) {})
	wg.Wait()
	k.Update(WhyProcedure, true)
	k.SetEnabled(true)
	waitStatus(t, k, "the last reason held", func(s Status) bool { return s.Held && s.Why == WhyProcedure })
	stop()
	k.Close()
	held := 0
	for _, l := range f.locks {
		if l.releases() == 0 {
			held++
		}
	}
	if held != 0 {
		t.Errorf("%d locks never released after Close", held)
	}
	waitGoroutines(t, before)
}

func TestKeeperSubscribe(t *testing.T) {
	k := NewKeeperWith(&fakeInhibitor{}, nil, fastRetry)
	got := make(chan Status, 100)
	stop := k.Subscribe(func(s Status) { got <- s })
	defer stop()
	if s := <-got; s.Held || !s.Enabled {
		t.Errorf("first status %+v; want enabled, not held", s)
	}
	k.Update(WhyDFU, true)
	nextStatus(t, got, "held for DFU", func(s Status) bool { return s.Held && s.Why == WhyDFU && s.Method == "fake" })
	k.SetEnabled(false)
	nextStatus(t, got, "switched off", func(s Status) bool { return !s.Enabled && !s.Held })
	k.Close()
	stop2 := k.Subscribe(func(Status) { t.Error("called after Close") })
	stop2()
}

// nextStatus reads statuses until one satisfies ok.
func nextStatus(t *testing.T, got <-chan Status, what string, ok func(Status) bool) {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case s := <-got:
			if ok(s) {
				return
			}
		case <-timeout:
			t.Fatalf("no status: %s", what)
		}
	}
}

// waitGoroutines fails unless the goroutine count falls back to before.
func waitGoroutines(t *testing.T, before int) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<16)
			t.Fatalf("goroutines: %d before, %d after\n%s", before, runtime.NumGoroutine(), buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(5 * time.Millisecond)
	}
}
