package awake

// statusSubscriber gets the newest Status through a one-slot mailbox, so a
// slow listener skips to the newest and never blocks the Keeper.
type statusSubscriber struct {
	box  chan Status
	done chan struct{}
}

// Subscribe calls fn with the current Status and then with every change, on
// a goroutine of its own, in order. The returned function unsubscribes; it
// does not wait for a running fn. Close ends every subscription; after
// Close, Subscribe does nothing.
func (k *Keeper) Subscribe(fn func(Status)) (unsubscribe func()) {
	s := &statusSubscriber{box: make(chan Status, 1), done: make(chan struct{})}
	k.mu.Lock()
	if k.subs == nil {
		k.mu.Unlock()
		return func() {}
	}
	id := k.nextSub
	k.nextSub++
	k.subs[id] = s
	s.box <- k.status
	k.mu.Unlock()
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
		k.mu.Lock()
		defer k.mu.Unlock()
		if _, ok := k.subs[id]; ok {
			delete(k.subs, id)
			close(s.done)
		}
	}
}

func (k *Keeper) publishLocked() {
	for _, s := range k.subs {
		select {
		case <-s.box:
		default:
		}
		s.box <- k.status
	}
}

func (k *Keeper) closeSubscribers() {
	k.mu.Lock()
	defer k.mu.Unlock()
	for _, s := range k.subs {
		close(s.done)
	}
	k.subs = nil
}
