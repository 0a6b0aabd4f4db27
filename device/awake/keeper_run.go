package awake

import (
	"context"
	"time"

	"unstuck/device/tr"
)

// runner is what the Keeper's goroutine alone touches: the lock it holds
// and the timer for its next attempt.
type runner struct {
	k       *Keeper
	lock    Lock
	heldWhy tr.Text
	lost    <-chan struct{} // lock.Lost(), or nil
	since   time.Time       // when lock was taken
	retry   *time.Timer
	retryC  <-chan time.Time // retry.C, or nil when no attempt is due
	backoff time.Duration    // the wait before the next attempt after a failure
}

// run is the Keeper's goroutine: the only one that takes or releases locks.
func (k *Keeper) run() {
	defer close(k.done)
	r := &runner{k: k, backoff: k.opt.RetryMin}
	defer func() {
		r.release()
		k.setStatus(Status{})
	}()
	for {
		why, hold := k.wanted()
		r.settle(why, hold)
		if !r.wait(why) {
			return
		}
	}
}

// settle moves toward what is wanted: nothing held, or a lock for why.
func (r *runner) settle(why tr.Text, hold bool) {
	switch {
	case !hold:
		r.stopRetry()
		r.release()
		r.backoff = r.k.opt.RetryMin
		r.k.setStatus(Status{Why: why})
	case r.lock != nil && r.heldWhy == why:
		// Held for this very reason already.
	case r.retryC != nil && r.lock == nil:
		// Waiting to try again after a failure; the timer will wake us.
	default:
		r.take(why)
	}
}

// take makes one attempt to hold the lock for why. A failure keeps the old
// lock, if any, and tries again later.
func (r *runner) take(why tr.Text) {
	next, err := r.k.acquire(why)
	if err != nil {
		r.k.log.Info("awake: cannot take the sleep lock", "err", err, "retry_in", r.backoff)
		r.retryLater()
		held := r.lock != nil // a new reason failed, the old lock stays
		method := ""
		if held {
			method = r.lock.Method()
		}
		r.k.setStatus(Status{Why: why, Held: held, Method: method, Err: tr.Raw(err.Error())})
		return
	}
	// Take the new lock before letting the old one go: no gap.
	r.release()
	r.stopRetry()
	r.lock, r.heldWhy, r.lost, r.since = next, why, next.Lost(), time.Now()
	r.k.log.Debug("awake: holding", "method", next.Method(), "why", why)
	r.k.setStatus(Status{Why: why, Held: true, Method: next.Method()})
}

// wait sleeps until something needs a look: a kick, the retry timer, or
// the lock lost. False: the Keeper is closing.
func (r *runner) wait(why tr.Text) bool {
	select {
	case <-r.k.ctx.Done():
		r.stopRetry()
		return false
	case <-r.k.kick:
	case <-r.retryC:
		r.retry, r.retryC = nil, nil
	case <-r.lost:
		r.lostLock(why)
	}
	return true
}

// lostLock handles a lock the system dropped: close our end, and take it
// again after a wait.
func (r *runner) lostLock(why tr.Text) {
	r.k.log.Info("awake: the system dropped the sleep lock; taking it again", "method", r.lock.Method())
	_ = r.lock.Release() // close our end; it is already dead
	r.lock, r.lost, r.heldWhy = nil, nil, tr.Text{}
	// A lock that keeps dying at once must not be retaken in a tight
	// loop: wait, longer each time, unless it lasted a while.
	if time.Since(r.since) > r.k.opt.RetryMax {
		r.backoff = r.k.opt.RetryMin
	}
	r.retryLater()
	r.k.setStatus(Status{Why: why, Err: tr.Msg("report.awake.lost")})
}

// retryLater sets the timer for the next attempt and doubles the wait
// after it, up to RetryMax.
func (r *runner) retryLater() {
	r.stopRetry()
	r.retry = time.NewTimer(r.backoff)
	r.retryC = r.retry.C
	r.backoff = min(2*r.backoff, r.k.opt.RetryMax)
}

func (r *runner) stopRetry() {
	if r.retry != nil {
		r.retry.Stop()
		r.retry, r.retryC = nil, nil
	}
}

// release lets the held lock go, if any.
func (r *runner) release() {
	if r.lock == nil {
		return
	}
	if err := r.lock.Release(); err != nil {
		r.k.log.Warn("awake: release failed", "method", r.lock.Method(), "err", err)
	} else {
		r.k.log.Debug("awake: released", "method", r.lock.Method())
	}
	r.lock, r.lost, r.heldWhy = nil, nil, tr.Text{}
}

// acquire makes one bounded attempt to take the lock.
// acquire asks the system for the lock, saying why in the person's
// language (the system may show it: GNOME's and Windows' lists of what
// keeps the computer awake).
func (k *Keeper) acquire(why tr.Text) (Lock, error) {
	ctx, cancel := context.WithTimeout(k.ctx, k.opt.AcquireTimeout)
	defer cancel()
	return k.inhibitor.Acquire(ctx, why.String())
}
