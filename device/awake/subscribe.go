package awake

// Subscribe calls fn with the current Status and then with every change, on
// a goroutine of its own, in order; a slow fn skips to the newest. The
// returned function unsubscribes; it does not wait for a running fn. Close
// ends every subscription; after Close, Subscribe does nothing.
func (k *Keeper) Subscribe(fn func(Status)) (unsubscribe func()) {
	return k.fan.Subscribe(fn)
}

// publishLocked hands the Status to the subscribers; k.mu is held, so
// they go out in order.
func (k *Keeper) publishLocked() { k.fan.Publish(k.status) }
