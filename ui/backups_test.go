package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"unstuck/device/backup"
	"unstuck/device/tr"
)

const (
	backupUDIDX    = "00008020-001A2B3C4D5E6F7A"
	backupUDIDWork = "00008030-000A1B2C3D4E5F60"
)

func newBackupList(t *testing.T) *BackupList {
	t.Helper()
	test.NewTempApp(t)
	l := NewBackupList()
	l.Now = func() time.Time { return now }
	w := test.NewTempWindow(t, l.Content())
	w.Resize(WindowSize)
	return l
}

func foundBackups() backup.Result {
	return backup.Result{
		Searched: []string{"/Users/ana/Library/Application Support/MobileSync/Backup"},
		Backups: []backup.Backup{
			{UDID: backupUDIDWork, DeviceName: "Work phone", ProductType: "iPhone12,1", Date: now.Add(-2 * time.Hour),
				SizeBytes: 1_200_000_000, Missing: []tr.Text{tr.Raw("Manifest.db is missing")}},
			{UDID: backupUDIDX, DeviceName: "Ana's iPhone", ProductType: "iPhone10,3", Date: now.Add(-3*24*time.Hour - time.Hour),
				SizeBytes: 14_200_000_000, Complete: true, Database: tr.Raw("looks intact")},
			{UDID: backupUDIDX, Archived: true, Date: now.Add(-40 * 24 * time.Hour), SizeBytes: 9_000_000_000, Complete: true},
		},
	}
}

func TestBackupListAttachedPhoneFirst(t *testing.T) {
	l := newBackupList(t)
	// usbmuxd's form of the UDID, or the USB serial's (no dash, any case): the same phone.
	for _, udid := range []string{backupUDIDX, strings.ToLower(strings.ReplaceAll(backupUDIDX, "-", ""))} {
		l.Apply(foundBackups(), []string{"", udid})
		if l.Headline.Text != "Newest backup of this iPhone: 3 days ago" {
			t.Errorf("%s: headline %q", udid, l.Headline.Text)
		}
		for _, want := range []string{"14.2 GB", "not encrypted", "Complete: every part of it is there.",
			"There is 1 older backup of this iPhone too."} {
			if !strings.Contains(l.Detail.Text, want) || !l.Detail.Visible() {
				t.Errorf("detail %q lacks %q", l.Detail.Text, want)
			}
		}
		if !l.Good || l.Colour != colourNormal {
			t.Errorf("good %v, colour %v", l.Good, l.Colour)
		}
		if l.Others.Text != "Work phone (iPhone12,1): 2 hours ago, 1.2 GB, not complete" || !l.Others.Visible() {
			t.Errorf("others %q", l.Others.Text)
		}
	}
}

func TestBackupListIncompleteAndEncrypted(t *testing.T) {
	l := newBackupList(t)
	found := foundBackups()
	l.Apply(found, []string{backupUDIDWork})
	if l.Good || l.Colour != colourRecovery || !strings.Contains(l.Detail.Text, "Not complete: Manifest.db is missing.") {
		t.Errorf("good %v, detail %q", l.Good, l.Detail.Text)
	}
	if strings.Count(l.Others.Text, "\n") != 1 {
		t.Errorf("others should hold the two backups of the X: %q", l.Others.Text)
	}
	found.Backups[0] = backup.Backup{UDID: backupUDIDWork, Date: now.Add(-30 * time.Minute), SizeBytes: 5_000_000,
		SizeAtLeast: true, Encrypted: true, Complete: true}
	l.Apply(found, []string{backupUDIDWork})
	if !strings.Contains(l.Detail.Text, "at least 5.0 MB · encrypted (it needs its password to restore)") ||
		l.Headline.Text != "Newest backup of this iPhone: less than an hour ago" {
		t.Errorf("headline %q, detail %q", l.Headline.Text, l.Detail.Text)
	}
}

func TestBackupListNoBackup(t *testing.T) {
	l := newBackupList(t)
	l.Apply(foundBackups(), []string{"00008110-0000000000000001"})
	if l.Headline.Text != "No backup of this iPhone on this computer" || l.Good || l.Colour != colourRecovery {
		t.Errorf("headline %q, good %v", l.Headline.Text, l.Good)
	}
	if !strings.Contains(l.Detail.Text, "erases") || strings.Count(l.Others.Text, "\n") != 2 {
		t.Errorf("detail %q, others %q", l.Detail.Text, l.Others.Text)
	}

	l.Apply(backup.Result{Searched: []string{"/x"}, Problems: []backup.Problem{{Dir: "/x", Message: tr.Raw("Could not look in /x (permission denied).")}}}, []string{backupUDIDX})
	if l.Headline.Text != "No backup of this iPhone on this computer" || l.Others.Visible() || l.othersHead.Visible() {
		t.Errorf("headline %q, others shown %v", l.Headline.Text, l.Others.Visible())
	}
	if !l.Problems.Visible() || l.Problems.Text != "Could not look in /x (permission denied)." {
		t.Errorf("problems %q", l.Problems.Text)
	}
}

func TestBackupListNoPhone(t *testing.T) {
	l := newBackupList(t)
	if !strings.Contains(l.Headline.Text, "Looking for backups") || l.Detail.Visible() || l.Others.Visible() || l.Problems.Visible() {
		t.Errorf("before the scan: headline %q", l.Headline.Text)
	}
	l.Apply(backup.Result{Searched: []string{"/x"}}, nil)
	if !strings.Contains(l.Headline.Text, "Connect the iPhone") {
		t.Errorf("no phone, nothing found: headline %q", l.Headline.Text)
	}
	l.Apply(foundBackups(), nil)
	if l.othersHead.Text != "Backups on this computer" || strings.Count(l.Others.Text, "\n") != 2 || l.Colour != colourGrey {
		t.Errorf("no phone: %q / %q", l.othersHead.Text, l.Others.Text)
	}
	if !strings.Contains(l.Others.Text, "Unnamed iPhone: 5 weeks ago, 9.0 GB, complete") {
		t.Errorf("archived copy line: %q", l.Others.Text)
	}
}

// Where no Apple software keeps backups (Linux), the list says so rather
// than "no backup of this iPhone".
func TestBackupListWithoutABackupFolder(t *testing.T) {
	l := newBackupList(t)
	l.Apply(backup.Result{Searched: []string{}, Backups: []backup.Backup{}}, []string{backupUDIDX})
	if l.Headline.Text != "This computer has no iPhone backup folder" || l.Colour != colourGrey || !strings.Contains(l.Detail.Text, "iCloud") {
		t.Errorf("headline %q, detail %q", l.Headline.Text, l.Detail.Text)
	}
}
