// Package diagnose gathers what the diagnostic report and the
// troubleshooting ladder are judged from: the watcher's State, the
// computer's checks, the backups on this computer, the steps the user
// ticked and whether the computer is being kept awake. The app and
// unstuckctl both collect through here, so their reports agree.
package diagnose

import (
	"context"
	"os"
	"runtime"
	"time"

	"unstuck/device"
	"unstuck/device/activity"
	"unstuck/device/awake"
	"unstuck/device/backup"
	"unstuck/device/hostcheck"
	"unstuck/device/ladder"
	"unstuck/device/report"
)

// Options are the facts at hand; what is missing is gathered.
type Options struct {
	Version string
	State   device.State
	// Phone is the key of the phone on show (see device.State.Focus): the
	// one the ladder and its backup are about.
	Phone string
	// Host is the computer's checks; nil runs them.
	Host []hostcheck.Check
	// Backups is what a backup scan found; nil scans this computer's
	// usual folders.
	Backups *backup.Result
	// Ticked are the ladder steps the user marked done.
	Ticked map[string]bool
	// Awake is the keep-awake state, when this process keeps one.
	Awake *awake.Status
	// Activities is what each phone is doing, by Key (device/activity);
	// nil leaves the "Still working?" section out.
	Activities map[string]activity.Activity
	Errors     []string
	Now        time.Time
}

// Backups scans the folders where this computer's Apple software keeps
// iPhone backups.
func Backups(ctx context.Context) backup.Result {
	home, _ := os.UserHomeDir()
	return backup.Scan(ctx, backup.Locations(runtime.GOOS, home, os.Getenv))
}

// Ladder is the ladder's input: the phone on show (Focus of key), its
// newest backup on this computer (matched by UDID), what it is doing (its
// activity in acts) and the user's ticks.
func Ladder(s device.State, key string, host []hostcheck.Check, backups *backup.Result, ticked map[string]bool, acts map[string]activity.Activity, now time.Time) ladder.Input {
	in := ladder.Input{State: s, Host: host, Ticked: ticked, Now: now}
	d, attached := s.Focus(key)
	in.Phone = d.Key
	in.Activity = focusActivity(acts, d.Key)
	// Searched only when some backup folder exists here (Linux has none).
	if backups != nil && len(backups.Searched) > 0 {
		in.BackupSearched = true
		if d.UDID != "" {
			if b, ok := backups.Newest(d.UDID); ok {
				in.Backup = &ladder.Backup{Date: b.Date, Complete: b.Complete}
			}
		} else if attached {
			in.BackupSearched = false // a phone in recovery or DFU gives no UDID to match
		}
	}
	return in
}

// Collect builds the report's input, running the host checks and the
// backup scan when they are not given.
func Collect(ctx context.Context, o Options) report.Input {
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	if o.Host == nil {
		o.Host = hostcheck.Run(ctx, hostcheck.Input{State: o.State})
		if o.Host == nil {
			o.Host = []hostcheck.Check{}
		}
	}
	if o.Backups == nil {
		b := Backups(ctx)
		o.Backups = &b
	}
	steps := ladder.Evaluate(Ladder(o.State, o.Phone, o.Host, o.Backups, o.Ticked, o.Activities, o.Now))
	in := report.Input{Version: o.Version, Now: o.Now, State: o.State, Host: o.Host, Errors: o.Errors}
	in.Sections = append(in.Sections, ladderSection(steps), backupSection(*o.Backups, o.Now))
	if o.Awake != nil {
		in.Sections = append(in.Sections, awakeSection(*o.Awake))
	}
	if o.Activities != nil {
		in.Sections = append(in.Sections, activitySection(o.State, o.Activities, o.Now))
	}
	return in
}
