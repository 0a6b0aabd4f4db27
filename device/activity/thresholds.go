package activity

import (
	"fmt"
	"strconv"
	"time"

	"unstuck/assets"
)

// Thresholds are the times Unstuck judges activity by, read from
// assets/data/activity.tsv (which gives the source or reasoning of each).
type Thresholds struct {
	BackupRecent          time.Duration // a write this recent: working
	BackupWindow          time.Duration // the span RecentBytes adds up
	BackupSlow            time.Duration // no write for this long: slow
	BackupProbablyStalled time.Duration // probably stalled
	BackupStalled         time.Duration // stalled
	BackupMovingStalled   time.Duration // moving or removing with no change: stalled
	BackupPasscode        time.Duration // the phone's wait for its passcode
	BackupAbandoned       time.Duration // a Snapshot this quiet is left from a backup that ended
	BackupDoneShown       time.Duration // "finished" is said this long after the last write
	BackupPoll            time.Duration // how often a backup folder is listed
	PhoneLogRecent        time.Duration // a backup line of the phone's log this recent: it is working
	BackupProblemShown    time.Duration // an error the phone logged is told this long
	RestoreArrival        time.Duration // recovery to restore mode within this
	RestoreNormal         time.Duration // restore mode this long is normal
	RestoreLong           time.Duration // past this, unusually long
	RestoreRejoin         time.Duration // a phone that left restore mode is back within this after a restart
	UpdateOutcomeShown    time.Duration // how an update ended is told this long
}

// Default is the embedded table; the table is tested, so a broken one
// stops the program at start.
var Default = mustThresholds()

func mustThresholds() Thresholds {
	raw, err := assets.Data("activity.tsv")
	if err != nil {
		panic(err)
	}
	t, err := ParseThresholds(raw)
	if err != nil {
		panic(err)
	}
	return t
}

// ParseThresholds reads a table in activity.tsv's format: every row named
// below must be present once, with a positive whole number of seconds, and
// the backup times must grow (slow < probably stalled < stalled <
// abandoned).
func ParseThresholds(raw []byte) (Thresholds, error) {
	var t Thresholds
	fields := map[string]*time.Duration{
		"backup_recent":           &t.BackupRecent,
		"backup_window":           &t.BackupWindow,
		"backup_slow":             &t.BackupSlow,
		"backup_probably_stalled": &t.BackupProbablyStalled,
		"backup_stalled":          &t.BackupStalled,
		"backup_moving_stalled":   &t.BackupMovingStalled,
		"backup_passcode":         &t.BackupPasscode,
		"backup_abandoned":        &t.BackupAbandoned,
		"backup_done_shown":       &t.BackupDoneShown,
		"backup_poll":             &t.BackupPoll,
		"phone_log_recent":        &t.PhoneLogRecent,
		"backup_problem_shown":    &t.BackupProblemShown,
		"restore_arrival":         &t.RestoreArrival,
		"restore_normal":          &t.RestoreNormal,
		"restore_long":            &t.RestoreLong,
		"restore_rejoin":          &t.RestoreRejoin,
		"update_outcome_shown":    &t.UpdateOutcomeShown,
	}
	rows, err := assets.ParseTable("activity.tsv", raw, 3)
	if err != nil {
		return t, err
	}
	seen := map[string]bool{}
	for _, r := range rows {
		name := r.Fields[0]
		p, ok := fields[name]
		if !ok {
			return t, fmt.Errorf("activity.tsv line %d: unknown threshold %q", r.Line, name)
		}
		if seen[name] {
			return t, fmt.Errorf("activity.tsv line %d: %s given twice", r.Line, name)
		}
		seen[name] = true
		s, err := strconv.Atoi(r.Fields[1])
		if err != nil || s <= 0 {
			return t, fmt.Errorf("activity.tsv line %d: %q is not a positive number of seconds", r.Line, r.Fields[1])
		}
		if r.Fields[2] == "" {
			return t, fmt.Errorf("activity.tsv line %d: %s has no source", r.Line, name)
		}
		*p = time.Duration(s) * time.Second
	}
	for name := range fields {
		if !seen[name] {
			return t, fmt.Errorf("activity.tsv has no %s", name)
		}
	}
	if !(t.BackupRecent <= t.BackupSlow && t.BackupSlow < t.BackupProbablyStalled &&
		t.BackupProbablyStalled < t.BackupStalled && t.BackupStalled < t.BackupAbandoned) {
		return t, fmt.Errorf("activity.tsv: backup times must grow: recent <= slow < probably stalled < stalled < abandoned")
	}
	if t.RestoreNormal >= t.RestoreLong {
		return t, fmt.Errorf("activity.tsv: restore_normal must be shorter than restore_long")
	}
	return t, nil
}

// Scaled divides every time by the factor: the demo plays its story many
// times faster than life, and its answers keep pace (its words then say
// demo times).
func (t Thresholds) Scaled(factor float64) Thresholds {
	if factor <= 0 {
		return t
	}
	for _, p := range []*time.Duration{&t.BackupRecent, &t.BackupWindow, &t.BackupSlow, &t.BackupProbablyStalled,
		&t.BackupStalled, &t.BackupMovingStalled, &t.BackupPasscode, &t.BackupAbandoned, &t.BackupDoneShown,
		&t.BackupPoll, &t.PhoneLogRecent, &t.BackupProblemShown, &t.RestoreArrival, &t.RestoreNormal,
		&t.RestoreLong, &t.RestoreRejoin, &t.UpdateOutcomeShown} {
		*p = time.Duration(float64(*p) / factor).Round(time.Millisecond)
	}
	return t
}
