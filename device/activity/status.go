package activity

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"unstuck/device/safeplist"
)

// Snapshot states of Status.plist (Netimobiledevice SnapshotState.cs;
// idevicebackup2 counts a backup complete only at "finished").
const (
	PhaseUploading = "uploading"
	PhaseMoving    = "moving"
	PhaseRemoving  = "removing"
	PhaseFinished  = "finished"
)

// maxStatusBytes caps Status.plist: it holds some seven short keys
// (BackupState, SnapshotState, IsFullBackup, Date, UUID, Version), a few
// hundred bytes; anything past 64 KiB is not one.
const maxStatusBytes = 64 << 10

var statusLimits = safeplist.Limits{MaxBytes: maxStatusBytes, MaxDepth: 8, MaxValues: 256}

// readSnapshotState reads Status.plist's SnapshotState. The file is
// checked with Lstat (a regular file, not a link, small), opened sharing
// delete, read and closed at once: the phone re-uploads it during a
// backup and the backup program must be free to replace it.
func readSnapshotState(path string) (string, error) {
	st, err := os.Lstat(path)
	if err != nil {
		return "", err
	}
	if !st.Mode().IsRegular() {
		return "", fmt.Errorf("%s is not a regular file", path)
	}
	if st.Size() > maxStatusBytes {
		return "", fmt.Errorf("%s: %d bytes is far too large for it", path, st.Size())
	}
	f, err := openShared(path)
	if err != nil {
		return "", err
	}
	raw, err := io.ReadAll(io.LimitReader(f, maxStatusBytes+1))
	f.Close()
	if err != nil {
		return "", err
	}
	var v struct {
		SnapshotState string `plist:"SnapshotState"`
	}
	if err := safeplist.Decode(raw, &v, statusLimits); err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	return v.SnapshotState, nil
}

// notExist says the error is a missing file.
func notExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }
