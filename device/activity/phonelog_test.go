package activity

import (
	"testing"
	"time"
)

// The phone's word beside the folder's. The lines are the shapes the
// research file quotes from libimobiledevice's issues.

func TestTheLogSaysPreparingWhileTheFolderIsQuiet(t *testing.T) {
	c := newClock()
	w := newBackupWriter(t, c)
	tr := watching(w)
	tr.Signals = NewSignals()
	phone := normalPhone()
	w.status(PhaseUploading)
	w.startSnapshot()
	w.upload(3, 1000)
	// 40 minutes with no write: the folder alone says stalled.
	a := every(tr, c, phone, 40*time.Minute, time.Minute, nil)
	want(t, "the folder alone", a, KindBackup, StateStalled, "No progress for 40 minutes")
	// The phone logs that it is scanning: preparing, no action needed.
	tr.Signals.Line(testUDID, "BackupAgent2", "Finished scanning domain CameraRollDomain, size:9.1 GB, files:2310, dirs:17", c.Now())
	a = answer(tr, phone)
	want(t, "the log scans", a, KindBackup, StatePreparing, "preparing files for the backup (no action needed)")
	if a.PhonePhase != LogScanning || !a.LastPhoneLog.Equal(c.Now()) || a.Phase != PhaseUploading {
		t.Fatalf("the log scans: %+v", a)
	}
	// Other processes say nothing about the backup.
	c.Advance(Default.PhoneLogRecent)
	tr.Signals.Line(testUDID, "SpringBoard", "Finished scanning domain", c.Now())
	want(t, "quiet again", answer(tr, phone), KindBackup, StateStalled, "No progress for 42 minutes")
	// Files arrive and the phone counts them: the folder's bytes say more.
	tr.Signals.Line(testUDID, "BackupAgent2", "Uploaded 312 files of 48.2 MB in 2.1 s at 22.9 MB/s", c.Now())
	w.upload(10, 1_000_000)
	a = every(tr, c, phone, Default.BackupPoll, Default.BackupPoll, nil)
	want(t, "uploading", a, KindBackup, StateWorking, "backed up in the last 5 minutes")
	if a.PhonePhase != LogUploading || a.PhoneFiles != 312 {
		t.Fatalf("uploading: %+v", a)
	}
	tr.Signals.Line(testUDID, "BackupAgent2", "Moved 1024 files", c.Now())
	want(t, "moving", answer(tr, phone), KindBackup, StateWorking, "")
	tr.Signals.Line(testUDID, "backupd", "Backup status: <MBStatus: 0x10a0 backupState=new, snapshotState=finished>", c.Now())
	want(t, "finished", answer(tr, phone), KindBackup, StateDone, "The backup finished at")
}

func TestTheLogAloneWithoutAFolder(t *testing.T) {
	c := newClock()
	tr := &Tracker{Signals: NewSignals(), T: Default, Now: c.Now}
	phone := normalPhone()
	say := func(msg string) { tr.Signals.Line(testUDID, "BackupAgent2", msg, c.Now()) }
	// A prompt with no backup running is not the backup's.
	tr.Signals.Prompt(testUDID, true, c.Now())
	want(t, "a prompt alone", answer(tr, phone), KindNone, StateNone, "")
	say("Starting to prepare for preflight")
	want(t, "the prompt during a backup", answer(tr, phone), KindBackup, StatePasscode, "Enter your passcode on the iPhone: the backup is waiting for it. It waits about 3 minutes more.")
	c.Advance(Default.BackupPasscode)
	a := answer(tr, phone)
	want(t, "the phone's wait passed", a, KindBackup, StateInterrupted, "the backup probably gave up")
	if a.Problem != ProblemPasscodeTimeout {
		t.Fatalf("gave up: %+v", a)
	}
	// Progress after the prompt: it was answered after all.
	say("Uploaded 2 files of 1 MB in 1 s at 1 MB/s")
	want(t, "progress after the prompt", answer(tr, phone), KindBackup, StateWorking, "has sent 2 files")
	c.Advance(Default.BackupSlow)
	want(t, "a quiet log", answer(tr, phone), KindBackup, StateSlow, "Slow: nothing new for 5 minutes")
	say("Insufficient free disk space")
	a = answer(tr, phone)
	want(t, "disk full", a, KindBackup, StateStalled, "too little free space")
	if a.Problem != ProblemDiskFull {
		t.Fatalf("disk full: %+v", a)
	}
	c.Advance(Default.BackupAbandoned)
	want(t, "long after", answer(tr, phone), KindNone, StateNone, "")
}

func TestSignalsStayBounded(t *testing.T) {
	s := NewSignals()
	at := newClock().Now()
	for i := range 10 * maxPhones {
		s.Line(string(rune('a'+i%26))+time.Duration(i).String(), "backupd", "Starting backup", at)
	}
	if n := len(s.phones); n > maxPhones {
		t.Fatalf("%d phones remembered", n)
	}
	s.Line(testUDID, "BackupAgent2", "Uploaded 99999999999 files of 1 B", at)
	if l, _ := s.For(testUDID); l.Files != 0 || l.Phase != LogUploading {
		t.Fatalf("an absurd count: %+v", l)
	}
}
