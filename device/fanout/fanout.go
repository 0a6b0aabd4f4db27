// Package fanout hands the newest value to any number of listeners, each
// through a one-slot mailbox: a slow listener skips to the newest value
// and never blocks the publisher. The watcher's States and the keep-awake
// keeper's Status go out this way.
package fanout

import "sync"

// Fanout is the set of listeners and the last value published. The zero
// value is ready to use; it is safe for concurrent use.
type Fanout[T any] struct {
	mu     sync.Mutex
	subs   map[int]*listener[T]
	next   int
	last   T
	closed bool
}

type listener[T any] struct {
	box  chan T
	done chan struct{}
}

// Subscribe calls fn with the last value and then with every new one, on a
// goroutine of its own, in order; a slow fn skips to the newest. The
// returned function unsubscribes; it does not wait for a running fn.
// After Close, Subscribe does nothing.
func (f *Fanout[T]) Subscribe(fn func(T)) (unsubscribe func()) {
	l := &listener[T]{box: make(chan T, 1), done: make(chan struct{})}
	f.mu.Lock()
	if f.closed {
		f.mu.Unlock()
		return func() {}
	}
	if f.subs == nil {
		f.subs = map[int]*listener[T]{}
	}
	id := f.next
	f.next++
	f.subs[id] = l
	l.box <- f.last
	f.mu.Unlock()
	go func() {
		for {
			select {
			case v := <-l.box:
				fn(v)
			case <-l.done:
				return
			}
		}
	}()
	return func() {
		f.mu.Lock()
		defer f.mu.Unlock()
		if _, ok := f.subs[id]; ok {
			delete(f.subs, id)
			close(l.done)
		}
	}
}

// Publish makes v the last value and hands it to every listener, replacing
// one it has not taken yet.
func (f *Fanout[T]) Publish(v T) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.last = v
	for _, l := range f.subs {
		select {
		case <-l.box: // drop the stale one
		default:
		}
		l.box <- v
	}
}

// Close ends every subscription; later Subscribes do nothing.
func (f *Fanout[T]) Close() {
	f.mu.Lock()
	defer f.mu.Unlock()
	for id, l := range f.subs {
		delete(f.subs, id)
		close(l.done)
	}
	f.closed = true
}
