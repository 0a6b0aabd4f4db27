package watch

import (
	"time"

	"unstuck/device"
	"unstuck/device/tr"
)

// view is what two readings are compared by: the phones and the host
// conditions.
type view struct {
	devices []device.Device
	host    []device.Condition
}

// past is what the watcher remembers of a phone it has seen: its last
// mode, and whether it is listed as departed.
type past struct {
	mode     device.Mode
	departed bool
}

// reconnects says a phone coming back in mode m is the same connection
// dropping and returning (a flap), not a change of mode.
func (p past) reconnects(m device.Mode) bool { return p.departed && p.mode == m }

// diff lists what changed from prev to next, as timeline events at now:
// phones that came (with the mode they had before, from seen), changed
// mode or trust, or left, then host conditions that came or cleared. It is
// a pure function; prev's keys must already follow next's (see rekey).
func diff(prev, next view, seen map[string]past, now time.Time) []device.Event {
	before := make(map[string]device.Device, len(prev.devices))
	for _, d := range prev.devices {
		before[d.Key] = d
	}
	var out []device.Event
	ev := func(k device.EventKind, d device.Device, from, to string, detail tr.Text) {
		out = append(out, device.Event{At: now, Kind: k, Key: d.Key, Device: d.Name(), From: from, To: to, Detail: detail})
	}
	here := make(map[string]bool, len(next.devices))
	for _, d := range next.devices {
		here[d.Key] = true
		old, wasThere := before[d.Key]
		switch {
		case !wasThere:
			p := seen[d.Key]
			detail := tr.Raw(string(d.Mode))
			if p.reconnects(d.Mode) {
				detail = reconnected(d.Mode)
			}
			ev(device.EventAttached, d, "", string(d.Mode), detail)
			if p.mode != "" && p.mode != d.Mode {
				ev(device.EventModeChanged, d, string(p.mode), string(d.Mode), tr.Text{})
			}
		case old.Mode != d.Mode:
			ev(device.EventModeChanged, d, string(old.Mode), string(d.Mode), tr.Text{})
		case device.Relinked(old, d): // gone and back between two readings
			ev(device.EventDetached, old, string(old.Mode), "", tr.Text{})
			ev(device.EventAttached, d, "", string(d.Mode), reconnected(d.Mode))
		}
		if wasThere && old.Trust != d.Trust && trustKnown(old.Trust) && trustKnown(d.Trust) {
			ev(device.EventTrustChanged, d, string(old.Trust), string(d.Trust), tr.Text{})
		}
	}
	for _, old := range prev.devices {
		if !here[old.Key] {
			ev(device.EventDetached, old, string(old.Mode), "", tr.Text{})
		}
	}
	return append(out, hostEvents(prev.host, next.host, now)...)
}

// reconnected is an attach event's detail for a phone back in mode m after
// a drop: the mode's code and "(reconnected)".
func reconnected(m device.Mode) tr.Text {
	return tr.Msg("report.detail.reconnected", "Mode", string(m))
}

// trustKnown says a trust state was read: a change from or to an unknown
// one is not news.
func trustKnown(t device.Trust) bool { return t != "" && t != device.TrustUnknown }

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
			out = append(out, device.Event{At: now, Kind: device.EventHost, From: c.Code, Detail: tr.Msg("report.detail.resolved")})
		}
	}
	return out
}
