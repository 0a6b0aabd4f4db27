package backup

import (
	"time"

	"unstuck/device/tr"
)

// SizeWords is the backup's size in plain words: "14.2 GB", or "at least
// 14.2 GB" when the count stopped early.
func (b Backup) SizeWords() tr.Text {
	s := tr.Size(b.SizeBytes)
	if b.SizeAtLeast {
		s = tr.Msg("activity.size.at-least", "Size", s)
	}
	return s
}

// CompleteWords says whether the backup is complete and, if not, why.
func (b Backup) CompleteWords() tr.Text {
	if b.Complete {
		return tr.Msg("activity.backup.complete")
	}
	if len(b.Missing) == 0 {
		return tr.Msg("activity.backup.incomplete")
	}
	return tr.Msg("activity.backup.incomplete-why", "Missing", b.MissingWords())
}

// MissingWords lists what keeps the backup from being complete: "Info.plist
// is missing; Manifest.db is missing".
func (b Backup) MissingWords() tr.Text {
	var list tr.Text
	for i, m := range b.Missing {
		if i == 0 {
			list = m
		} else {
			list = tr.Msg("activity.list.two", "First", list, "Second", m)
		}
	}
	return list
}

// Age says how long before now t was, in plain words: "today", "yesterday",
// "3 days ago", "5 weeks ago", "2 years ago". A zero t is "date unknown".
func Age(t, now time.Time) tr.Text {
	if t.IsZero() {
		return tr.Msg("activity.age.unknown")
	}
	d := now.Sub(t)
	days := int(d.Hours() / 24)
	switch {
	case d < 0:
		return tr.Msg("activity.age.future")
	case d < time.Hour:
		return tr.Msg("activity.age.within-hour")
	case d < 24*time.Hour:
		return tr.Plural("activity.age.hours", int(d.Hours()))
	case days == 1:
		return tr.Msg("activity.age.yesterday")
	case days < 14:
		return tr.Plural("activity.age.days", days)
	case days < 60:
		return tr.Plural("activity.age.weeks", days/7)
	case days < 730:
		return tr.Plural("activity.age.months", days/30)
	}
	return tr.Plural("activity.age.years", days/365)
}
