package activity

import (
	"fmt"
	"time"
)

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }

// words says a duration the way a person would: "40 seconds", "1 minute",
// "25 minutes", "1 hour 5 minutes".
func words(d time.Duration) string {
	switch {
	case d < time.Minute:
		return plural(int(max(d, 0)/time.Second), "second")
	case d < time.Hour:
		return plural(int(d/time.Minute), "minute")
	}
	h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
	if m == 0 {
		return plural(h, "hour")
	}
	return plural(h, "hour") + " " + plural(m, "minute")
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}
