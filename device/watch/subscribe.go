package watch

import "unstuck/device"

// Subscribe calls fn with the current State and then with every new one, on
// a goroutine of its own, in order. A slow fn skips to the newest State.
// The returned function unsubscribes; it does not wait for a running fn.
func (w *Watcher) Subscribe(fn func(device.State)) (unsubscribe func()) {
	return w.fan.Subscribe(fn)
}

// publishLocked hands the current State to the subscribers; w.mu is held,
// so States go out in order.
func (w *Watcher) publishLocked() { w.fan.Publish(w.state) }

// Latest subscribes through a one-slot channel that always holds the newest
// State, for loops that select on it alongside other events. Call the
// returned function to unsubscribe.
func (w *Watcher) Latest() (<-chan device.State, func()) {
	latest := make(chan device.State, 1)
	// Subscribe calls fn from one goroutine, so this is the only sender.
	unsub := w.Subscribe(func(s device.State) {
		select {
		case <-latest:
		default:
		}
		latest <- s
	})
	return latest, unsub
}
