package watch

import "unstuck/device"

// batteryTracker tells, per phone key, whether the battery level is falling:
// lower than its baseline while the phone is not charging. The baseline is
// the first level read; it follows the level up (the phone charged) and
// while charging; and it is reset to the last level read when the phone
// leaves normal mode (an update, a restore or a recovery procedure began),
// so a phone that comes back lower than it went in is falling. It is not
// safe for concurrent use: the watcher calls it under its lock.
type batteryTracker struct {
	phones map[string]*batteryTrack
}

type batteryTrack struct {
	baseline int         // -1 until the first reading
	last     int         // -1 until the first reading
	mode     device.Mode // the mode at the last Update
}

// newBatteryTracker returns an empty tracker.
func newBatteryTracker() *batteryTracker {
	return &batteryTracker{phones: map[string]*batteryTrack{}}
}

// Update records the phone's mode and battery (nil when none was read) and
// returns a copy of b with Falling set; b itself is never changed.
func (t *batteryTracker) Update(key string, mode device.Mode, b *device.Battery) *device.Battery {
	p := t.phones[key]
	if p == nil {
		p = &batteryTrack{baseline: -1, last: -1, mode: mode}
		t.phones[key] = p
	}
	if p.mode == device.ModeNormal && mode != device.ModeNormal {
		p.baseline = p.last // leaving normal mode: compare with the level now
	}
	p.mode = mode
	if b == nil {
		return nil
	}
	out := *b
	if out.Percent < 0 || out.Percent > 100 { // not a level: no verdict
		out.Falling = false
		return &out
	}
	if p.baseline < 0 || out.Charging || out.Percent > p.baseline {
		p.baseline = out.Percent
	}
	p.last = out.Percent
	out.Falling = !out.Charging && out.Percent < p.baseline
	return &out
}

// Rebase makes the phone's last level the baseline: call it when a procedure
// begins while the phone stays in normal mode.
func (t *batteryTracker) Rebase(key string) {
	if p := t.phones[key]; p != nil {
		p.baseline = p.last
	}
}

// Forget drops what is known about a phone.
func (t *batteryTracker) Forget(key string) { delete(t.phones, key) }
