package diagnose

import (
	"fmt"
	"time"

	"unstuck/device/awake"
	"unstuck/device/backup"
	"unstuck/device/ladder"
	"unstuck/device/report"
	"unstuck/device/tr"
)

// ladderSection is the ladder's progress, one item a step.
func ladderSection(steps []ladder.Step) report.Section {
	s := report.Section{Title: "Troubleshooting steps", Note: "The step that applies now first; the others from the safest to the one that erases the phone, numbered as on the ladder."}
	for _, st := range steps {
		value := statusWords[st.Status]
		if st.Detail != "" {
			value += ": " + st.Detail
		}
		status := report.Status("")
		switch st.Status {
		case ladder.Done, ladder.CheckedOK:
			status = report.StatusOK
		case ladder.Now:
			status = report.StatusWarn
		}
		s.Items = append(s.Items, report.Item{Label: fmt.Sprintf("%d. %s (%s)", st.Rung, st.Title, riskWords[st.Risk]), Value: value, Status: status})
	}
	return s
}

var statusWords = map[ladder.Status]string{
	ladder.ToDo: "to do", ladder.Now: "now", ladder.Done: "done",
	ladder.CheckedOK: "checked: fine", ladder.NotApplicable: "not needed now",
}

var riskWords = map[ladder.Risk]string{
	ladder.RiskNone: "no risk", ladder.RiskKeepsData: "keeps your data", ladder.RiskErases: "erases the phone",
}

// backupSection lists the backups found, newest first.
func backupSection(r backup.Result, now time.Time) report.Section {
	s := report.Section{Title: "Backups on this computer"}
	switch {
	case len(r.Searched) == 0:
		s.Note = "No standard backup folder on this system."
	case len(r.Backups) == 0:
		s.Note = fmt.Sprintf("No backups found in %d folder(s).", len(r.Searched))
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
		value := fmt.Sprintf("%s, iOS %s, %s, %s, %s", backup.Age(b.Date, now), b.IOSVersion, b.SizeWords(), encrypted(b.Encrypted), b.CompleteWords())
		s.Items = append(s.Items, report.Item{Label: name + " (" + b.UDID + ")", Value: value, Status: status})
	}
	for _, p := range r.Problems {
		s.Items = append(s.Items, report.Item{Label: p.Dir, Value: p.Message, Status: report.StatusWarn})
	}
	return s
}

func encrypted(e bool) string {
	if e {
		return "encrypted"
	}
	return "not encrypted"
}

// awakeSection says whether the computer was being kept awake.
func awakeSection(a awake.Status) report.Section {
	s := report.Section{Title: "Keeping the computer awake"}
	v, status := "not needed right now", report.Status("")
	switch {
	case !a.Enabled:
		v = "turned off by the user"
	case a.Err != "":
		v, status = a.Err, report.StatusWarn
	case a.Held:
		v, status = a.Why.In(tr.English)+" (through "+a.Method+")", report.StatusOK
	}
	s.Items = append(s.Items, report.Item{Label: "Sleep inhibitor", Value: v, Status: status})
	return s
}
