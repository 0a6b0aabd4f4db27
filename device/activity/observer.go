package activity

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Folder is one listing of a phone's backup folder: stat and directory
// listings only, and Status.plist read and closed at once.
type Folder struct {
	Dir   string    // the phone's backup folder, <backups>/<UDID>
	At    time.Time // when it was listed
	Bytes int64     // all regular files, Snapshot included
	Files int
	// Snapshot: the Snapshot folder exists. A backup fills it first and
	// empties and removes it at the end; SnapshotFiles and SnapshotBytes
	// count the data files in its two-hex-digit subfolders.
	Snapshot      bool
	SnapshotFiles int
	SnapshotBytes int64
	// SnapshotSince is the oldest change inside Snapshot (or the folder's
	// own, when empty): about when the backup began.
	SnapshotSince time.Time
	// Newest is the latest change of any file or folder (a rename changes
	// its folders), never later than At.
	Newest time.Time
	// RecentBytes and RecentFiles are the files changed in the window
	// before At, by their change times (used until the observer has a
	// listing a whole window old).
	RecentBytes int64
	RecentFiles int
	// Phase is Status.plist's SnapshotState ("" when it cannot be read;
	// Problem says why).
	Phase   string
	Problem string
	// Partial: the listing stopped at MaxFiles.
	Partial bool
	// Listed: every file was listed. An idle folder (no Snapshot, no
	// backup under way, Status.plist older than backup_done_shown) is not:
	// a finished backup of 200,000 files is not walked every backup_poll.
	// Its Bytes and Files are then 0.
	Listed bool
}

// same says two listings show no progress between them.
func (f Folder) same(o Folder) bool {
	if f.Listed != o.Listed { // one idle: only what both looked at
		return f.Snapshot == o.Snapshot && f.Phase == o.Phase && !f.Newest.After(o.Newest)
	}
	return f.Bytes == o.Bytes && f.Files == o.Files && f.Snapshot == o.Snapshot &&
		f.SnapshotFiles == o.SnapshotFiles && f.SnapshotBytes == o.SnapshotBytes &&
		f.Phase == o.Phase && f.Newest.Equal(o.Newest)
}

// Backup is what the observer makes of a phone's backup folder over time.
type Backup struct {
	Folder
	// LastProgress is the last time the folder changed: the newest write,
	// or the listing that first saw a change, whichever is later.
	LastProgress time.Time
	// Since is when the running backup began: the oldest change in
	// Snapshot, or the first listing that saw it, whichever is earlier.
	Since time.Time
	// WindowBytes and WindowFiles were added in the last window (Thresholds.BackupWindow).
	WindowBytes int64
	WindowFiles int
}

// Observer lists the backup folder of each phone asked about, at most once
// per Thresholds.BackupPoll, and keeps a window of listings to measure
// progress. It never writes, and never opens Manifest.db. Safe for
// concurrent use.
type Observer struct {
	roots    []string
	now      func() time.Time
	t        Thresholds
	MaxFiles int // most files listed in one folder (default 2,000,000)

	mu   sync.Mutex
	seen map[string]*history
}

type history struct {
	listings     []Folder // oldest first, the window and one before it
	lastProgress time.Time
	firstActive  time.Time
}

// NewObserver watches the phones' folders under the given backup folders
// (device/backup.Locations, or the --backup-dir given), on the clock now.
func NewObserver(roots []string, now func() time.Time, t Thresholds) *Observer {
	if now == nil {
		now = time.Now
	}
	return &Observer{roots: roots, now: now, t: t, seen: map[string]*history{}}
}

