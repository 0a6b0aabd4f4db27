// Package watch is the engine that keeps Unstuck's live device.State: a
// Watcher reads the usbmuxd and raw-USB sources, merges their lists into
// devices, reconciles them with the last State (the timeline's events,
// flaps, departed phones, a falling battery) and publishes each new State
// to its subscribers. It never imports Fyne.
package watch

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"unstuck/device"
	"unstuck/device/fanout"
)

// Options configure a Watcher. Either source may be nil.
type Options struct {
	Mux MuxSource
	USB USBSource
	// USBPoll is how often the USB bus is listed when it cannot announce
	// its changes (default 150 ms): arrival latency is then bounded by this
	// interval.
	USBPoll time.Duration
	// USBIdlePoll replaces USBPoll while a USBIdler source is idle
	// (default USBPoll).
	USBIdlePoll time.Duration
	// USBResync is how often a USBNotifier source is listed while its
	// events are listened to (default 30 s): a safety net for lost events.
	USBResync time.Duration
	// MuxRefresh is how often usbmuxd is re-listed without an event (default
	// 2 s): a safety net for missed events and for trust changes, which
	// usbmuxd does not announce.
	MuxRefresh time.Duration
	// MuxGrace is how long a phone in normal mode may be on USB before
	// usbmuxd lists it, before it is shown as usb-only (default 2 s).
	MuxGrace time.Duration
	// Window is how long departed devices stay listed and flaps are counted (default 1 min).
	Window       time.Duration
	TimelineSize int
	Now          func() time.Time
	Logger       *slog.Logger
}

// Watcher keeps the live State. Sources only poke it; on every poke it
// re-reads the poked source, merges both, compares with the last State and
// publishes a new one when anything a user could see changed.
type Watcher struct {
	opt Options

	muxPoke chan struct{}
	usbPoke chan struct{}
	// usbEvents is set while a USBNotifier's events are listened to.
	usbEvents atomic.Bool

	mu       sync.Mutex
	state    device.State
	timeline *device.Timeline
	history  map[string]*history
	alias    map[string]string
	// known holds the last full facts per key (see fillIdentity).
	known map[string]device.Device
	// usbArrived is when each normal-mode USB device was first listed.
	usbArrived map[device.USBInfo]time.Time
	// battery marks a falling battery level (see batteryTracker).
	battery *batteryTracker
	fan     fanout.Fanout[device.State]
	running bool
	ready   chan struct{}
}

type history struct {
	firstSeen time.Time
	lastSeen  time.Time
	lastMode  device.Mode
	flaps     []time.Time
	departed  *device.Device // non-nil while listed as departed
}

