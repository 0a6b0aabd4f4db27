package device

// subscriber gets the latest State through a one-slot mailbox, so a slow
// listener sees fewer, newer states and never blocks the watcher.
type subscriber struct {
	box  chan State
	done chan struct{}
}

// Subscribe calls fn with the current State and then with every new one, on
// a goroutine of its own, in order. A slow fn skips to the newest State.
// The returned function unsubscribes; it does not wait for a running fn.
func (w *Watcher) Subscribe(fn func(State)) (unsubscribe func()) {
	s := &subscriber{box: make(chan State, 1), done: make(chan struct{})}
	w.mu.Lock()
	id := w.nextSub
	w.nextSub++
	w.subs[id] = s
	s.box <- w.state
	w.mu.Unlock()
	go func() {
		for {
			select {
			case st := <-s.box:
				fn(st)
			case <-s.done:
				return
			}
		}
	}()
	return func() {
		w.mu.Lock()
		defer w.mu.Unlock()
		if _, ok := w.subs[id]; ok {
			delete(w.subs, id)
			close(s.done)
		}
	}
}

func (w *Watcher) publishLocked() {
	for _, s := range w.subs {
		select {
		case <-s.box: // drop the stale one
		default:
		}
		s.box <- w.state
	}
}

func (w *Watcher) closeSubscribers() {
	w.mu.Lock()
	defer w.mu.Unlock()
	for id, s := range w.subs {
		delete(w.subs, id)
		close(s.done)
	}
}

// Latest subscribes through a one-slot channel that always holds the newest
// State, for loops that select on it alongside other events. Call the
// returned function to unsubscribe.
func (w *Watcher) Latest() (<-chan State, func()) {
	latest := make(chan State, 1)
	// Subscribe calls fn from one goroutine, so this is the only sender.
	unsub := w.Subscribe(func(s State) {
		select {
		case <-latest:
		default:
		}
		latest <- s
	})
	return latest, unsub
}
