package demo

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"unstuck/device/activity"
	"unstuck/device/usbmux"
)

// The demo's backup: a backup program on "this computer" writes the phone's
// folder under the demo's own temporary folder (BackupRoot; never the
// user's backups), while the phone logs and asks for its passcode through
// the simulator. The app watches that folder and reads the phone as it
// would a real one.

// thresholdScale is how much faster than life the demo's answers run: its
// story shows in a minute a backup that works, waits for the passcode,
// stalls and resumes.
const thresholdScale = 30

// BackupRoot is the folder of backups the demo's backup program writes.
func (s *Story) BackupRoot() string { return filepath.Join(s.dir, "Backup") }

// Thresholds are the activity times for the demo: the real table's,
// scaled to the story's pace.
func (s *Story) Thresholds() activity.Thresholds {
	return activity.Default.Scaled(thresholdScale * s.cfg.Speed)
}

// Tracker answers for the demo's phone: its backup folder, its log and
// prompt (fed by live.FollowPhones into the tracker's Signals), at the
// story's pace.
func (s *Story) Tracker() *activity.Tracker {
	t := s.Thresholds()
	return &activity.Tracker{Backups: activity.NewObserver([]string{s.BackupRoot()}, time.Now, t),
		Signals: activity.NewSignals(), T: t, Now: time.Now}
}

// The backup's beats, played after the user trusts the computer. The log
// lines are shaped like those reported in libimobiledevice's issues
// (#853, #881, #1135, #125); "Starting backup" is invented, shaped alike.
var backupBeats = []step{
	{3 * time.Second, "a backup starts on the computer", func(s *Story) error {
		s.files = 0
		if err := s.backupStatus(activity.PhaseUploading); err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Join(s.backupDir(), "Snapshot"), 0o755); err != nil {
			return err
		}
		return s.sim.Log(s.udid, "backupd[123] <Notice>: Starting backup")
	}},
	{2 * time.Second, "the iPhone asks for its passcode", func(s *Story) error {
		return s.sim.Notify(s.udid, usbmux.PasscodePromptPresented)
	}},
	{4 * time.Second, "the passcode is entered: the iPhone scans its files", func(s *Story) error {
		if err := s.sim.Notify(s.udid, usbmux.PasscodePromptDismissed); err != nil {
			return err
		}
		return s.sim.Log(s.udid, "BackupAgent2[345] <Notice>: Finished scanning domain HomeDomain, size:1.2 MB, files:312, dirs:48",
			"BackupAgent2[345] <Notice>: Starting to prepare for preflight")
	}},
	{3 * time.Second, "files arrive", func(s *Story) error { return s.upload(40) }},
	{2 * time.Second, "more files", func(s *Story) error { return s.upload(60) }},
	// Quiet past backup_probably_stalled (15 min, here 30 s).
	{36 * time.Second, "after a long stall, the backup resumes", func(s *Story) error { return s.upload(50) }},
	{3 * time.Second, "the files are put in place", func(s *Story) error {
		if err := s.backupStatus(activity.PhaseMoving); err != nil {
			return err
		}
		return s.sim.Log(s.udid, fmt.Sprintf("BackupAgent2[345] <Notice>: Moved %d files", s.files))
	}},
	{2 * time.Second, "the backup finishes", func(s *Story) error {
		s.discarded++ // a fresh name in the demo's own folder for each round's Snapshot
		if err := discard(filepath.Join(s.backupDir(), "Snapshot"), filepath.Join(s.dir, "gone", fmt.Sprintf("Snapshot.%d", s.discarded))); err != nil {
			return err
		}
		if err := s.backupStatus(activity.PhaseFinished); err != nil {
			return err
		}
		return s.sim.Log(s.udid, "backupd[123] <Notice>: Backup status: <MBStatus: 0x10a0 backupState=new, snapshotState=finished>")
	}},
	{4 * time.Second, "the backup is done", func(s *Story) error { return nil }},
}

func (s *Story) backupDir() string { return filepath.Join(s.BackupRoot(), s.udid) }

// backupStatus writes Status.plist with the snapshot state, as the phone
// has the backup program do.
func (s *Story) backupStatus(state string) error {
	if err := os.MkdirAll(s.backupDir(), 0o755); err != nil {
		return err
	}
	body := `<?xml version="1.0" encoding="UTF-8"?>
<plist version="1.0"><dict><key>BackupState</key><string>new</string><key>SnapshotState</key><string>` +
		state + `</string><key>Version</key><string>3.3</string></dict></plist>`
	return os.WriteFile(filepath.Join(s.backupDir(), "Status.plist"), []byte(body), 0o644)
}

// upload writes n files of 200 kB into Snapshot's two-hex-digit folders
// and has the phone log them.
func (s *Story) upload(n int) error {
	for range n {
		s.files++
		sub := filepath.Join(s.backupDir(), "Snapshot", fmt.Sprintf("%02x", s.files%256))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("%040x", s.files)), make([]byte, 200_000), 0o644); err != nil {
			return err
		}
	}
	return s.sim.Log(s.udid, fmt.Sprintf("BackupAgent2[345] <Notice>: Uploaded %d files of %d B in 1.0 s at %d B/s", n, n*200_000, n*200_000))
}
