package fanout

import (
	"sync"
	"testing"
	"time"
)

func TestListenersGetTheLastValueThenTheNewest(t *testing.T) {
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
	select {
	case v := <-got:
		t.Fatalf("got %d after unsubscribing", v)
	case <-time.After(50 * time.Millisecond):
	}
}

// A slow listener never blocks Publish and ends on the newest value.
func TestASlowListenerSkipsToTheNewest(t *testing.T) {
	var f Fanout[int]
	release := make(chan struct{})
	var mu sync.Mutex
	var seen []int
	f.Subscribe(func(v int) {
		<-release
		mu.Lock()
		seen = append(seen, v)
		mu.Unlock()
	})
	start := time.Now()
	for i := 1; i <= 1000; i++ {
		f.Publish(i)
	}
	if time.Since(start) > time.Second {
		t.Fatal("Publish waited for a slow listener")
	}
	close(release)
	deadline := time.Now().Add(2 * time.Second)
	for {
		mu.Lock()
		n, last := len(seen), 0
		if n > 0 {
			last = seen[n-1]
		}
		mu.Unlock()
		if last == 1000 {
			if n > 3 {
				t.Errorf("%d values delivered; a slow listener should skip most", n)
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("never saw the newest value; seen %v", seen)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestCloseEndsSubscriptions(t *testing.T) {
	var f Fanout[string]
	got := make(chan string, 4)
	f.Subscribe(func(v string) { got <- v })
	<-got // the zero value
	f.Close()
	f.Publish("late")
	f.Subscribe(func(v string) { got <- "after close: " + v })
	select {
	case v := <-got:
		t.Fatalf("got %q after Close", v)
	case <-time.After(50 * time.Millisecond):
	}
}
