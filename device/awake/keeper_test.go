package awake

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"unstuck/device/tr"
)

// fakeInhibitor hands out fakeLocks and counts what happens to them.
type fakeInhibitor struct {
	mu        sync.Mutex
	failures  int  // this many Acquires fail first
	block     bool // Acquire waits for ctx to end
	dieAtOnce bool // each lock is lost as soon as it is taken
	attempts  int
	at        []time.Time // when each Acquire began
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
	f.at = append(f.at, time.Now())
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

// waitStatus waits until the Keeper publishes a Status that satisfies ok
// (the first it hands a subscriber is the current one) and returns it.
func waitStatus(t *testing.T, k *Keeper, what string, ok func(Status) bool) Status {
	t.Helper()
	got := make(chan Status, 1)
	stop := k.Subscribe(func(s Status) {
		if ok(s) {
			select {
			case got <- s:
			default:
			}
		}
	})
	defer stop()
	select {
	case s := <-got:
		return s
	case <-time.After(10 * time.Second):
		t.Fatalf("timed out waiting for %s; status %+v", what, k.Status())
	}
	return Status{}
}

var fastRetry = KeeperOptions{RetryMin: 20 * time.Millisecond, RetryMax: 100 * time.Millisecond}

// The tests below run in a synctest bubble: the Keeper's goroutine, its
// retry timers and its acquire timeout are on the bubble's fake clock, and
// synctest.Wait returns once the Keeper is blocked again, its work done. A
// goroutine still blocked when the test function returns (a Keeper that
// Close did not stop) fails the test.

func TestKeeperRetriesAfterFailure(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := &fakeInhibitor{failures: 2}
		k := NewKeeperWith(f, nil, fastRetry)
		defer k.Close()
		k.Update(WhyUpdating, true)
		synctest.Wait()
		if s := k.Status(); s.Err.In("en") != "no lock today" || s.Held || s.Why != WhyUpdating {
			t.Fatalf("after the first failure: status %+v", s)
		}
		// The wait doubles: the second attempt after 20 ms, the third 40 ms later.
		var elapsed time.Duration
		for _, step := range []struct {
			wait     time.Duration
			attempts int
		}{{19 * time.Millisecond, 1}, {time.Millisecond, 2}, {39 * time.Millisecond, 2}, {time.Millisecond, 3}} {
			time.Sleep(step.wait)
			elapsed += step.wait
			synctest.Wait()
			if attempts, _ := f.counts(); attempts != step.attempts {
				t.Fatalf("%d attempts after %v, want %d", attempts, elapsed, step.attempts)
			}
		}
		s := k.Status()
		if !s.Held || !s.Err.IsZero() || s.Method != "fake" || !s.Enabled {
			t.Errorf("status %+v", s)
		}
		if attempts, locks := f.counts(); attempts != 3 || locks != 1 {
			t.Errorf("%d attempts, %d locks; want 3, 1", attempts, locks)
		}
	})
}

func TestKeeperDoesNotSpinOnALockThatDiesAtOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := &fakeInhibitor{dieAtOnce: true}
		k := NewKeeperWith(f, nil, fastRetry)
		k.Update(WhyRecovery, true)
		time.Sleep(500 * time.Millisecond)
		k.Close()
		// Each retake waits twice as long as the last, up to RetryMax.
		const ms = time.Millisecond
		want := []time.Duration{20 * ms, 40 * ms, 80 * ms, 100 * ms, 100 * ms, 100 * ms}
		var gaps []time.Duration
		for i := 1; i < len(f.at); i++ {
			gaps = append(gaps, f.at[i].Sub(f.at[i-1]))
		}
		if !slices.Equal(gaps, want) {
			t.Errorf("time between attempts in 500 ms: %v, want %v", gaps, want)
		}
		for i, l := range f.locks {
			if l.releases() == 0 {
				t.Errorf("lost lock %d never released (its descriptor would leak)", i)
			}
		}
	})
}

func TestKeeperNeverBlocksTheCaller(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := &fakeInhibitor{block: true}
		k := NewKeeperWith(f, nil, KeeperOptions{AcquireTimeout: time.Minute})
		k.Update(WhyUpdating, true)
		synctest.Wait() // the Keeper is inside Acquire, stuck for a minute
		if attempts, _ := f.counts(); attempts != 1 {
			t.Fatalf("%d attempts, want the Keeper stuck in its first", attempts)
		}
		// Time moves only while everything waits: a call that waited for
		// the stuck Acquire would let the fake minute pass.
		start := time.Now()
		for range 100 {
			k.Update(tr.Text{}, false)
			k.Update(WhyUpdating, true)
		}
		_ = k.Status()
		if d := time.Since(start); d != 0 {
			t.Errorf("Update took %v with a stuck inhibitor", d)
		}
		k.Close()
		if d := time.Since(start); d != 0 {
			t.Errorf("Close took %v with a stuck inhibitor", d)
		}
		k.Close() // twice is fine
		k.Update(WhyUpdating, true)
		k.SetEnabled(false)
	})
}

func TestKeeperConcurrentUse(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := &fakeInhibitor{}
		k := NewKeeperWith(f, nil, fastRetry)
		var wg sync.WaitGroup
		for i := range 8 {
			wg.Go(func() {
				for j := range 200 {
					k.Update([]tr.Text{WhyUpdating, WhyRecovery}[(i+j)%2], j%3 != 0)
					k.SetEnabled(j%5 != 0)
					_ = k.Status()
				}
			})
		}
		stop := k.Subscribe(func(Status) {})
		wg.Wait()
		k.Update(WhyProcedure, true)
		k.SetEnabled(true)
		synctest.Wait()
		if s := k.Status(); !s.Held || s.Why != WhyProcedure {
			t.Errorf("status %+v; want the last reason held", s)
		}
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
	})
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
