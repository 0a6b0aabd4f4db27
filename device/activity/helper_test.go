package activity

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// clock is a fake clock the tests move by hand.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *clock) Advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// backupWriter writes a phone's backup folder the way a backup program
// does (Snapshot first, Status.plist through its states, files moved into
// place at the end), stamping every file and folder it touches with the
// fake clock's time, so the observer sees the rates the test sets.
type backupWriter struct {
	t     *testing.T
	clock *clock
	root  string // the backups folder
	dir   string // root/<UDID>
	n     int
}

const testUDID = "00008030-001C2D3E4F5A6B7C"

func newBackupWriter(t *testing.T, c *clock) *backupWriter {
	t.Helper()
	root := t.TempDir()
	w := &backupWriter{t: t, clock: c, root: root, dir: filepath.Join(root, testUDID)}
	w.mkdir(w.dir)
	return w
}

func (w *backupWriter) stamp(paths ...string) {
	w.t.Helper()
	now := w.clock.Now()
	for _, p := range paths {
		if err := os.Chtimes(p, now, now); err != nil {
			w.t.Fatal(err)
		}
	}
}

func (w *backupWriter) mkdir(p string) {
	w.t.Helper()
	if err := os.MkdirAll(p, 0o755); err != nil {
		w.t.Fatal(err)
	}
	w.stamp(p, filepath.Dir(p))
}

// status writes Status.plist (XML) with the given SnapshotState.
func (w *backupWriter) status(state string) {
	w.t.Helper()
	p := filepath.Join(w.dir, "Status.plist")
	body := `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0"><dict>
<key>BackupState</key><string>new</string>
<key>IsFullBackup</key><true/>
<key>SnapshotState</key><string>` + state + `</string>
<key>UUID</key><string>5B3C0D0E-0000-4000-8000-000000000001</string>
<key>Version</key><string>3.3</string>
</dict></plist>`
	w.write(p, []byte(body))
}

func (w *backupWriter) write(p string, b []byte) {
	w.t.Helper()
	if err := os.WriteFile(p, b, 0o644); err != nil {
		w.t.Fatal(err)
	}
	w.stamp(p, filepath.Dir(p))
}

// startSnapshot creates the Snapshot folder, as a backup's first step.
func (w *backupWriter) startSnapshot() { w.mkdir(filepath.Join(w.dir, "Snapshot")) }

// upload adds n files of size bytes under Snapshot/xx/.
func (w *backupWriter) upload(n, size int) {
	w.t.Helper()
	for range n {
		w.n++
		sub := filepath.Join(w.dir, "Snapshot", fmt.Sprintf("%02x", w.n%256))
		w.mkdir(sub)
		w.write(filepath.Join(sub, fmt.Sprintf("%040x", w.n)), make([]byte, size))
	}
}

// grow appends size bytes to one large file in Snapshot (a video).
func (w *backupWriter) grow(size int) {
	w.t.Helper()
	sub := filepath.Join(w.dir, "Snapshot", "ff")
	w.mkdir(sub)
	p := filepath.Join(sub, "big")
	f, err := os.OpenFile(p, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		w.t.Fatal(err)
	}
	if _, err := f.Write(make([]byte, size)); err != nil {
		w.t.Fatal(err)
	}
	f.Close()
	w.stamp(p, sub)
}

// move moves up to n files of Snapshot into the backup's own folders, as
// the moving phase does in batches.
func (w *backupWriter) move(n int) {
	w.t.Helper()
	snap := filepath.Join(w.dir, "Snapshot")
	subs, err := os.ReadDir(snap)
	if err != nil {
		w.t.Fatal(err)
	}
	for _, s := range subs {
		files, _ := os.ReadDir(filepath.Join(snap, s.Name()))
		dst := filepath.Join(w.dir, s.Name())
		for _, f := range files {
			if n == 0 {
				return
			}
			n--
			w.mkdir(dst)
			if err := os.Rename(filepath.Join(snap, s.Name(), f.Name()), filepath.Join(dst, f.Name())); err != nil {
				w.t.Fatal(err)
			}
			w.stamp(dst, filepath.Join(snap, s.Name()))
		}
	}
}

// removeSnapshot removes the emptied Snapshot folder, the last step.
func (w *backupWriter) removeSnapshot() {
	w.t.Helper()
	if err := os.RemoveAll(filepath.Join(w.dir, "Snapshot")); err != nil {
		w.t.Fatal(err)
	}
	w.stamp(w.dir)
}

// tree lists every path below the backups folder with its size and change
// time, to show that observing changed nothing.
func (w *backupWriter) tree() map[string]string {
	w.t.Helper()
	out := map[string]string{}
	err := filepath.Walk(w.root, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		out[p] = fmt.Sprintf("%v %d %d", info.Mode(), info.Size(), info.ModTime().UnixNano())
		return nil
	})
	if err != nil {
		w.t.Fatal(err)
	}
	return out
}