// New makes a watcher; call Run to start it.
func New(o Options) *Watcher {
	if o.USBPoll <= 0 {
		o.USBPoll = 150 * time.Millisecond
	}
	if o.USBIdlePoll <= 0 {
		o.USBIdlePoll = o.USBPoll
	}
	if o.USBResync <= 0 {
		o.USBResync = 30 * time.Second
	}
	if o.MuxRefresh <= 0 {
		o.MuxRefresh = 2 * time.Second
	}
	if o.MuxGrace <= 0 {
		o.MuxGrace = 2 * time.Second
	}
	if o.Window <= 0 {
		o.Window = time.Minute
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	w := &Watcher{
		opt:      o,
		muxPoke:  make(chan struct{}, 1),
		usbPoke:  make(chan struct{}, 1),
		timeline: device.NewTimeline(o.TimelineSize),
		history:  map[string]*history{},
		alias:    map[string]string{},
		known:    map[string]device.Device{},
		battery:  newBatteryTracker(),
		state:    device.State{Devices: []device.Device{}},
		ready:    make(chan struct{}),
	}
	w.fan.Publish(w.state) // what a subscriber gets before the first reading
	return w
}

// MarkBatteryBaseline makes the phone's current battery level the one later
// readings are compared with (Battery.Falling): call it when a procedure
// begins. Leaving normal mode (an update, a restore) does the same by itself.
func (w *Watcher) MarkBatteryBaseline(key string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.battery.Rebase(key)
}

// State returns the latest snapshot.
func (w *Watcher) State() device.State {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.state
}

// Poke asks for an immediate re-read of both sources.
func (w *Watcher) Poke() {
	poke(w.muxPoke)
	poke(w.usbPoke)
}

func poke(c chan struct{}) {
	select {
	case c <- struct{}{}:
	default: // a poke is already pending; they coalesce
	}
}

// Note adds an observation (from a procedure or an action) to the timeline
// and publishes it.
func (w *Watcher) Note(e device.Event) {
	if e.At.IsZero() {
		e.At = w.opt.Now()
	}
	if e.Kind == "" {
		e.Kind = device.EventObserved
	}
	w.mu.Lock()
	w.timeline.Add(e)
	s := w.state
	s.Timeline = w.timeline.Events()
	s.Seq++
	s.Updated = e.At
	w.state = s
	w.publishLocked()
	w.mu.Unlock()
}

// Run watches until ctx ends. It returns ctx's error.
func (w *Watcher) Run(ctx context.Context) error {
	w.mu.Lock()
	if w.running {
		w.mu.Unlock()
		panic("watch: Watcher.Run called twice")
	}
	w.running = true
	w.mu.Unlock()

	var wg sync.WaitGroup
	results := make(chan result, 4)
	if w.opt.Mux != nil {
		wg.Add(2)
		go func() { defer wg.Done(); w.listenLoop(ctx) }()
		go func() { defer wg.Done(); w.muxReader(ctx, results) }()
	}
	if w.opt.USB != nil {
		known := make(chan struct{}) // closed once Notify listens or has failed
		if n, ok := w.opt.USB.(USBNotifier); ok {
			wg.Add(1)
			go func() { defer wg.Done(); w.usbEventLoop(ctx, n, sync.OnceFunc(func() { close(known) })) }()
		} else {
			close(known)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			select { // the first reading says truly how the bus is watched
			case <-known:
			case <-ctx.Done():
				return
			}
			w.usbReader(ctx, results)
		}()
	}
	var snap snapshot
	reported := map[string]bool{}
	want := 0
	if w.opt.Mux != nil {
		want++
	}
	if w.opt.USB != nil {
		want++
	}
	if want == 0 {
		close(w.ready)
	}
	for {
		select {
		case <-ctx.Done():
			wg.Wait()
			w.closeSources()
			w.fan.Close()
			return ctx.Err()
		case r := <-results:
			r.apply(&snap)
			reported[r.source] = true
		}
		// Take whatever else is already waiting, then reconcile once.
	drain:
		for {
			select {
			case r := <-results:
				r.apply(&snap)
				reported[r.source] = true
			default:
				break drain
			}
		}
		w.reconcile(snap)
		if len(reported) == want && want > 0 {
			select {
			case <-w.ready:
			default:
				close(w.ready)
			}
		}
	}
}

// closeSources releases sources that hold resources (a libusb context):
// the watcher owns its sources once it runs.
func (w *Watcher) closeSources() {
	for _, src := range []any{w.opt.Mux, w.opt.USB} {
		if c, ok := src.(io.Closer); ok {
			if err := c.Close(); err != nil {
				w.opt.Logger.Debug("closing a source", "err", err)
			}
		}
	}
}

// Ready is closed once every source has been read at least once, so the
// State is complete (used by one-shot snapshots such as `unstuckctl status`).
func (w *Watcher) Ready() <-chan struct{} { return w.ready }

// result is one source's latest reading, applied to the snapshot.
type result struct {
	source string
	apply  func(*snapshot)
}

// listenLoop keeps a usbmuxd event subscription open, reconnecting with
// backoff; every event and every failure pokes the mux reader.
func (w *Watcher) listenLoop(ctx context.Context) {
	backoff := 100 * time.Millisecond
	for ctx.Err() == nil {
		started := time.Now()
		err := w.opt.Mux.Listen(ctx, func() { poke(w.muxPoke) })
		if ctx.Err() != nil {
			return
		}
		w.opt.Logger.Debug("usbmuxd listen ended", "err", err)
		poke(w.muxPoke)
		if time.Since(started) > 10*time.Second {
			backoff = 100 * time.Millisecond
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(backoff):
		}
		backoff = min(backoff*2, 5*time.Second)
	}
}

// read lists a source, hands each reading on as the result named source,
// then waits for a poke or the next tick, until ctx ends.
func read(ctx context.Context, out chan<- result, source string, every time.Duration, poked <-chan struct{}, list func(context.Context) (apply func(*snapshot))) {
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		apply := list(ctx)
		if ctx.Err() != nil {
			return
		}
		select {
		case out <- result{source, apply}:
		case <-ctx.Done():
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-poked:
		case <-tick.C:
		}
	}
}

func (w *Watcher) muxReader(ctx context.Context, out chan<- result) {
	read(ctx, out, "mux", w.opt.MuxRefresh, w.muxPoke, func(ctx context.Context) func(*snapshot) {
		devs, err := w.opt.Mux.List(ctx)
		return func(s *snapshot) { s.mux, s.muxErr = devs, err }
	})
}

// usbReader lists the USB source on every poke and otherwise every
// USBResync while its events are listened to, every USBIdlePoll while it
// is idle, else every USBPoll.
func (w *Watcher) usbReader(ctx context.Context, out chan<- result) {
	idler, _ := w.opt.USB.(USBIdler)
	timer := time.NewTimer(w.opt.USBPoll)
	defer timer.Stop()
	for {
		events := w.usbEvents.Load()
		devs, err := w.opt.USB.List(ctx)
		if ctx.Err() != nil {
			return
		}
		watching := device.USBPolled
		if events {
			watching = device.USBEvents
		}
		select {
		case out <- result{"usb", func(s *snapshot) { s.usb, s.usbErr, s.usbWatch = devs, err, watching }}:
		case <-ctx.Done():
			return
		}
		every := w.opt.USBPoll
		switch {
		case events:
			every = w.opt.USBResync
		case idler != nil && idler.Idle():
			every = w.opt.USBIdlePoll
		}
		timer.Reset(every)
		select {
		case <-ctx.Done():
			return
		case <-w.usbPoke:
		case <-timer.C:
		}
	}
}

// usbEventLoop listens to a USBNotifier's events, reopening them with
// backoff; each event pokes the USB reader, and so does every start and
// end of listening (the reader's interval changes, and events may have
// been missed meanwhile). A source without events is not asked again.
func (w *Watcher) usbEventLoop(ctx context.Context, n USBNotifier, known func()) {
	defer known()
	backoff := time.Second
	for ctx.Err() == nil {
		started := time.Now()
		err := n.Notify(ctx, func() { w.usbEvents.Store(true); known(); poke(w.usbPoke) }, func() { poke(w.usbPoke) })
		w.usbEvents.Store(false)
		known()
		if ctx.Err() != nil {
			return
		}
		poke(w.usbPoke)
		if errors.Is(err, errors.ErrUnsupported) {
			w.opt.Logger.Debug("no USB events: polling", "err", err)
			return
		}
		w.opt.Logger.Debug("USB events ended", "err", err)
		if time.Since(started) > time.Minute {
			backoff = time.Second
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(backoff):
		}
		backoff = min(backoff*2, 30*time.Second)
	}
}
