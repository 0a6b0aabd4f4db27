package awake

import (
	"context"
	"time"
)

// run is the Keeper's goroutine: the only one that takes or releases locks.
func (k *Keeper) run() {
	defer close(k.done)
	var (
		lock    Lock
		heldWhy string
		lost    <-chan struct{} // lock.Lost(), or nil
		retry   *time.Timer
		retryC  <-chan time.Time
		backoff = k.opt.RetryMin
		lastErr string
		since   time.Time // when lock was taken
	)
	stopRetry := func() {
		if retry != nil {
			retry.Stop()
			retry, retryC = nil, nil
		}
	}
	release := func() {
		if lock == nil {
			return
		}
		if err := lock.Release(); err != nil {
			k.log.Warn("awake: release failed", "method", lock.Method(), "err", err)
		} else {
			k.log.Debug("awake: released", "method", lock.Method())
		}
		lock, lost, heldWhy = nil, nil, ""
	}
	defer func() {
		release()
		k.setStatus(Status{})
	}()

	for {
		why, hold := k.wanted()
		switch {
		case !hold:
			stopRetry()
			release()
			backoff, lastErr = k.opt.RetryMin, ""
			k.setStatus(Status{Why: why})
		case lock != nil && heldWhy == why:
			// Held for this very reason already.
		case retryC != nil && lock == nil:
			// Waiting to try again after a failure; the timer will wake us.
		default:
			next, err := k.acquire(why)
			if err != nil {
				lastErr = err.Error()
				k.log.Info("awake: cannot take the sleep lock", "err", err, "retry_in", backoff)
				stopRetry()
				retry = time.NewTimer(backoff)
				retryC = retry.C
				backoff = min(2*backoff, k.opt.RetryMax)
				held := lock != nil // a new reason failed, the old lock stays
				method := ""
				if held {
					method = lock.Method()
				}
				k.setStatus(Status{Why: why, Held: held, Method: method, Err: lastErr})
				break
			}
			// Take the new lock before letting the old one go: no gap.
			release()
			stopRetry()
			lock, heldWhy, lost, since = next, why, next.Lost(), time.Now()
			lastErr = ""
			k.log.Debug("awake: holding", "method", lock.Method(), "why", why)
			k.setStatus(Status{Why: why, Held: true, Method: lock.Method()})
		}

		select {
		case <-k.ctx.Done():
			stopRetry()
			return
		case <-k.kick:
		case <-retryC:
			retry, retryC = nil, nil
		case <-lost:
			k.log.Info("awake: the system dropped the sleep lock; taking it again", "method", lock.Method())
			_ = lock.Release() // close our end; it is already dead
			lock, lost, heldWhy = nil, nil, ""
			// A lock that keeps dying at once must not be retaken in a
			// tight loop: wait, longer each time, unless it lasted a while.
			if time.Since(since) > k.opt.RetryMax {
				backoff = k.opt.RetryMin
			}
			retry = time.NewTimer(backoff)
			retryC = retry.C
			backoff = min(2*backoff, k.opt.RetryMax)
			k.setStatus(Status{Why: why, Err: "the system let go of the lock; taking it again"})
		}
	}
}

// acquire makes one bounded attempt to take the lock.
func (k *Keeper) acquire(why string) (Lock, error) {
	ctx, cancel := context.WithTimeout(k.ctx, k.opt.AcquireTimeout)
	defer cancel()
	return k.inhibitor.Acquire(ctx, why)
}
