package backup

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"

	"unstuck/device"
	"unstuck/device/tr"
)

// Options bound a scan. The zero value means the defaults.
type Options struct {
	// SizeTime is the total time spent adding up backup sizes, over all
	// backups of the scan (default 10 s). Past it, sizes are lower bounds.
	SizeTime time.Duration
	// SizeFiles is the most files counted in one backup (default 2,000,000).
	SizeFiles int
}

const (
	defaultSizeTime  = 10 * time.Second
	defaultSizeFiles = 2_000_000
)

// Scan looks for backups in each folder of dirs (each folder holding one
// subfolder per backup, like MobileSync/Backup) and reads them, without
// writing anything. Folders that do not exist are skipped quietly; folders
// that cannot be read are listed in Problems. Backups come newest first.
func Scan(ctx context.Context, dirs []string) Result {
	return ScanWith(ctx, dirs, Options{})
}

// ScanWith is Scan with explicit limits.
func ScanWith(ctx context.Context, dirs []string, opt Options) Result {
	if opt.SizeTime <= 0 {
		opt.SizeTime = defaultSizeTime
	}
	if opt.SizeFiles <= 0 {
		opt.SizeFiles = defaultSizeFiles
	}
	deadline := time.Now().Add(opt.SizeTime)
	res := Result{Searched: []string{}, Backups: []Backup{}}
	seen := map[string]bool{}
	for _, root := range dirs {
		if strings.TrimSpace(root) == "" {
			continue
		}
		root = filepath.Clean(root)
		if seen[root] {
			continue
		}
		seen[root] = true
		res.Searched = append(res.Searched, root)
		if ctx.Err() != nil {
			res.Problems = append(res.Problems, Problem{Dir: root, Message: tr.Msg("activity.search.stopped-before")})
			continue
		}
		scanRoot(ctx, root, deadline, opt.SizeFiles, &res)
	}
	SortNewestFirst(res.Backups)
	return res
}

// scanRoot reads one folder of backups.
func scanRoot(ctx context.Context, root string, deadline time.Time, maxFiles int, res *Result) {
	entries, err := readFolder(root)
	if errors.Is(err, fs.ErrNotExist) {
		return
	}
	if err != nil {
		res.Problems = append(res.Problems, Problem{Dir: root, Message: folderProblem(root, err)})
		return
	}
	for _, e := range entries {
		if ctx.Err() != nil {
			res.Problems = append(res.Problems, Problem{Dir: root, Message: tr.Msg("activity.search.stopped-during")})
			return
		}
		dir := filepath.Join(root, e.Name())
		if !isDirOrLinkToDir(dir, e) {
			continue
		}
		if _, err := os.ReadDir(dir); err != nil {
			if _, _, isBackup := looksLikeBackup(dir); isBackup {
				b := Backup{Dir: dir, Database: dbNotCheckedWords}
				b.UDID, b.Archived = folderName(e.Name())
				b.Missing = []tr.Text{tr.Msg("activity.folder.unreadable", "Reason", plainError(err))}
				res.Backups = append(res.Backups, b)
			} else {
				res.Problems = append(res.Problems, Problem{Dir: dir, Message: folderProblem(dir, err)})
			}
			continue
		}
		if _, _, isBackup := looksLikeBackup(dir); !isBackup {
			continue
		}
		b := readBackup(dir)
		b.SizeBytes, b.SizeAtLeast = folderSize(ctx, dir, deadline, maxFiles)
		res.Backups = append(res.Backups, b)
	}
}

// looksLikeBackup says whether a subfolder is a backup: named by a UDID
// (perhaps with an archive date) or holding a backup's Info.plist or
// Manifest.plist.
func looksLikeBackup(dir string) (udid string, archived, ok bool) {
	udid, archived = folderName(filepath.Base(dir))
	if udid != "" {
		return udid, archived, true
	}
	for _, name := range []string{"Info.plist", "Manifest.plist"} {
		if _, err := os.Lstat(filepath.Join(dir, name)); err == nil {
			return "", false, true
		}
	}
	return "", false, false
}

// folderName reads a backup folder's name: a UDID, or a UDID and the
// "-YYYYMMDD-HHMMSS" of an archived copy. It returns "" for other names.
func folderName(name string) (udid string, archived bool) {
	if info, ok := device.ParseUDID(name); ok {
		return info.UDID, false
	}
	if len(name) > 16 && name[len(name)-16] == '-' && name[len(name)-7] == '-' {
		stamp := name[len(name)-15:]
		if _, err := time.Parse("20060102-150405", stamp); err == nil {
			if info, ok := device.ParseUDID(name[:len(name)-16]); ok {
				return info.UDID, true
			}
		}
	}
	return "", false
}

// isDirOrLinkToDir says whether an entry of the backups folder is a
// folder. A link there is followed once (people move backups to another
// disk with one), never inside a backup.
func isDirOrLinkToDir(path string, e fs.DirEntry) bool {
	if e.IsDir() {
		return true
	}
	if e.Type()&fs.ModeSymlink == 0 {
		return false
	}
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}

// errNotAFolder is a folder to search that is a file.
var errNotAFolder = errors.New("it is a file, not a folder")

// readFolder is os.ReadDir, except that a file where a folder should be is
// errNotAFolder on every system: POSIX says ENOTDIR, but Windows lists a
// file as a folder that does not exist (ERROR_PATH_NOT_FOUND, or
// ERROR_DIRECTORY), which no syscall.ENOTDIR matches.
func readFolder(dir string) ([]os.DirEntry, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		if st, serr := os.Stat(dir); serr == nil && !st.IsDir() {
			return nil, &fs.PathError{Op: "open", Path: dir, Err: errNotAFolder}
		}
	}
	return entries, err
}

// folderProblem says why a folder could not be searched, in plain words.
func folderProblem(dir string, err error) tr.Text {
	if runtime.GOOS == "darwin" && errors.Is(err, syscall.EPERM) {
		// Source: assets/data/backup-locations.tsv (macOS privacy protection of MobileSync).
		return tr.Msg("activity.search.mac-privacy", "Dir", dir)
	}
	return tr.Msg("activity.search.could-not-look", "Dir", dir, "Reason", plainError(err))
}

// plainError is err in plain words: the system's own text when Unstuck
// has none of its own.
func plainError(err error) tr.Text {
	switch {
	case errors.Is(err, fs.ErrPermission):
		return tr.Msg("activity.reason.permission-denied")
	case errors.Is(err, errNotAFolder) || errors.Is(err, syscall.ENOTDIR):
		return tr.Msg("activity.reason.not-a-folder")
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return tr.Raw(pe.Err.Error())
	}
	return tr.Raw(err.Error())
}
