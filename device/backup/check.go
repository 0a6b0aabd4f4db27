package backup

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"unstuck/device/filekind"
	"unstuck/device/safeplist"
	"unstuck/device/tr"
)

// maxPlistBytes caps how much of one plist is read. Info.plist carries app
// lists and app icons and can reach tens of megabytes; anything far larger
// is not one.
const maxPlistBytes = 64 << 20

// plistLimits bound the decoding of a backup's plists. Icons are <data>, a
// few values each, so the size cap does not bound the values: a phone with
// 1,000 apps gives Info.plist and Manifest.plist some 7 values per app and
// a few hundred more (under 10,000); 262,144 leaves room and keeps the
// decoder's memory (up to about 530 bytes a value) under about 140 MB at
// worst. The deepest real nesting is about 5 levels. A real-shaped 23 MB
// Info.plist full of icons allocates about 5 times its size to decode.
var plistLimits = safeplist.Limits{MaxBytes: maxPlistBytes, MaxDepth: 32, MaxValues: 1 << 18}

// The words shown for Manifest.db (Backup.Database).
var (
	dbIntact          = tr.Msg("activity.db.intact")
	dbOldIntact       = tr.Msg("activity.db.old-intact")
	dbEncrypted       = tr.Msg("activity.db.encrypted")
	dbMissing         = tr.Msg("activity.db.missing")
	dbNotCheckedWords = tr.Msg("activity.db.not-checked")
	dbDamaged         = tr.Msg("activity.db.damaged")
	dbUnreadable      = tr.Msg("activity.db.cannot-be-read")
)

// readBackup fills in everything the files of one backup folder say. It
// only opens files for reading, and never through a symbolic link.
func readBackup(dir string) Backup {
	b := Backup{Dir: dir}
	folderUDID, archived := folderName(filepath.Base(dir))
	b.UDID, b.Archived = folderUDID, archived

	info, infoErr := readPlist(dir, "Info.plist")
	manifest, manifestErr := readPlist(dir, "Manifest.plist")
	status, statusErr := readPlist(dir, "Status.plist")
	for _, e := range []struct {
		name string
		err  error
	}{{"Info.plist", infoErr}, {"Manifest.plist", manifestErr}, {"Status.plist", statusErr}} {
		if e.err != nil {
			b.Missing = append(b.Missing, fileProblem(e.name, e.err))
		}
	}

	lockdown, _ := manifest["Lockdown"].(map[string]any)
	b.DeviceName = firstString(info["Device Name"], info["Display Name"], lockdown["DeviceName"])
	b.ProductType = firstString(info["Product Type"], lockdown["ProductType"])
	b.IOSVersion = firstString(info["Product Version"], lockdown["ProductVersion"])
	b.IOSBuild = firstString(info["Build Version"], lockdown["BuildVersion"])
	b.SerialNumber = firstString(info["Serial Number"], lockdown["SerialNumber"])
	if id := firstString(info["Unique Identifier"], info["Target Identifier"], lockdown["UniqueDeviceID"]); id != "" {
		b.UDID = id
	}
	b.Date = firstDate(info["Last Backup Date"], status["Date"], manifest["Date"])
	b.Encrypted, _ = manifest["IsEncrypted"].(bool)
	if full, ok := status["IsFullBackup"].(bool); ok {
		b.FullBackup = &full
	}

	if statusErr == nil {
		if state, _ := status["SnapshotState"].(string); state != "finished" {
			if state == "" {
				b.Missing = append(b.Missing, tr.Msg("activity.backup.not-finished"))
			} else {
				b.Missing = append(b.Missing, tr.Msg("activity.backup.state", "State", strconv.Quote(state)))
			}
		}
	}

	words, problem := checkDatabase(dir, b.Encrypted, manifestErr == nil)
	b.Database = words
	if !problem.IsZero() {
		b.Missing = append(b.Missing, problem)
	}
	b.Complete = len(b.Missing) == 0
	return b
}

