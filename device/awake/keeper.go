package awake

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"unstuck/device/fanout"
	"unstuck/device/tr"
)

// KeeperOptions are the timings of a Keeper; a zero field means its default.
type KeeperOptions struct {
	// AcquireTimeout bounds one attempt to take the lock (default 10 s).
	AcquireTimeout time.Duration
	// RetryMin and RetryMax bound the wait before trying again after a
	// failure; it doubles from RetryMin up to RetryMax (defaults 1 s, 30 s).
	RetryMin, RetryMax time.Duration
}

// Keeper owns the sleep lock. Update tells it, on every new State, whether
// the computer should stay awake; all work with the system happens on the
// Keeper's own goroutine, so Update and SetEnabled return at once. It is
// safe for concurrent use. Close lets the lock go and stops the goroutine.
type Keeper struct {
	inhibitor Inhibitor
	log       *slog.Logger
	opt       KeeperOptions

	mu      sync.Mutex
	why     tr.Text // wanted reason
	hold    bool    // wanted
	enabled bool
	status  Status
	fan     fanout.Fanout[Status]
	closed  bool

	kick   chan struct{} // one slot: "look at the wanted state again"
	ctx    context.Context
	cancel context.CancelFunc
	done   chan struct{}
}

// NewKeeper starts a Keeper over inhibitor, enabled and holding nothing.
// A nil logger logs nothing.
func NewKeeper(inhibitor Inhibitor, logger *slog.Logger) *Keeper {
	return NewKeeperWith(inhibitor, logger, KeeperOptions{})
}

// NewKeeperWith is NewKeeper with explicit timings.
func NewKeeperWith(inhibitor Inhibitor, logger *slog.Logger, opt KeeperOptions) *Keeper {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	if opt.AcquireTimeout <= 0 {
		opt.AcquireTimeout = 10 * time.Second
	}
	if opt.RetryMin <= 0 {
		opt.RetryMin = time.Second
	}
	if opt.RetryMax < opt.RetryMin {
		opt.RetryMax = max(30*time.Second, opt.RetryMin)
	}
	ctx, cancel := context.WithCancel(context.Background())
	k := &Keeper{
		inhibitor: inhibitor,
		log:       logger,
		opt:       opt,
		enabled:   true,
		status:    Status{Enabled: true},
		kick:      make(chan struct{}, 1),
		ctx:       ctx,
		cancel:    cancel,
		done:      make(chan struct{}),
	}
	k.fan.Publish(k.status) // what a subscriber gets first
	go k.run()
	return k
}

// Update says whether the computer should stay awake now and why (see
// Reason). It is cheap and idempotent: call it on every State.
func (k *Keeper) Update(why tr.Text, hold bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.closed || (k.why == why && k.hold == hold) {
		return
	}
	k.why, k.hold = why, hold
	k.poke()
}

// SetEnabled is the user's switch: false lets the lock go and keeps it
// released until the switch is turned back on.
func (k *Keeper) SetEnabled(on bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.closed || k.enabled == on {
		return
	}
	k.enabled = on
	k.status.Enabled = on
	k.publishLocked()
	k.poke()
}

// Status is the Keeper's state right now.
func (k *Keeper) Status() Status {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.status
}

// Close releases the lock, if held, and stops the Keeper. It waits for the
// release and is safe to call more than once.
func (k *Keeper) Close() {
	k.mu.Lock()
	if !k.closed {
		k.closed = true
		k.cancel()
	}
	k.mu.Unlock()
	<-k.done
	k.fan.Close()
}

// poke wakes the Keeper's goroutine; k.mu is held.
func (k *Keeper) poke() {
	select {
	case k.kick <- struct{}{}:
	default:
	}
}

// wanted is what the Keeper should be holding: the reason, or "" for none.
func (k *Keeper) wanted() (why tr.Text, hold bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.why, k.hold && k.enabled
}

// setStatus replaces the Status (keeping Enabled, which only SetEnabled
// changes) and tells subscribers when it changed.
func (k *Keeper) setStatus(s Status) {
	k.mu.Lock()
	defer k.mu.Unlock()
	s.Enabled = k.enabled
	if s == k.status {
		return
	}
	k.status = s
	k.publishLocked()
}
