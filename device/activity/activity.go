// Package activity answers "still working, or really stuck?" for each
// attached phone: whether a backup, an update or a restore is under way,
// whether it is progressing, and what to do, in plain words.
//
// It sees what a read-only observer can (shared/research/stuck-or-working.md):
// the phone's mode over time, from the watcher's States and their timeline
// (an update keeps the phone in restore mode; one that falls back to
// recovery mode stopped), the phone's backup folder on this computer,
// listed with stat only (Observer), and what a trusted phone's own log and
// passcode prompt say (Signals, fed by device/live's readers). The times it judges by are the rows of
// assets/data/activity.tsv (Thresholds). What it says is tr.Text, from the
// catalogue's activity area (assets/i18n/activity/<tag>.json): the
// person's language on screen, English in JSON.
package activity

import (
	"time"

	"unstuck/device"
	"unstuck/device/tr"
)

// Kind is what is going on with the phone.
type Kind string

const (
	KindNone    Kind = "none"
	KindBackup  Kind = "backup"
	KindUpdate  Kind = "update"  // restore mode entered from recovery or normal mode: an update, or a restore
	KindRestore Kind = "restore" // restore mode entered from DFU mode: a restore that erases the phone
)

// State is how it is going.
type State string

const (
	StateNone        State = "none"
	StateWorking     State = "working"
	StatePreparing   State = "preparing"
	StatePasscode    State = "waiting-for-passcode"
	StateSlow        State = "slow"
	StateStalled     State = "stalled"
	StateInterrupted State = "interrupted"
	StateDone        State = "done"
)

// Activity is the answer for one phone.
type Activity struct {
	Kind  Kind  `json:"kind"`
	State State `json:"state"`
	// Since is when the activity (or the present mode) began.
	Since time.Time `json:"since,omitzero"`
	// LastProgress is the last time the backup folder changed.
	LastProgress time.Time `json:"last_progress,omitzero"`
	// RecentBytes and RecentFiles were added to the backup folder in the
	// last RecentSeconds (assets/data/activity.tsv's backup_window).
	RecentBytes   int64 `json:"recent_bytes"`
	RecentFiles   int   `json:"recent_files"`
	RecentSeconds int   `json:"recent_seconds,omitempty"`
	// Files is the number of files in the phone's backup folder.
	Files int `json:"files"`
	// Phase is Status.plist's SnapshotState: uploading, moving, removing, finished.
	Phase string `json:"backup_phase,omitempty"`
	// EarlierUnfinished: a Snapshot folder is left from a backup that
	// ended before it finished. Unstuck never touches it.
	EarlierUnfinished bool   `json:"earlier_backup_unfinished,omitempty"`
	BackupDir         string `json:"backup_dir,omitempty"`
	// PhonePhase is what the phone's own log says the backup does
	// (starting, scanning, preflight, uploading, moving, removing,
	// finishing, finished); PhoneFiles the files it says it sent, and
	// LastPhoneLog the time of its last BackupAgent2 or backupd line.
	PhonePhase   string    `json:"phone_phase,omitempty"`
	PhoneFiles   int       `json:"phone_files,omitempty"`
	LastPhoneLog time.Time `json:"last_phone_log,omitzero"`
	// PasscodeSince is when the phone began asking for its passcode.
	PasscodeSince time.Time `json:"passcode_since,omitzero"`
	// Problem names what stopped it: disk-full, passcode-timeout.
	Problem string `json:"problem,omitempty"`
	// Advice is the answer in words, for the person holding the phone.
	Advice tr.Text `json:"advice"`
}

// None is the answer when nothing is going on.
var None = Activity{Kind: KindNone, State: StateNone}

// Moving says the computer should stay awake for it: a backup, update or
// restore that is working, preparing, waiting or slow.
func (a Activity) Moving() bool {
	switch a.State {
	case StateWorking, StatePreparing, StatePasscode, StateSlow:
		return a.Kind != KindNone
	}
	return false
}

// Busy names the kind ("backup", "update", "restore") while it moves, for
// the guide's "wait first"; "" when nothing moves.
func (a Activity) Busy() string {
	if a.Moving() {
		return string(a.Kind)
	}
	return ""
}

// Tracker answers for every phone of a State. Its backup Observer may be
// nil (no backups folder to watch), and so may Signals (no phone log read).
type Tracker struct {
	Backups *Observer
	Signals *Signals
	T       Thresholds
	Now     func() time.Time
}

// NewTracker uses the embedded thresholds and the given clock (nil: the
// real one) and backup folders.
func NewTracker(backupRoots []string, now func() time.Time) *Tracker {
	if now == nil {
		now = time.Now
	}
	var obs *Observer
	if len(backupRoots) > 0 {
		obs = NewObserver(backupRoots, now, Default)
	}
	return &Tracker{Backups: obs, T: Default, Now: now}
}

// For answers for every attached phone of s, by device Key.
func (t *Tracker) For(s device.State) map[string]Activity {
	now := t.Now()
	out := make(map[string]Activity, len(s.Devices))
	for _, d := range s.Devices {
		out[d.Key] = t.one(d, s.Timeline, now)
	}
	return out
}

func (t *Tracker) one(d device.Device, events []device.Event, now time.Time) Activity {
	if a, ok := modeActivity(d, events, now, t.T); ok {
		return a
	}
	if d.Mode != device.ModeNormal {
		return None
	}
	var b Backup
	haveFolder := false
	if t.Backups != nil {
		b, haveFolder = t.Backups.Observe(d.UDID)
	}
	base := None
	if haveFolder {
		base = backupActivity(d, b, now, t.T)
	}
	if l, ok := t.Signals.For(d.UDID); ok {
		return withPhoneLog(base, b, haveFolder, l, now, t.T)
	}
	return base
}
