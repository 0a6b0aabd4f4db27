package report

import (
	"strings"

	"unstuck/device"
	"unstuck/device/hostcheck"
	"unstuck/device/tr"
)

// Text limits: the summary must fit a support chat.
const (
	textAttempts = 5
	textErrors   = 3
)

// Text is TextIn in the current language.
func (r Report) Text() string { return r.TextIn(tr.Current()) }

// TextIn is a short summary for a support chat in the language tag: the
// phones and their modes, what was tried, the computer's problems, the
// latest errors.
func (r Report) TextIn(tag string) string {
	var b strings.Builder
	line := func(id string, kv ...any) { b.WriteString(tr.In(tag, id, kv...) + "\n") }
	head := "report.text.head"
	if r.Redacted {
		head = "report.text.head-redacted"
	}
	line(head, "Version", r.AppVersion, "When", when(r.Generated, false).In(tag))
	if len(r.Devices) == 0 {
		line("report.text.no-phone")
	}
	for _, p := range r.Devices {
		line("report.text.phone", "Facts", phoneLine(tag, p))
	}
	for _, p := range r.Departed {
		line("report.text.left", "Name", p.Name, "Mode", modeWords(tag, p.Mode), "Time", clock(p.LastSeen))
	}
	attempts := lastN(r.Attempts, textAttempts)
	if len(attempts) < len(r.Attempts) {
		line("report.text.tried-last", "Shown", len(attempts), "Count", len(r.Attempts))
	} else if len(attempts) > 0 {
		line("report.text.tried")
	}
	for _, a := range attempts {
		id := "report.text.attempt"
		if !a.Seen.IsZero() {
			id = "report.text.attempt-seen"
		}
		line(id, "Time", clock(a.At), "Name", say(tag, a.Name), "Result", say(tag, a.Result), "Seen", say(tag, a.Seen))
	}
	b.WriteString(hostLines(tag, r))
	for _, s := range r.Sections {
		if len(s.Items) == 0 {
			continue // an empty section says nothing in a summary
		}
		line("report.text.section", "Title", say(tag, s.Title))
		for _, it := range s.Items { // every item: a technician reads the whole ladder
			line("report.text.item"+statusSuffix(it.Status), "Label", say(tag, it.Label), "Value", say(tag, it.Value))
		}
	}
	errs := lastN(r.Errors, textErrors)
	if len(errs) > 0 {
		line("report.text.errors")
	}
	for _, e := range errs {
		b.WriteString("- " + e + "\n")
	}
	return b.String()
}

// phoneLine is a phone's facts on one line, in tag.
func phoneLine(tag string, p Phone) string {
	parts := []string{p.Name}
	if p.IOSVersion != "" {
		parts[0] += ", iOS " + strings.TrimSpace(p.IOSVersion+" "+paren(p.IOSBuild))
	}
	parts = append(parts, modeWords(tag, p.Mode))
	if p.Trust != "" && p.Trust != device.TrustUnknown {
		parts = append(parts, tr.In(tag, "report.text.trust", "Trust", say(tag, p.Trust.Words())))
	}
	if p.Battery != nil {
		parts = append(parts, tr.In(tag, "report.text.battery", "Percent", p.Battery.Percent))
	}
	if s := p.speedIn(tag); s != "" {
		parts = append(parts, s)
	}
	if p.Flaps > 0 {
		parts = append(parts, tr.NIn(tag, "report.text.flaps", p.Flaps))
	}
	switch {
	case p.UDID != "":
		parts = append(parts, "UDID "+p.UDID)
	case p.ECID != "":
		parts = append(parts, "ECID "+p.ECID)
	}
	return strings.Join(parts, tr.In(tag, "report.text.facts-separator"))
}

// speedIn is the phone's USB speed in words in tag; a parsed report knows
// only the English words.
func (p Phone) speedIn(tag string) string {
	if p.usbMbps > 0 {
		return device.USBInfo{SpeedMbps: p.usbMbps}.SpeedIn(tag)
	}
	return p.USBSpeed
}

// hostLines lists the computer's problems (checks not ok, conditions).
func hostLines(tag string, r Report) string {
	var b strings.Builder
	for _, c := range r.Conditions {
		if c.Problem() {
			b.WriteString("- " + say(tag, c.Message) + "\n")
		} else {
			b.WriteString("- " + tr.In(tag, "report.text.normal", "Message", say(tag, c.Message)) + "\n")
		}
		if c.Detail != "" {
			b.WriteString("  " + tr.In(tag, "report.details", "Detail", c.Detail) + "\n")
		}
	}
	for _, c := range r.HostChecks {
		if c.Status == hostcheck.OK {
			continue
		}
		b.WriteString("- " + checkLine(tag, c))
		if c.Snippet != "" {
			b.WriteString("\n    " + strings.ReplaceAll(c.Snippet, "\n", "\n    "))
		}
		b.WriteString("\n")
	}
	switch {
	case !r.HostChecked && b.Len() == 0:
		return tr.In(tag, "report.text.computer-not-run") + "\n"
	case b.Len() == 0:
		return tr.NIn(tag, "report.text.computer-fine", len(r.HostChecks)) + "\n"
	case !r.HostChecked:
		return tr.In(tag, "report.text.computer-not-run-heading") + "\n" + b.String()
	}
	return tr.In(tag, "report.text.computer") + "\n" + b.String()
}

// checkLine is a check that is not ok: its title, status, what was found
// (without its own full stop) and the fix.
func checkLine(tag string, c hostcheck.Check) string {
	kv := []any{"Title", say(tag, c.Title), "Status", statusWords(tag, string(c.Status)),
		"Found", strings.TrimSuffix(strings.TrimSuffix(say(tag, c.Found), "."), "。"), "Fix", say(tag, c.Fix)}
	id := "report.text.check"
	if say(tag, c.Found) != "" {
		id += "-found"
	}
	if say(tag, c.Fix) != "" {
		id += "-fix"
	}
	return tr.In(tag, id, kv...)
}

// statusSuffix picks an item's message by its status: " (warning)".
func statusSuffix(s Status) string {
	switch s {
	case StatusWarn:
		return "-warn"
	case StatusFail:
		return "-fail"
	}
	return ""
}

func paren(s string) string {
	if s == "" {
		return ""
	}
	return "(" + s + ")"
}

func lastN[T any](s []T, n int) []T {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}
