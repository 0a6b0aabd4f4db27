package backup

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"unstuck/device/tr"
)

const (
	udidX  = "00008020-001A2B3C4D5E6F7A"
	udid6s = "3f2a9c0d4e5b6a7c8d9e0f1a2b3c4d5e6f708192"
)

func TestCompleteBackup(t *testing.T) {
	root := t.TempDir()
	dir, size := writeBackup(t, root, udidX, completeFixture(udidX))
	res := Scan(context.Background(), []string{root})
	if len(res.Problems) != 0 || len(res.Backups) != 1 {
		t.Fatalf("problems %v, %d backups", res.Problems, len(res.Backups))
	}
	b := res.Backups[0]
	want := Backup{
		Dir: dir, UDID: udidX, DeviceName: "Ana's iPhone", ProductType: "iPhone10,3", IOSVersion: "16.7.10",
		IOSBuild: "20H350", SerialNumber: "F2LX1234JCLJ", Date: backupDate, SizeBytes: size,
		FullBackup: b.FullBackup, Complete: true, Database: dbIntact,
	}
	if b.FullBackup == nil || *b.FullBackup {
		t.Errorf("full backup %v, want false as Status.plist says", b.FullBackup)
	}
	if !equalBackup(b, want) {
		t.Errorf("got  %+v\nwant %+v", b, want)
	}
	if !slices.Equal(res.Searched, []string{root}) {
		t.Errorf("searched %v", res.Searched)
	}
}

func equalBackup(a, b Backup) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}

func TestIncompleteBackups(t *testing.T) {
	truncated := manifestDB(t)[:3*4096]
	notDB := []byte(strings.Repeat("this is not a database at all\n", 100))
	for _, tc := range []struct {
		name    string
		change  func(*fixture)
		missing string  // a phrase Missing must hold
		db      tr.Text // Database, when it matters
	}{
		{"unfinished", func(f *fixture) { f.snapshot = "uploading" }, `did not finish (its state is "uploading"`, dbIntact},
		{"no snapshot state", func(f *fixture) { f.snapshot = "" }, "Status.plist does not say the backup finished", tr.Text{}},
		{"no Info.plist", func(f *fixture) { f.leaveOut = []string{"Info.plist"} }, "Info.plist is missing", tr.Text{}},
		{"no Manifest.plist", func(f *fixture) { f.leaveOut = []string{"Manifest.plist"} }, "Manifest.plist is missing", tr.Text{}},
		{"no Status.plist", func(f *fixture) { f.leaveOut = []string{"Status.plist"} }, "Status.plist is missing", tr.Text{}},
		{"no Manifest.db", func(f *fixture) { f.leaveOut = []string{"Manifest.db"} }, "Manifest.db is missing", dbMissing},
		{"cut short", func(f *fixture) { f.db = truncated }, "Manifest.db is damaged: it is cut short (3 of its 10 pages)", dbDamaged},
		{"not a database", func(f *fixture) { f.db = notDB }, "Manifest.db is damaged (it is not a database, and the backup is not encrypted)", dbDamaged},
		{"empty database", func(f *fixture) { f.db = []byte{} }, "Manifest.db is damaged: it is empty", dbDamaged},
		{"unreadable Manifest.plist and odd database", func(f *fixture) {
			f.db = notDB
			f.leaveOut = []string{"Manifest.plist"}
		}, "it may be encrypted", dbNotCheckedWords},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			f := completeFixture(udidX)
			tc.change(&f)
			writeBackup(t, root, udidX, f)
			b := only(t, Scan(context.Background(), []string{root}))
			if b.Complete || !strings.Contains(strings.Join(tr.Strings(b.Missing), "\n"), tc.missing) {
				t.Errorf("complete %v, missing %q; want it to hold %q", b.Complete, b.Missing, tc.missing)
			}
			if !tc.db.IsZero() && b.Database != tc.db {
				t.Errorf("database %q, want %q", b.Database, tc.db)
			}
			if b.UDID != udidX {
				t.Errorf("udid %q", b.UDID)
			}
		})
	}
}

func TestDamagedInfoPlist(t *testing.T) {
	root := t.TempDir()
	dir, _ := writeBackup(t, root, udidX, completeFixture(udidX))
	must(t, os.WriteFile(filepath.Join(dir, "Info.plist"), []byte("<?xml version=\"1.0\"?><plist><dict><key>Dev"), 0o644))
	b := only(t, Scan(context.Background(), []string{root}))
	if b.Complete || !slices.Contains(tr.Strings(b.Missing), "Info.plist is damaged: not a valid property list") {
		t.Errorf("missing %q", b.Missing)
	}
	// Manifest.plist still names the phone.
	if b.DeviceName != "Ana's iPhone" || b.ProductType != "iPhone10,3" || b.IOSVersion != "16.7.10" || b.UDID != udidX {
		t.Errorf("from Manifest.plist: %+v", b)
	}
}

