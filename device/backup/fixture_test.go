package backup

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"howett.net/plist"
)

// fixture describes one backup folder written the way Finder and iTunes
// write them: Info.plist as XML, Manifest.plist and Status.plist binary,
// Manifest.db a SQLite database made by Debian's sqlite3 (testdata), and
// two-hex-digit folders of file contents named by SHA-1.
type fixture struct {
	udid, name, product, ios, build, serial string
	date                                    time.Time
	encrypted                               bool
	snapshot                                string // Status.plist SnapshotState; "" leaves the key out
	db                                      []byte // Manifest.db contents; nil means testdata/Manifest.db
	leaveOut                                []string
	blobs                                   int
}

var backupDate = time.Date(2026, 3, 11, 21, 7, 45, 0, time.UTC)

func completeFixture(udid string) fixture {
	return fixture{
		udid: udid, name: "Ana's iPhone", product: "iPhone10,3", ios: "16.7.10", build: "20H350",
		serial: "F2LX1234JCLJ", date: backupDate, snapshot: "finished", blobs: 5,
	}
}

// writeBackup writes f into root/folder and returns the folder and the
// total size of the files written.
func writeBackup(t testing.TB, root, folder string, f fixture) (string, int64) {
	t.Helper()
	dir := filepath.Join(root, folder)
	must(t, os.MkdirAll(dir, 0o755))
	var total int64
	write := func(name string, data []byte) {
		for _, skip := range f.leaveOut {
			if skip == name {
				return
			}
		}
		p := filepath.Join(dir, name)
		must(t, os.MkdirAll(filepath.Dir(p), 0o755))
		must(t, os.WriteFile(p, data, 0o644))
		total += int64(len(data))
	}
	lockdown := map[string]any{
		"DeviceName": f.name, "ProductType": f.product, "ProductVersion": f.ios,
		"BuildVersion": f.build, "SerialNumber": f.serial, "UniqueDeviceID": f.udid,
	}
	write("Info.plist", encodePlist(t, plist.XMLFormat, map[string]any{
		"Build Version": f.build, "Device Name": f.name, "Display Name": f.name,
		"GUID": "4E6F2A1B9C3D4E5F6A7B8C9D0E1F2A3B", "Last Backup Date": f.date,
		"Product Name": "iPhone X", "Product Type": f.product, "Product Version": f.ios,
		"Serial Number": f.serial, "Target Identifier": f.udid, "Target Type": "Device",
		"Unique Identifier": f.udid, "iTunes Version": "12.13.9.1",
	}))
	write("Manifest.plist", encodePlist(t, plist.BinaryFormat, map[string]any{
		"BackupKeyBag": []byte{1, 2, 3, 4}, "Date": f.date, "IsEncrypted": f.encrypted,
		"Lockdown": lockdown, "SystemDomainsVersion": "24.0", "Version": "10.0", "WasPasscodeSet": true,
	}))
	status := map[string]any{
		"BackupState": "new", "Date": f.date, "IsFullBackup": false,
		"UUID": "0B1C2D3E-4F50-6172-8394-A5B6C7D8E9F0", "Version": "3.3",
	}
	if f.snapshot != "" {
		status["SnapshotState"] = f.snapshot
	}
	write("Status.plist", encodePlist(t, plist.BinaryFormat, status))
	db := f.db
	if db == nil {
		db = manifestDB(t)
	}
	write("Manifest.db", db)
	for i := range f.blobs {
		sum := sha1.Sum(fmt.Appendf(nil, "HomeDomain-Library/Notes/note%d.txt", i))
		id := hex.EncodeToString(sum[:])
		write(filepath.Join(id[:2], id), fmt.Appendf(nil, "note number %d\n", i))
	}
	return dir, total
}

func manifestDB(t testing.TB) []byte {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "Manifest.db"))
	must(t, err)
	return raw
}

func encodePlist(t testing.TB, format int, v any) []byte {
	t.Helper()
	raw, err := plist.Marshal(v, format)
	must(t, err)
	return raw
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
