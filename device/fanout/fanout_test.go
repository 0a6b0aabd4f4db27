package fanout

import (
	"sync"
	"testing"
	"testing/synctest"
)

func TestListenersGetTheLastValueThenTheNewest(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var f Fanout[int]
		f.Publish(1)
		got := make(chan int, 10)
		unsub := f.Subscribe(func(v int) { got <- v })
		if v := <-got; v != 1 {
			t.Fatalf("first value %d, want the last published, 1", v)
		}
		f.Publish(2)
		if v := <-got; v != 2 {
			t.Fatalf("got %d, want 2", v)
		}
		unsub()
		unsub() // twice is harmless
		f.Publish(3)
		synctest.Wait() // a listener still there would have had it by now
		select {
		case v := <-got:
			t.Fatalf("got %d after unsubscribing", v)
		default:
		}
	})
}

// A slow listener never blocks Publish and ends on the newest value.
func TestASlowListenerSkipsToTheNewest(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var f Fanout[int]
		release := make(chan struct{})
		var mu sync.Mutex
		var seen []int
		unsub := f.Subscribe(func(v int) {
			<-release
			mu.Lock()
			seen = append(seen, v)
			mu.Unlock()
		})
		defer unsub()
		// Inside the bubble a Publish that waited for the stuck listener
		// would leave every goroutine blocked: synctest reports the deadlock.
		for i := 1; i <= 1000; i++ {
			f.Publish(i)
		}
		close(release)
		synctest.Wait()
		mu.Lock()
		defer mu.Unlock()
		if n := len(seen); n == 0 || seen[n-1] != 1000 {
			t.Fatalf("never saw the newest value; seen %v", seen)
		} else if n > 3 {
			t.Errorf("%d values delivered; a slow listener should skip most", n)
		}
	})
}

func TestCloseEndsSubscriptions(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var f Fanout[string]
		got := make(chan string, 4)
		f.Subscribe(func(v string) { got <- v })
		<-got // the zero value
		f.Close()
		f.Publish("late")
		f.Subscribe(func(v string) { got <- "after close: " + v })
		synctest.Wait()
		select {
		case v := <-got:
			t.Fatalf("got %q after Close", v)
		default:
		}
	})
}
