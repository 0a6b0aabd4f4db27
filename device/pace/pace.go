// Package pace hands the newest of a stream of values to a consumer at a
// bounded rate. However fast values arrive (a phone on a failing cable
// produces a state every few milliseconds), the consumer sees the first at
// once, later ones at least Gap apart, and always the newest in the end:
// only values that a newer one replaced before their turn are skipped.
package pace

import (
	"context"
	"time"
)

// Options set the pace.
type Options[T any] struct {
	// Gap is the shortest time between two deliveries.
	Gap time.Duration
	// Again, when positive, delivers the last value again this often for as
	// long as Repeat says so (a "3 s ago" that must keep counting).
	Again  time.Duration
	Repeat func(T) bool
}

// Run delivers values from in until ctx ends or in is closed. deliver runs
// on Run's goroutine, one call at a time; a slow deliver slows the pace, it
// never queues values.
func Run[T any](ctx context.Context, in <-chan T, o Options[T], deliver func(T)) {
	p := pacer[T]{o: o, deliver: deliver, timer: time.NewTimer(time.Hour)}
	p.timer.Stop()
	defer p.timer.Stop()
	var again <-chan time.Time
	if o.Again > 0 && o.Repeat != nil {
		t := time.NewTicker(o.Again)
		defer t.Stop()
		again = t.C
	}
	for {
		select {
		case <-ctx.Done():
			return
		case v, ok := <-in:
			if !ok {
				return
			}
			p.offer(v)
		case <-p.timer.C:
			p.waiting = false
			p.flush()
		case <-again:
			if !p.pending && p.sent && p.o.Repeat(p.last) && time.Since(p.sentAt) >= o.Gap {
				p.send(p.last)
			}
		}
	}
}

type pacer[T any] struct {
	o       Options[T]
	deliver func(T)
	timer   *time.Timer
	waiting bool // the timer runs until the next delivery may go
	next    T
	pending bool // next is waiting for its turn
	last    T
	sent    bool // last has been delivered
	sentAt  time.Time
}

func (p *pacer[T]) offer(v T) {
	p.next, p.pending = v, true
	if p.waiting {
		return
	}
	if wait := p.o.Gap - time.Since(p.sentAt); p.sent && wait > 0 {
		p.timer.Reset(wait)
		p.waiting = true
		return
	}
	p.flush()
}

func (p *pacer[T]) flush() {
	if p.pending {
		p.pending = false
		p.send(p.next)
	}
}

func (p *pacer[T]) send(v T) {
	p.deliver(v)
	p.last, p.sent, p.sentAt = v, true, time.Now()
}
