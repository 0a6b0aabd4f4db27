package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"howett.net/plist"

	"unstuck/device/backup"
	"unstuck/device/tr/trtest"
)

// writeTestBackup writes a backup folder the way Finder does, with the
// SQLite Manifest.db made by sqlite3 for the backup package's tests.
func writeTestBackup(t *testing.T, root, udid, name, snapshot string, date time.Time) string {
	t.Helper()
	dir := filepath.Join(root, udid)
	if err := os.MkdirAll(filepath.Join(dir, "3f"), 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string]any{
		"Info.plist": map[string]any{"Device Name": name, "Product Type": "iPhone10,3", "Product Version": "16.7.10",
			"Last Backup Date": date, "Unique Identifier": udid, "Target Identifier": udid},
		"Manifest.plist": map[string]any{"IsEncrypted": false, "Date": date, "Version": "10.0",
			"Lockdown": map[string]any{"UniqueDeviceID": udid, "DeviceName": name}},
		"Status.plist": map[string]any{"SnapshotState": snapshot, "IsFullBackup": false, "Date": date, "Version": "3.3"},
	}
	for file, v := range files {
		raw, err := plist.Marshal(v, plist.BinaryFormat)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, file), raw, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db, err := os.ReadFile(filepath.Join("..", "..", "device", "backup", "testdata", "Manifest.db"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "Manifest.db"), db, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "3f", "3f2a"), []byte("contents"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

const (
	ctlUDIDX = "00008020-001A2B3C4D5E6F7A"
	ctlUDID8 = "00008030-000A1B2C3D4E5F60"
)

func backupFixtures(t *testing.T) (string, string) {
	t.Helper()
	one, two := t.TempDir(), t.TempDir()
	writeTestBackup(t, one, ctlUDIDX, "Ana's iPhone", "finished", time.Now().Add(-75*time.Hour))
	writeTestBackup(t, two, ctlUDID8, "Work phone", "uploading", time.Now().Add(-30*time.Minute))
	return one, two
}

// The human output is in the chosen language: German labels, words, dates.
func TestBackupsTextInGerman(t *testing.T) {
	trtest.Speak(t, "de")
	one, two := backupFixtures(t)
	var out strings.Builder
	if err := cmdBackups(context.Background(), []string{"--dir", one, "--dir", two}, &out); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	for _, want := range []string{"Durchsucht: ", "(vor 3 Tagen)", padLabel("Vollständig") + "vollständig",
		padLabel("Verschlüsselt") + "nein", padLabel("Größe"), padLabel("Ordner")} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "Complete") || strings.Contains(text, "ago") || strings.Contains(text, "looks intact") || strings.Contains(text, "«") {
		t.Errorf("English or a missing message in:\n%s", text)
	}
}

func TestBackupsText(t *testing.T) {
	one, two := backupFixtures(t)
	var out strings.Builder
	if err := cmdBackups(context.Background(), []string{"--dir", one, "--dir", two}, &out); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	for _, want := range []string{
		"Searched: " + one + "; " + two,
		"Ana's iPhone (iPhone10,3, iOS 16.7.10)",
		"(3 days ago)",
		padLabel("Complete") + "complete",
		padLabel("Complete") + `incomplete: the backup did not finish (its state is "uploading", not "finished")`,
		padLabel("Encrypted") + "no",
		padLabel("Size"),
	} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
	// Newest first: the work phone's half-made backup is from 30 minutes ago.
	if strings.Index(text, "Work phone") > strings.Index(text, "Ana's iPhone") {
		t.Errorf("not newest first:\n%s", text)
	}
}

func TestBackupsJSONForOnePhone(t *testing.T) {
	one, two := backupFixtures(t)
	var out strings.Builder
	udid := strings.ToLower(strings.ReplaceAll(ctlUDIDX, "-", "")) // as a USB serial gives it
	if err := cmdBackups(context.Background(), []string{"--json", "--udid", udid, "--dir", one, "--dir", two}, &out); err != nil {
		t.Fatal(err)
	}
	var res backup.Result
	if err := json.Unmarshal([]byte(out.String()), &res); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if len(res.Backups) != 1 || res.Backups[0].UDID != ctlUDIDX || !res.Backups[0].Complete || res.Backups[0].SizeBytes == 0 {
		t.Errorf("backups %+v", res.Backups)
	}

	out.Reset()
	if err := cmdBackups(context.Background(), []string{"--udid", "00008110-0000000000000001", "--dir", one}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "No backup of this iPhone on this computer.") {
		t.Errorf("no-backup output:\n%s", out.String())
	}
}

func TestBackupsUsage(t *testing.T) {
	for _, args := range [][]string{
		{"--udid", "not-a-udid"},
		{"--dir"},
		{"--dir", " "},
		{"extra"},
		{"--colour"},
	} {
		err := cmdBackups(context.Background(), args, &strings.Builder{})
		if _, ok := err.(usageError); !ok {
			t.Errorf("%q: %v, want a usage error", args, err)
		}
	}
	var out strings.Builder
	if err := cmdBackups(context.Background(), []string{"--dir", filepath.Join(t.TempDir(), "none")}, &out); err != nil ||
		!strings.Contains(out.String(), "No iPhone backups found.") {
		t.Errorf("absent folder: %v\n%s", err, out.String())
	}
	out.Reset()
	if err := printBackups(&out, backup.Result{}, "", time.Now()); err != nil || !strings.Contains(out.String(), "name one with --dir") {
		t.Errorf("no standard folder: %v %q", err, out.String())
	}
}
