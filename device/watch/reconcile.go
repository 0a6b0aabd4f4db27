package watch

import (
	"fmt"
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
	prevByKey := map[string]device.Device{}
	for _, d := range prev.Devices {
		prevByKey[d.Key] = d
	}
	seen := map[string]bool{}
	rekeyed := false
	// A phone first listed before its serial string could be read is keyed
	// by its USB address; once identified it gets its ECID key. That is the
	// same phone, not a detach and an attach.
	for _, d := range devices {
		if d.ECID == 0 || !d.Mode.BootloaderMode() {
			continue
		}
		addrKey := fmt.Sprintf("usb:%d-%d", d.USB.Bus, d.USB.Address)
		if old, ok := prevByKey[addrKey]; ok && old.Mode == d.Mode {
			if _, already := prevByKey[d.Key]; !already {
				old.Key = d.Key
				prevByKey[d.Key] = old
				seen[addrKey] = true
				rekeyed = true
				w.timeline.Rekey(addrKey, d.Key)
				if h := w.history[addrKey]; h != nil {
					w.history[d.Key] = h
					delete(w.history, addrKey)
				}
			}
		}
	}
	var events []device.Event
	for i := range devices {
		d := &devices[i]
		seen[d.Key] = true
		if d.UDID != "" && d.ECID != 0 {
			w.alias[udidKey(d.UDID)] = d.Key
		}
		if k, ok := w.known[d.Key]; ok {
			fillIdentity(d, k)
		}
		d.Battery = w.battery.Update(d.Key, d.Mode, d.Battery)
		w.known[d.Key] = *d
		h := w.history[d.Key]
		if h == nil {
			h = &history{firstSeen: now}
			w.history[d.Key] = h
		}
		old, wasThere := prevByKey[d.Key]
		switch {
		case !wasThere:
			detail := string(d.Mode)
			if h.departed != nil && h.lastMode == d.Mode {
				h.flaps = append(h.flaps, now)
				detail += " (reconnected)"
			}
			h.departed = nil
			events = append(events, device.Event{At: now, Kind: device.EventAttached, Key: d.Key, Device: d.Name(), To: string(d.Mode), Detail: detail})
			if h.lastMode != "" && h.lastMode != d.Mode {
				events = append(events, device.Event{At: now, Kind: device.EventModeChanged, Key: d.Key, Device: d.Name(), From: string(h.lastMode), To: string(d.Mode)})
			}
		case old.Mode != d.Mode:
			events = append(events, device.Event{At: now, Kind: device.EventModeChanged, Key: d.Key, Device: d.Name(), From: string(old.Mode), To: string(d.Mode)})
		}
		if wasThere && old.Trust != d.Trust && d.Trust != "" && d.Trust != device.TrustUnknown && old.Trust != "" && old.Trust != device.TrustUnknown {
			events = append(events, device.Event{At: now, Kind: device.EventTrustChanged, Key: d.Key, Device: d.Name(), From: string(old.Trust), To: string(d.Trust)})
		}
		h.lastMode, h.lastSeen = d.Mode, now
		h.flaps = recent(h.flaps, now, w.opt.Window)
		d.Stability = device.Stability{FirstSeen: h.firstSeen, LastSeen: now, Flaps: len(h.flaps)}
	}
	for _, old := range prev.Devices {
		if seen[old.Key] {
			continue
		}
		gone := old
		h := w.history[old.Key]
		if h != nil {
			h.departed = &gone
		}
		events = append(events, device.Event{At: now, Kind: device.EventDetached, Key: old.Key, Device: old.Name(), From: string(old.Mode)})
	}
	events = append(events, hostEvents(prev.Host, host, now)...)

	departed := w.departedLocked(now)
	for _, e := range events {
		w.timeline.Add(e)
	}
	next := device.State{Seq: prev.Seq, Updated: prev.Updated, Devices: devices, Departed: departed, Host: host, Timeline: prev.Timeline}
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
		for _, m := range snap.mux {
			if (m.LocationID != 0 && m.LocationID == uint32(u.Bus)<<16|uint32(u.Address)) || device.SameUDID(m.UDID, u.Serial) {
				t = now
			}
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

func hostEvents(old, cur []device.Condition, now time.Time) []device.Event {
	var out []device.Event
	has := func(list []device.Condition, code string) bool {
		for _, c := range list {
			if c.Code == code {
				return true
			}
		}
		return false
	}
	for _, c := range cur {
		if !has(old, c.Code) {
			out = append(out, device.Event{At: now, Kind: device.EventHost, To: c.Code, Detail: c.Message})
		}
	}
	for _, c := range old {
		if !has(cur, c.Code) {
			out = append(out, device.Event{At: now, Kind: device.EventHost, From: c.Code, Detail: "resolved"})
		}
	}
	return out
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
		reflect.DeepEqual(a.Departed, b.Departed) &&
		slices.EqualFunc(a.Host, b.Host, device.Condition.Same)
}
