package backup

import (
	"fmt"
	"strings"
	"time"
)

// SizeWords is the backup's size in plain words: "14.2 GB", or "at least
// 14.2 GB" when the count stopped early.
func (b Backup) SizeWords() string {
	s := Bytes(b.SizeBytes)
	if b.SizeAtLeast {
		s = "at least " + s
	}
	return s
}

// CompleteWords says whether the backup is complete and, if not, why.
func (b Backup) CompleteWords() string {
	if b.Complete {
		return "complete"
	}
	if len(b.Missing) == 0 {
		return "incomplete"
	}
	return "incomplete: " + strings.Join(b.Missing, "; ")
}

// Bytes writes a size in decimal units, as Finder and Windows Explorer's
// "GB" read to most people: 999 bytes, 1.5 MB, 14.2 GB.
func Bytes(n int64) string {
	if n < 1000 {
		return fmt.Sprintf("%d bytes", n)
	}
	units := []string{"kB", "MB", "GB", "TB"}
	v := float64(n) / 1000
	i := 0
	for v >= 999.95 && i < len(units)-1 {
		v /= 1000
		i++
	}
	return fmt.Sprintf("%.1f %s", v, units[i])
}

// Age says how long before now t was, in plain words: "today", "yesterday",
// "3 days ago", "5 weeks ago", "2 years ago". A zero t is "date unknown".
func Age(t, now time.Time) string {
	if t.IsZero() {
		return "date unknown"
	}
	d := now.Sub(t)
	days := int(d.Hours() / 24)
	switch {
	case d < 0:
		return "in the future (the computer's clock may be wrong)"
	case d < time.Hour:
		return "less than an hour ago"
	case d < 24*time.Hour:
		return plural(int(d.Hours()), "hour") + " ago"
	case days == 1:
		return "yesterday"
	case days < 14:
		return plural(days, "day") + " ago"
	case days < 60:
		return plural(days/7, "week") + " ago"
	case days < 730:
		return plural(days/30, "month") + " ago"
	}
	return plural(days/365, "year") + " ago"
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}