func TestEncryptedBackup(t *testing.T) {
	root := t.TempDir()
	f := completeFixture(udidX)
	f.encrypted = true
	f.db = make([]byte, 40960)
	for i := range f.db {
		f.db[i] = byte(i*7919>>3) ^ 0x5a // stands in for AES output: no SQLite magic
	}
	writeBackup(t, root, udidX, f)
	b := only(t, Scan(context.Background(), []string{root}))
	if !b.Encrypted || !b.Complete || b.Database != dbEncrypted {
		t.Errorf("encrypted %v, complete %v, database %q, missing %q", b.Encrypted, b.Complete, b.Database, b.Missing)
	}
	// An encrypted backup from iOS 10.0 or 10.1 has a plain Manifest.db: checked as usual.
	f.db = manifestDB(t)[:4096*4]
	writeBackup(t, root, udidX, f)
	b = only(t, Scan(context.Background(), []string{root}))
	if b.Complete || b.Database != dbDamaged {
		t.Errorf("an encrypted backup with a cut-short plain database: complete %v, database %q", b.Complete, b.Database)
	}
}

func TestOldFormatBackup(t *testing.T) {
	root := t.TempDir()
	f := completeFixture(udid6s)
	f.ios = "9.3.5"
	f.leaveOut = []string{"Manifest.db"}
	dir, _ := writeBackup(t, root, udid6s, f)
	must(t, os.WriteFile(filepath.Join(dir, "Manifest.mbdb"), []byte("mbdb\x05\x00\x00\x0aHomeDomain"), 0o644))
	b := only(t, Scan(context.Background(), []string{root}))
	if !b.Complete || b.Database != dbOldIntact {
		t.Errorf("complete %v, database %q, missing %q", b.Complete, b.Database, b.Missing)
	}
}

func only(t *testing.T, res Result) Backup {
	t.Helper()
	if len(res.Backups) != 1 || len(res.Problems) != 0 {
		t.Fatalf("want one backup and no problems, got %d backups, problems %v", len(res.Backups), res.Problems)
	}
	return res.Backups[0]
}

func TestMatchingAndOrder(t *testing.T) {
	root, other := t.TempDir(), t.TempDir()
	old := completeFixture(udidX)
	old.date = backupDate.Add(-30 * 24 * time.Hour)
	writeBackup(t, root, udidX+"-20260209-210745", old)
	writeBackup(t, other, udidX, completeFixture(udidX))
	six := completeFixture(udid6s)
	six.date = backupDate.Add(time.Hour)
	writeBackup(t, root, udid6s, six)
	must(t, os.MkdirAll(filepath.Join(root, "not a backup"), 0o755))
	must(t, os.WriteFile(filepath.Join(root, ".DS_Store"), []byte{0, 0, 0, 1}, 0o644))

	res := Scan(context.Background(), []string{root, other, root, "", filepath.Join(root, "absent")})
	if len(res.Backups) != 3 || len(res.Problems) != 0 || len(res.Searched) != 3 {
		t.Fatalf("%d backups, problems %v, searched %v", len(res.Backups), res.Problems, res.Searched)
	}
	// Matched without regard to case or the dash (a USB serial has none).
	mine := res.ForUDID(strings.ToLower(strings.ReplaceAll(udidX, "-", "")))
	if len(mine) != 2 || mine[0].Archived || !mine[1].Archived || !mine[0].Date.After(mine[1].Date) {
		t.Fatalf("backups of the X: %+v", mine)
	}
	if mine[0].Dir != filepath.Join(other, udidX) {
		t.Errorf("newest is %s", mine[0].Dir)
	}
	if newest, ok := res.Newest(udidX); !ok || newest.Dir != mine[0].Dir {
		t.Errorf("Newest: %v %v", newest.Dir, ok)
	}
	if _, ok := res.Newest("00008030-0000000000000001"); ok {
		t.Error("a phone with no backup has a newest one")
	}
	if got := res.ForUDID(""); got != nil {
		t.Errorf("the empty UDID matches %d backups", len(got))
	}
}