// checkDatabase checks Manifest.db (or, for backups older than iOS 10,
// Manifest.mbdb). It returns the words for Backup.Database and, when the
// backup cannot count as complete because of it, the reason.
func checkDatabase(dir string, encrypted, manifestRead bool) (words, problem tr.Text) {
	f, size, err := openRegular(dir, "Manifest.db")
	if errors.Is(err, fs.ErrNotExist) {
		if old, oldSize, oldErr := openRegular(dir, "Manifest.mbdb"); oldErr == nil {
			defer old.Close()
			var magic [6]byte
			if n, _ := old.ReadAt(magic[:], 0); n == 6 && oldSize >= 6 && string(magic[:4]) == "mbdb" {
				return dbOldIntact, tr.Text{}
			}
			return dbDamaged, tr.Msg("activity.db.mbdb-damaged")
		}
		return dbMissing, tr.Msg("activity.file.missing", "Name", "Manifest.db")
	}
	if err != nil {
		return dbUnreadable, fileProblem("Manifest.db", err)
	}
	defer f.Close()
	err = checkSQLite(f, size)
	switch {
	case err == nil:
		return dbIntact, tr.Text{}
	case errors.Is(err, errNotSQLite) && encrypted:
		return dbEncrypted, tr.Text{}
	case errors.Is(err, errNotSQLite) && !manifestRead:
		return dbNotCheckedWords, tr.Msg("activity.db.unreadable")
	case errors.Is(err, errNotSQLite):
		return dbDamaged, tr.Msg("activity.db.not-a-database")
	}
	return dbDamaged, tr.Msg("activity.file.damaged", "Name", "Manifest.db", "Why", err.Error())
}

// readPlist reads one XML or binary property list of the backup folder
// into a dictionary.
func readPlist(dir, name string) (map[string]any, error) {
	f, size, err := openRegular(dir, name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if size > maxPlistBytes {
		return nil, fmt.Errorf("%w: %d bytes is far too large for it", errDamaged, size)
	}
	raw, err := io.ReadAll(io.LimitReader(f, maxPlistBytes+1))
	if err != nil {
		return nil, err
	}
	var dict map[string]any
	if err := safeplist.Decode(raw, &dict, plistLimits); errors.Is(err, safeplist.ErrLimit) {
		return nil, fmt.Errorf("%w: %w", errDamaged, err)
	} else if err != nil || dict == nil {
		return nil, fmt.Errorf("%w: not a valid property list", errDamaged)
	}
	return dict, nil
}

var errDamaged = errors.New("damaged")

// openRegular opens a file of the backup folder for reading, refusing
// symbolic links (so nothing outside the folder is read) and anything that
// is not a plain file (a named pipe would block the read); the error says
// what it is.
func openRegular(dir, name string) (*os.File, int64, error) {
	f, st, err := filekind.OpenRegular(filepath.Join(dir, name))
	if err != nil {
		return nil, 0, err
	}
	return f, st.Size(), nil
}

// fileProblem says in plain words what is wrong with one file; the
// system's own words for it stay as they are.
func fileProblem(name string, err error) tr.Text {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return tr.Msg("activity.file.missing", "Name", name)
	case errors.Is(err, fs.ErrPermission):
		return tr.Msg("activity.file.denied", "Name", name)
	case errors.Is(err, errDamaged):
		return tr.Msg("activity.file.damaged", "Name", name, "Why", strings.TrimPrefix(strings.TrimPrefix(err.Error(), errDamaged.Error()), ": "))
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return tr.Msg("activity.file.unreadable", "Name", name, "Reason", err.Error())
}

func firstString(vals ...any) string {
	for _, v := range vals {
		if s, ok := v.(string); ok && s != "" {
			return s
		}
	}
	return ""
}

func firstDate(vals ...any) time.Time {
	for _, v := range vals {
		if t, ok := v.(time.Time); ok && !t.IsZero() {
			return t.UTC()
		}
	}
	return time.Time{}
}
