package pace

import (
	"context"
	"testing"
	"testing/synctest"
	"time"
)

type delivery struct {
	v  int
	at time.Duration
}

// run feeds values from feed into Run and records what is delivered, and
// when, on synctest's fake clock.
func run(t *testing.T, o Options[int], feed func(in chan<- int)) []delivery {
	t.Helper()
	var got []delivery
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		in := make(chan int)
		start := time.Now()
		done := make(chan struct{})
		go func() {
			Run(ctx, in, o, func(v int) { got = append(got, delivery{v, time.Since(start)}) })
			close(done)
		}()
		feed(in)
		time.Sleep(10 * time.Second) // let the last one through
		cancel()
		<-done
	})
	return got
}

// A storm of 1,000 values a second for 2 s reaches the consumer at most
// once per gap, the first at once and the newest last.
func TestStormIsPaced(t *testing.T) {
	got := run(t, Options[int]{Gap: 250 * time.Millisecond}, func(in chan<- int) {
		for i := 1; i <= 2000; i++ {
			in <- i
			time.Sleep(time.Millisecond)
		}
	})
	if len(got) == 0 || got[0].v != 1 || got[0].at != 0 {
		t.Fatalf("first delivery %+v, want value 1 at once", got)
	}
	if last := got[len(got)-1]; last.v != 2000 {
		t.Errorf("last delivery %+v, want the newest value 2000", last)
	}
	if len(got) > 10 {
		t.Errorf("%d deliveries in 2 s at a 250 ms gap", len(got))
	}
	for i := 1; i < len(got); i++ {
		if d := got[i].at - got[i-1].at; d < 250*time.Millisecond {
			t.Errorf("deliveries %d and %d only %v apart", i-1, i, d)
		}
		if got[i].v <= got[i-1].v {
			t.Errorf("delivery %d (%d) is not newer than the one before (%d)", i, got[i].v, got[i-1].v)
		}
	}
}

// Values that come slower than the gap all arrive, each at once.
func TestSlowValuesPassAtOnce(t *testing.T) {
	got := run(t, Options[int]{Gap: 250 * time.Millisecond}, func(in chan<- int) {
		for i := 1; i <= 3; i++ {
			in <- i
			time.Sleep(time.Second)
		}
	})
	if len(got) != 3 {
		t.Fatalf("deliveries %+v, want 3", got)
	}
	for i, d := range got {
		if want := time.Duration(i) * time.Second; d.at != want || d.v != i+1 {
			t.Errorf("delivery %d = %+v, want value %d at %v", i, d, i+1, want)
		}
	}
}

// The last value is delivered again each Again while Repeat holds, and no
// more once it does not.
func TestAgain(t *testing.T) {
	o := Options[int]{Gap: 250 * time.Millisecond, Again: time.Second, Repeat: func(v int) bool { return v == 1 }}
	got := run(t, o, func(in chan<- int) {
		in <- 1
		time.Sleep(3500 * time.Millisecond)
		in <- 2
	})
	var ones, twos int
	for _, d := range got {
		switch d.v {
		case 1:
			ones++
		case 2:
			twos++
		}
	}
	if ones != 4 || twos != 1 {
		t.Errorf("deliveries %+v: want 1 four times (at once, then each second for 3 s) and 2 once", got)
	}
}

// Run ends when its input closes.
func TestClosedInputEnds(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		in := make(chan int)
		done := make(chan struct{})
		go func() { Run(t.Context(), in, Options[int]{Gap: time.Second}, func(int) {}); close(done) }()
		in <- 1
		close(in)
		<-done
	})
}
