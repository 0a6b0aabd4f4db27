package ui

import "sync"

// Post runs f on the UI goroutine, later. The app passes fyne.Do; tests
// pass a Queue's Post and run what was posted with Drain, on the test's
// own goroutine, so widgets are only ever touched by one goroutine.
type Post func(f func())

// Queue collects posted functions until Drain runs them.
type Queue struct {
	mu      sync.Mutex
	pending []func()
	posted  chan struct{} // has a value while pending is not empty
}

// NewQueue makes an empty queue.
func NewQueue() *Queue { return &Queue{posted: make(chan struct{}, 1)} }

// Post adds f; safe from any goroutine.
func (q *Queue) Post(f func()) {
	q.mu.Lock()
	q.pending = append(q.pending, f)
	q.mu.Unlock()
	select {
	case q.posted <- struct{}{}:
	default:
	}
}

// Drain runs everything posted so far, and whatever that posts, in order.
func (q *Queue) Drain() {
	for {
		q.mu.Lock()
		fs := q.pending
		q.pending = nil
		q.mu.Unlock()
		if len(fs) == 0 {
			return
		}
		for _, f := range fs {
			f()
		}
	}
}

// Posted is readable when something was posted since the last Drain that
// emptied the queue: wait on it, then Drain.
func (q *Queue) Posted() <-chan struct{} { return q.posted }
