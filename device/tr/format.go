package tr

import (
	"strconv"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// NumberIn is n as the language tag writes it: 1,234 in English, 1.234 in
// German, 1 234 in French.
func NumberIn(tag string, n int64) string {
	return message.NewPrinter(printerTag(tag)).Sprintf("%d", n)
}

// Number is NumberIn in the current language.
func Number(n int64) string { return NumberIn(Current(), n) }

// printerTag is the tag x/text's printer formats numbers for: the
// pseudo-language writes them as English does.
func printerTag(tag string) language.Tag {
	if tag == Pseudo {
		return language.English
	}
	return language.Make(tag)
}

// Size is a byte count in decimal units, the way Finder and Windows'
// Explorer round them, with the language's decimal mark: "1.5 GB" in
// English, "1,5 GB" in German.
func Size(bytes int64) Text {
	units := []string{"B", "KB", "MB", "GB", "TB"}
	v, u := float64(bytes), 0
	for v >= 1000 && u < len(units)-1 {
		v /= 1000
		u++
	}
	if u == 0 {
		return Msg("format.size", "Value", bytes, "Unit", units[u])
	}
	return Msg("format.size", "Value", v, "Unit", units[u])
}

// DecimalIn is v with one decimal place, as the language tag writes it.
func DecimalIn(tag string, v float64) string {
	return message.NewPrinter(printerTag(tag)).Sprintf("%.1f", v)
}

// Date is t's day, month and year as the language writes a date: "1
// December 2026", "1. Dezember 2026", "2026年12月1日". The month's name
// comes from the catalogue (month.1 to month.12).
func Date(t time.Time) Text {
	return Msg("format.date", "Day", strconv.Itoa(t.Day()), "Month", Msg("month."+strconv.Itoa(int(t.Month()))),
		"Year", strconv.Itoa(t.Year()))
}

// DayMonth is t's day and month, for a date in this year: "1 December".
func DayMonth(t time.Time) Text {
	return Msg("format.daymonth", "Day", strconv.Itoa(t.Day()), "Month", Msg("month."+strconv.Itoa(int(t.Month()))))
}

// Clock is t's time of day: 24 hours in every language Unstuck speaks (the
// layout is format.clock's text, so a language could change it).
func Clock(t time.Time) string { return t.Format(T("format.clock")) }

// Ago says how long before now t was, in short plain words: "just now",
// "12 s ago", "3 min ago", then "at 15:04"; a zero t is "a moment ago".
func Ago(t, now time.Time) Text {
	d := now.Sub(t)
	switch {
	case t.IsZero():
		return Msg("ago.moment")
	case d < time.Second:
		return Msg("ago.now")
	case d < time.Minute:
		return Plural("ago.seconds", int(d/time.Second))
	case d < time.Hour:
		return Plural("ago.minutes", int(d/time.Minute))
	}
	return Msg("ago.at", "Time", t.Format(T("format.clock")))
}
