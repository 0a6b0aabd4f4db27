package activity

import (
	"maps"
	"slices"
	"time"

	"unstuck/device"
	"unstuck/device/tr"
)

// Changes are the timeline events (device.EventActivity) for the phones
// of s whose activity changed kind or state from old to cur: only state
// changes, never a new byte count or advice, so a backup that works for
// an hour adds one event. A phone not in old (the first answer, or a
// phone just arrived) is told only when something is going on; a
// finished activity that is no longer told of ends quietly. Phones not in
// s (they left) are left out: their leaving is on the timeline already.
func Changes(old, cur map[string]Activity, s device.State, now time.Time) []device.Event {
	var out []device.Event
	for _, k := range slices.Sorted(maps.Keys(cur)) {
		d, here := s.Find(k)
		if !here {
			continue
		}
		c := cur[k]
		o, seen := old[k]
		if !seen {
			o = None
		}
		if o.Kind == c.Kind && o.State == c.State {
			continue
		}
		if c.Kind == KindNone && (o.State == StateDone || o.Kind == KindNone) {
			continue
		}
		out = append(out, device.Event{At: now, Kind: device.EventActivity, Key: k, Device: d.Name(),
			From: string(o.State), To: string(c.State), Detail: ChangeWords(o, c, now)})
	}
	return out
}

// ChangeWords says a change of activity in a few words, for the timeline:
// "Backup: still working", "Backup: no progress for 25 minutes", "Update
// stopped: back in recovery mode", "Backup finished".
func ChangeWords(old, cur Activity, now time.Time) tr.Text {
	if cur.Kind == KindNone {
		return say("change.none", "Kind", kindWords(old.Kind))
	}
	k := kindWords(cur.Kind)
	quiet := now.Sub(cur.Since)
	if !cur.LastProgress.IsZero() {
		quiet = now.Sub(cur.LastProgress)
	}
	switch cur.State {
	case StateWorking, StatePreparing, StatePasscode, StateDone:
		return say("change."+string(cur.State), "Kind", k)
	case StateSlow, StateStalled:
		return say("change."+string(cur.State), "Kind", k, "For", words(quiet))
	case StateInterrupted:
		if why := stoppedWhy(cur); why != "" {
			return say("change.stopped-why", "Kind", k, "Why", say("why."+why))
		}
		return say("change.stopped", "Kind", k)
	}
	return say("change.other", "Kind", k, "State", string(cur.State))
}

// kindWords names an activity at the start of a timeline line: "Backup".
func kindWords(k Kind) tr.Text { return say("kind." + string(k)) }

// stoppedWhy names why an activity stopped (activity.why.<name>), as far
// as Unstuck knows; "" when it does not.
func stoppedWhy(a Activity) string {
	switch {
	case a.Kind != KindBackup && a.Advice == sayFellBack():
		return "fell-back"
	case a.Problem == ProblemDiskFull:
		return "disk-full"
	case a.Problem == ProblemPasscodeTimeout:
		return "passcode"
	case a.EarlierUnfinished:
		return "earlier"
	}
	return ""
}