func TestRootProblems(t *testing.T) {
	file := filepath.Join(t.TempDir(), "Backup")
	must(t, os.WriteFile(file, []byte("x"), 0o644))
	res := Scan(context.Background(), []string{file})
	if len(res.Problems) != 1 || !strings.Contains(res.Problems[0].Message.In("en"), "it is a file, not a folder") {
		t.Errorf("problems %v", res.Problems)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	root := t.TempDir()
	writeBackup(t, root, udidX, completeFixture(udidX))
	res = Scan(ctx, []string{root})
	if len(res.Backups) != 0 || len(res.Problems) != 1 || !strings.Contains(res.Problems[0].Message.In("en"), "stopped") {
		t.Errorf("after cancel: %d backups, problems %v", len(res.Backups), res.Problems)
	}
}

func TestLinksAreNotFollowedInsideABackup(t *testing.T) {
	root, outside := t.TempDir(), t.TempDir()
	dir, size := writeBackup(t, root, udidX, completeFixture(udidX))
	must(t, os.WriteFile(filepath.Join(outside, "big"), make([]byte, 1<<20), 0o644))
	must(t, os.MkdirAll(filepath.Join(dir, "ab"), 0o755))
	must(t, os.Symlink(filepath.Join(outside, "big"), filepath.Join(dir, "ab", "linked")))
	must(t, os.Symlink(outside, filepath.Join(dir, "cd")))
	b := only(t, Scan(context.Background(), []string{root}))
	if b.SizeBytes != size || b.SizeAtLeast {
		t.Errorf("size %d (at least %v), want %d: links were followed", b.SizeBytes, b.SizeAtLeast, size)
	}

	// Info.plist as a link to a file outside is refused, not read.
	must(t, os.Rename(filepath.Join(dir, "Info.plist"), filepath.Join(outside, "Info.plist")))
	must(t, os.Symlink(filepath.Join(outside, "Info.plist"), filepath.Join(dir, "Info.plist")))
	b = only(t, Scan(context.Background(), []string{root}))
	if b.Complete || !strings.Contains(strings.Join(tr.Strings(b.Missing), " "), "Info.plist cannot be read (not a regular file: it is a symbolic link)") {
		t.Errorf("missing %q", b.Missing)
	}

	// A whole backup folder linked from another disk is followed.
	moved := t.TempDir()
	_, movedSize := writeBackup(t, moved, udid6s, completeFixture(udid6s))
	must(t, os.Symlink(filepath.Join(moved, udid6s), filepath.Join(root, udid6s)))
	res := Scan(context.Background(), []string{root})
	six, ok := res.Newest(udid6s)
	if !ok || !six.Complete || six.SizeBytes != movedSize {
		t.Errorf("linked backup: found %v, %+v, want size %d", ok, six, movedSize)
	}
}

func TestSizeLimits(t *testing.T) {
	root := t.TempDir()
	_, size := writeBackup(t, root, udidX, completeFixture(udidX))
	for _, opt := range []Options{{SizeFiles: 3}, {SizeTime: time.Nanosecond}} {
		b := only(t, ScanWith(context.Background(), []string{root}, opt))
		if !b.SizeAtLeast || b.SizeBytes >= size {
			t.Errorf("%+v: size %d, at least %v; want a lower bound under %d", opt, b.SizeBytes, b.SizeAtLeast, size)
		}
		if !b.Complete {
			t.Errorf("%+v: a size limit made the backup incomplete: %q", opt, b.Missing)
		}
	}
}

func TestJSON(t *testing.T) {
	root := t.TempDir()
	f := completeFixture(udidX)
	f.snapshot = "new"
	writeBackup(t, root, udidX, f)
	raw, err := json.Marshal(Scan(context.Background(), []string{root}))
	must(t, err)
	var back struct {
		Searched []string         `json:"searched"`
		Backups  []map[string]any `json:"backups"`
	}
	must(t, json.Unmarshal(raw, &back))
	b := back.Backups[0]
	for key, want := range map[string]any{
		"udid": udidX, "device_name": "Ana's iPhone", "product_type": "iPhone10,3", "ios_version": "16.7.10",
		"date": "2026-03-11T21:07:45Z", "encrypted": false, "complete": false, "manifest_db": dbIntact.In("en"),
	} {
		if b[key] != want {
			t.Errorf("%s = %v, want %v", key, b[key], want)
		}
	}
	if _, ok := b["size_bytes"].(float64); !ok {
		t.Errorf("size_bytes %v", b["size_bytes"])
	}
	if m, _ := b["missing"].([]any); len(m) != 1 {
		t.Errorf("missing %v", b["missing"])
	}
}
