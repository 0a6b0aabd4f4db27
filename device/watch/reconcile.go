package watch

import (
	"reflect"
	"slices"
	"time"

	"unstuck/device"
)

// reconcile merges a snapshot into the State, records what changed in the
// timeline and publishes when a user could see the difference.
func (w *Watcher) reconcile(snap snapshot) {
	now := w.opt.Now()
	w.mu.Lock()
	defer w.mu.Unlock()

	devices, host := merge(snap, w.alias, w.usbGrace(snap, now))
	prev := w.state
	before, rekeyed := w.rekey(prev.Devices, devices)
	w.remember(devices)
	seen := w.pastLocked()
	events := diff(view{before, prev.Host}, view{devices, host}, seen, now)
	w.track(before, devices, seen, now)
	w.publishIfSeen(prev, view{devices, host}, snap.usbWatch, events, rekeyed, now)
}

// rekey gives the previous devices the keys they have now: a phone first
// listed before its serial string could be read is keyed by its USB
// address; once identified it gets its ECID key. That is the same phone,
// not a detach and an attach, so its history and timeline follow it.
// rekeyed says some key changed.
func (w *Watcher) rekey(prev, devices []device.Device) (before []device.Device, rekeyed bool) {
	before = slices.Clone(prev)
	for _, d := range devices {
		if d.ECID == 0 || !d.Mode.BootloaderMode() {
			continue
		}
		addrKey := usbKey(d.USB.Bus, d.USB.Address)
		i := slices.IndexFunc(before, func(o device.Device) bool { return o.Key == addrKey })
		taken := slices.ContainsFunc(before, func(o device.Device) bool { return o.Key == d.Key })
		if i < 0 || taken || before[i].Mode != d.Mode {
			continue
		}
		before[i].Key = d.Key
		rekeyed = true
		w.timeline.Rekey(addrKey, d.Key)
		if h := w.history[addrKey]; h != nil {
			w.history[d.Key] = h
			delete(w.history, addrKey)
		}
	}
	return before, rekeyed
}

// remember learns from each device (its UDID's alias, its identity for a
// later mode that reveals less) and marks a falling battery.
func (w *Watcher) remember(devices []device.Device) {
	for i := range devices {
		d := &devices[i]
		if d.UDID != "" && d.ECID != 0 {
			w.alias[udidKey(d.UDID)] = d.Key
		}
		if k, ok := w.known[d.Key]; ok {
			fillIdentity(d, k)
		}
		d.Battery = w.battery.Update(d.Key, d.Mode, d.Battery)
		w.known[d.Key] = *d
	}
}

// pastLocked is what is remembered of every phone seen within the window.
func (w *Watcher) pastLocked() map[string]past {
	out := make(map[string]past, len(w.history))
	for k, h := range w.history {
		out[k] = past{mode: h.lastMode, departed: h.departed != nil}
	}
	return out
}

// track updates each phone's history: when it was first and last seen, its
// flaps (from seen, as it was before this reading) and, for the phones that
// left, what they were when they left; devices get their Stability.
func (w *Watcher) track(before, devices []device.Device, seen map[string]past, now time.Time) {
	was := make(map[string]device.Device, len(before))
	for _, d := range before {
		was[d.Key] = d
	}
	here := make(map[string]bool, len(devices))
	for i := range devices {
		d := &devices[i]
		here[d.Key] = true
		h := w.history[d.Key]
		if h == nil {
			h = &history{firstSeen: now}
			w.history[d.Key] = h
		}
		if p := seen[d.Key]; p.departed {
			if p.reconnects(d.Mode) {
				h.flaps = append(h.flaps, now)
			}
			h.departed = nil
		} else if old, ok := was[d.Key]; ok && device.Relinked(old, *d) {
			h.flaps = append(h.flaps, now) // it dropped and came back between two readings
		}
		h.lastMode, h.lastSeen = d.Mode, now
		h.flaps = recent(h.flaps, now, w.opt.Window)
		d.Stability = device.Stability{FirstSeen: h.firstSeen, LastSeen: now, Flaps: len(h.flaps)}
	}
	for _, old := range before {
		if h := w.history[old.Key]; !here[old.Key] && h != nil {
			gone := old
			h.departed = &gone
		}
	}
}