// Observe answers for the phone with the given UDID; ok is false when no
// backup folder of it exists under any root.
func (o *Observer) Observe(udid string) (Backup, bool) {
	if udid == "" || strings.ContainsAny(udid, `/\.`) {
		return Backup{}, false
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	now := o.now()
	h := o.seen[udid]
	if h == nil {
		h = &history{}
		o.seen[udid] = h
	}
	if n := len(h.listings); n == 0 || now.Sub(h.listings[n-1].At) >= o.t.BackupPoll {
		f, ok := o.list(udid, now)
		if !ok {
			delete(o.seen, udid)
			return Backup{}, false
		}
		o.add(h, f)
	}
	return o.answer(h), true
}

// add keeps a listing, and drops those older than the one that starts the window.
func (o *Observer) add(h *history, f Folder) {
	if n := len(h.listings); n > 0 && !f.same(h.listings[n-1]) {
		h.lastProgress = f.At
	}
	if (f.Snapshot || active(f.Phase)) && h.firstActive.IsZero() {
		h.firstActive = f.At
	}
	if !f.Snapshot && !active(f.Phase) {
		h.firstActive = time.Time{}
	}
	h.listings = append(h.listings, f)
	start := f.At.Add(-o.t.BackupWindow)
	drop := 0
	for drop+1 < len(h.listings) && !h.listings[drop+1].At.After(start) {
		drop++
	}
	h.listings = append(h.listings[:0], h.listings[drop:]...)
}

func (o *Observer) answer(h *history) Backup {
	cur := h.listings[len(h.listings)-1]
	b := Backup{Folder: cur, LastProgress: cur.Newest, Since: cur.SnapshotSince}
	if h.lastProgress.After(b.LastProgress) {
		b.LastProgress = h.lastProgress
	}
	if !h.firstActive.IsZero() && (b.Since.IsZero() || h.firstActive.Before(b.Since)) {
		b.Since = h.firstActive
	}
	if !cur.Snapshot && !active(cur.Phase) {
		b.Since = time.Time{}
	}
	base := h.listings[0]
	if len(h.listings) > 1 && !base.At.After(cur.At.Add(-o.t.BackupWindow)) {
		b.WindowBytes = max(0, cur.Bytes-base.Bytes)
		b.WindowFiles = max(0, cur.Files-base.Files)
	} else {
		b.WindowBytes, b.WindowFiles = cur.RecentBytes, cur.RecentFiles
	}
	return b
}

// active says a SnapshotState of a backup under way.
func active(phase string) bool {
	return phase == PhaseUploading || phase == PhaseMoving || phase == PhaseRemoving
}

// list lists the phone's folder in the first root that has it (the one
// written last when several do).
func (o *Observer) list(udid string, now time.Time) (Folder, bool) {
	var best Folder
	found := false
	for _, root := range o.roots {
		if strings.TrimSpace(root) == "" {
			continue
		}
		dir := filepath.Join(root, udid)
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			continue
		}
		f := o.listOne(dir, now)
		if !found || f.Newest.After(best.Newest) {
			best, found = f, true
		}
	}
	return best, found
}

func (o *Observer) listOne(dir string, now time.Time) Folder {
	maxFiles := o.MaxFiles
	if maxFiles <= 0 {
		maxFiles = 2_000_000
	}
	f := Folder{Dir: dir, At: now}
	snap := filepath.Join(dir, "Snapshot")
	if o.idle(dir, snap, now, &f) {
		return f
	}
	f.Listed = true
	windowStart := now.Add(-o.t.BackupWindow)
	seenFiles := 0
	_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if f.Problem == "" {
				f.Problem = err.Error()
			}
			return nil // an unreadable subfolder: count the rest
		}
		info, err := d.Info() // Lstat: links are not followed
		if err != nil {
			return nil
		}
		mt := info.ModTime()
		if mt.After(now) {
			mt = now
		}
		if mt.After(f.Newest) {
			f.Newest = mt
		}
		inSnap := path == snap || strings.HasPrefix(path, snap+string(filepath.Separator))
		if path == snap && d.IsDir() {
			f.Snapshot = true
		}
		if inSnap && (f.SnapshotSince.IsZero() || mt.Before(f.SnapshotSince)) {
			f.SnapshotSince = mt
		}
		if !info.Mode().IsRegular() {
			return nil
		}
		seenFiles++
		if seenFiles > maxFiles {
			f.Partial = true
			return filepath.SkipAll
		}
		f.Files++
		f.Bytes += info.Size()
		if mt.After(windowStart) {
			f.RecentFiles++
			f.RecentBytes += info.Size()
		}
		if inSnap && filepath.Dir(filepath.Dir(path)) == snap {
			f.SnapshotFiles++
			f.SnapshotBytes += info.Size()
		}
		return nil
	})
	phase, err := readSnapshotState(filepath.Join(dir, "Status.plist"))
	if err != nil && notExist(err) && f.Snapshot {
		phase, err = readSnapshotState(filepath.Join(snap, "Status.plist"))
	}
	switch {
	case err == nil:
		f.Phase = phase
	case !notExist(err):
		f.Problem = "Status.plist: " + err.Error()
	}
	return f
}

// idle fills f from three stats and Status.plist when the folder shows no
// backup under way or just ended, and reports whether it did.
func (o *Observer) idle(dir, snap string, now time.Time, f *Folder) bool {
	if _, err := os.Lstat(snap); err == nil {
		return false
	}
	statusPath := filepath.Join(dir, "Status.plist")
	st, err := os.Lstat(statusPath)
	if err != nil || now.Sub(st.ModTime()) < o.t.BackupDoneShown {
		return false
	}
	phase, err := readSnapshotState(statusPath)
	if err != nil || active(phase) {
		return false
	}
	f.Phase, f.Newest = phase, st.ModTime()
	if d, err := os.Stat(dir); err == nil && d.ModTime().After(f.Newest) && !d.ModTime().After(now) {
		f.Newest = d.ModTime()
	}
	return true
}
