package diagnose

import (
	"time"

	"unstuck/device/awake"
	"unstuck/device/backup"
	"unstuck/device/ladder"
	"unstuck/device/report"
	"unstuck/device/tr"
)

// say is the report's words for message activity.report.<id>: device/report
// says them in the reader's language, the JSON in English.
func say(id string, kv ...any) tr.Text { return tr.Msg("activity.report."+id, kv...) }

// ladderSection is the ladder's progress, one item a step.
func ladderSection(steps []ladder.Step) report.Section {
	s := report.Section{Title: say("steps"), Note: say("steps.note")}
	for _, st := range steps {
		value := say("status." + string(st.Status))
		if !st.Detail.IsZero() {
			value = tr.Msg("report.section.step-value", "Status", value, "Detail", st.Detail)
		}
		status := report.Status("")
		switch st.Status {
		case ladder.Done, ladder.CheckedOK:
			status = report.StatusOK
		case ladder.Now:
			status = report.StatusWarn
		}
		s.Items = append(s.Items, report.Item{Label: tr.Msg("report.section.step", "Rung", st.Rung, "Title", st.Title,
			"Risk", say("risk."+string(st.Risk))), Value: value, Status: status})
	}
	return s
}

// backupSection lists the backups found, newest first.
func backupSection(r backup.Result, now time.Time) report.Section {
	s := report.Section{Title: say("backups")}
	switch {
	case len(r.Searched) == 0:
		s.Note = say("backups.no-folder")
	case len(r.Backups) == 0:
		s.Note = tr.Plural("activity.report.backups.none", len(r.Searched))
	}
	bs := append([]backup.Backup(nil), r.Backups...)
	backup.SortNewestFirst(bs)
	for _, b := range bs {
		status := report.StatusOK
		if !b.Complete {
			status = report.StatusWarn
		}
		// The phone's name is left out: a backup of a phone that is not
		// attached is not among the identifiers the report knows to hide.
		name := b.ProductType
		if name == "" {
			name = "iPhone"
		}
		value := say("backups.item", "Age", backup.Age(b.Date, now), "IOS", b.IOSVersion, "Size", b.SizeWords(),
			"Encrypted", encrypted(b.Encrypted), "Complete", b.CompleteWords())
		s.Items = append(s.Items, report.Item{Label: tr.Rawf("%s (%s)", name, b.UDID), Value: value, Status: status})
	}
	for _, p := range r.Problems {
		s.Items = append(s.Items, report.Item{Label: tr.Raw(p.Dir), Value: p.Message, Status: report.StatusWarn})
	}
	return s
}

func encrypted(e bool) tr.Text {
	if e {
		return tr.Msg("activity.report.encrypted")
	}
	return tr.Msg("activity.report.not-encrypted")
}

// awakeSection says whether the computer was being kept awake.
func awakeSection(a awake.Status) report.Section {
	s := report.Section{Title: say("awake")}
	v, status := say("awake.not-needed"), report.Status("")
	switch {
	case !a.Enabled:
		v = say("awake.off")
	case !a.Err.IsZero():
		v, status = a.Err, report.StatusWarn
	case a.Held:
		v, status = say("awake.held", "Why", a.Why, "Method", a.Method), report.StatusOK
	}
	s.Items = append(s.Items, report.Item{Label: say("awake.inhibitor"), Value: v, Status: status})
	return s
}
