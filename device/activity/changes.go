package activity

import (
	"maps"
	"slices"
	"time"

	"unstuck/device"
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

// kindWords names an activity at the start of a timeline line.
var kindWords = map[Kind]string{KindBackup: "Backup", KindUpdate: "Update", KindRestore: "Restore"}

// ChangeWords says a change of activity in a few words, for the timeline:
// "Backup: still working", "Backup: no progress for 25 minutes", "Update
// stopped: back in recovery mode", "Backup finished".
func ChangeWords(old, cur Activity, now time.Time) string {
	if cur.Kind == KindNone {
		return kindWords[old.Kind] + ": nothing going on any more"
	}
	k := kindWords[cur.Kind]
	quiet := now.Sub(cur.Since)
	if !cur.LastProgress.IsZero() {
		quiet = now.Sub(cur.LastProgress)
	}
	switch cur.State {
	case StateWorking:
		return k + ": still working"
	case StatePreparing:
		return k + ": starting"
	case StatePasscode:
		return k + ": waiting for the passcode on the iPhone"
	case StateSlow:
		return k + ": slow, nothing new for " + words(quiet)
	case StateStalled:
		return k + ": no progress for " + words(quiet)
	case StateDone:
		return k + " finished"
	case StateInterrupted:
		return k + " stopped" + stoppedWhy(cur)
	}
	return k + ": " + string(cur.State)
}

// stoppedWhy says why an activity stopped, as far as Unstuck knows.
func stoppedWhy(a Activity) string {
	switch {
	case a.Kind != KindBackup && a.Advice == sayFellBack:
		return ": back in recovery mode"
	case a.Problem == ProblemDiskFull:
		return ": this computer's disk is full"
	case a.Problem == ProblemPasscodeTimeout:
		return ": the passcode was not entered"
	case a.EarlierUnfinished:
		return ": an earlier backup did not finish"
	}
	return ""
}