// publishIfSeen records the events and publishes the new State when a user
// could see the difference; otherwise it only refreshes the last-seen times.
func (w *Watcher) publishIfSeen(prev device.State, v view, usbWatch device.USBWatch, events []device.Event, rekeyed bool, now time.Time) {
	devices, host := v.devices, v.host
	departed := w.departedLocked(now)
	for _, e := range events {
		w.timeline.Add(e)
	}
	next := device.State{Seq: prev.Seq, Updated: prev.Updated, Devices: devices, Departed: departed, Host: host, USBWatch: usbWatch, Timeline: prev.Timeline}
	if len(events) > 0 || rekeyed {
		next.Timeline = w.timeline.Events()
	}
	if next.Devices == nil {
		next.Devices = []device.Device{}
	}
	if len(events) == 0 && sameView(prev, next) && !prev.Updated.IsZero() {
		// Refresh last-seen times silently; nothing a user sees changed.
		// (The first reading is always published, even of an empty bus:
		// Updated then says the sources have been read.)
		prev.Devices = next.Devices
		w.state = prev
		return
	}
	next.Seq++
	next.Updated = now
	w.state = next
	w.publishLocked()
}

// usbGrace remembers, for each normal-mode USB device, when it arrived or
// was last listed by usbmuxd too, and returns the test merge uses to hold
// it back for MuxGrace: usbmuxd lists a phone a little after USB does, and
// drops it a little before USB does, and neither gap is "usb-only".
func (w *Watcher) usbGrace(snap snapshot, now time.Time) func(device.USBDevice) bool {
	seen := make(map[device.USBInfo]time.Time, len(snap.usb))
	for _, u := range snap.usb {
		k := usbInfo(u)
		t, ok := w.usbArrived[k]
		if !ok {
			t = now
		}
		if slices.ContainsFunc(snap.mux, func(m device.MuxDevice) bool { return joins(m, u) }) {
			t = now
		}
		seen[k] = t
	}
	w.usbArrived = seen
	return func(u device.USBDevice) bool { return now.Sub(seen[usbInfo(u)]) < w.opt.MuxGrace }
}

// departedLocked lists devices that left within the window, newest first,
// and forgets history older than that.
func (w *Watcher) departedLocked(now time.Time) []device.Device {
	var out []device.Device
	for key, h := range w.history {
		h.flaps = recent(h.flaps, now, w.opt.Window)
		if h.departed == nil {
			continue
		}
		if now.Sub(h.lastSeen) > w.opt.Window {
			delete(w.history, key)
			delete(w.known, key)
			continue
		}
		d := *h.departed
		d.Stability = device.Stability{FirstSeen: h.firstSeen, LastSeen: h.lastSeen, Flaps: len(h.flaps)}
		out = append(out, d)
	}
	// Newest first; ties by key so the order is stable.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && less(out[j], out[j-1]); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

func less(a, b device.Device) bool {
	if !a.Stability.LastSeen.Equal(b.Stability.LastSeen) {
		return a.Stability.LastSeen.After(b.Stability.LastSeen)
	}
	return a.Key < b.Key
}

func recent(ts []time.Time, now time.Time, window time.Duration) []time.Time {
	i := 0
	for i < len(ts) && now.Sub(ts[i]) > window {
		i++
	}
	return ts[i:]
}

// sameView compares what a user can see, ignoring last-seen clocks and the
// wording of host conditions (a retry's error detail): a condition counts
// as changed only when it comes, goes or changes its Code or Cause.
func sameView(a, b device.State) bool {
	strip := func(ds []device.Device) []device.Device {
		out := make([]device.Device, len(ds))
		for i, d := range ds {
			d.Stability.LastSeen = time.Time{}
			out[i] = d
		}
		return out
	}
	return reflect.DeepEqual(strip(a.Devices), strip(b.Devices)) &&
		reflect.DeepEqual(a.Departed, b.Departed) && a.USBWatch == b.USBWatch &&
		slices.EqualFunc(a.Host, b.Host, device.Condition.Same)
}
