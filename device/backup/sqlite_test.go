package backup

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// damagedDatabases are Manifest.db variants, each with what checkSQLite
// must say ("" for intact).
func damagedDatabases(t *testing.T) []struct {
	name, want string
	db         []byte
} {
	good := manifestDB(t)
	edit := func(f func(b []byte) []byte) []byte { return f(bytes.Clone(good)) }
	return []struct {
		name, want string
		db         []byte
	}{
		{"intact", "", good},
		{"cut short by pages", "it is cut short (4 of its 10 pages)", good[:4*4096]},
		{"cut mid-page", "not a whole number of", good[:5000]},
		{"only the header", "it is cut short (60 bytes)", good[:60]},
		{"wrong magic", "not a SQLite database", edit(func(b []byte) []byte { b[0] = 'X'; return b })},
		{"odd page size", "page size 3000", edit(func(b []byte) []byte { binary.BigEndian.PutUint16(b[16:], 3000); return b })},
		{"bad payload fractions", "payload fractions", edit(func(b []byte) []byte { b[21] = 99; return b })},
		{"zeroed first page", "its first page is damaged", edit(func(b []byte) []byte { clear(b[100:4096]); return b })},
		{"empty", "it is empty", nil},
	}
}

func TestCheckSQLite(t *testing.T) {
	for _, tc := range damagedDatabases(t) {
		t.Run(tc.name, func(t *testing.T) {
			err := checkSQLite(bytes.NewReader(tc.db), int64(len(tc.db)))
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("intact database: %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("got %v, want %q", err, tc.want)
			}
		})
	}
	if err := checkSQLite(bytes.NewReader([]byte("SQLite format 3\x00")), 16); err == nil || errors.Is(err, errNotSQLite) {
		t.Errorf("a bare magic string: %v, want cut short", err)
	}
}

// TestCheckSQLiteAgreesWithSQLite compares the verdicts with Debian's
// sqlite3 reading the same files: where sqlite3 reads the database and
// its integrity check passes, the header check must pass, and the other
// way round.
func TestCheckSQLiteAgreesWithSQLite(t *testing.T) {
	bin, err := exec.LookPath("sqlite3")
	if err != nil {
		t.Skip("sqlite3 is not installed (apt-get install sqlite3)")
	}
	dir := t.TempDir()
	for _, tc := range damagedDatabases(t) {
		path := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-")+".db")
		must(t, os.WriteFile(path, tc.db, 0o444))
		out, runErr := exec.Command(bin, "-readonly", path, "PRAGMA integrity_check; SELECT count(*) FROM Files;").CombinedOutput()
		sqliteOK := runErr == nil && strings.HasPrefix(string(out), "ok\n40\n")
		ourOK := checkSQLite(bytes.NewReader(tc.db), int64(len(tc.db))) == nil
		if tc.name == "empty" {
			continue // sqlite3 treats an empty file as a new, empty database
		}
		if sqliteOK != ourOK {
			t.Errorf("%s: sqlite3 reads it: %v (%q), header check passes: %v", tc.name, sqliteOK, out, ourOK)
		}
	}
}

// TestFreshDatabase checks a database made now by sqlite3, larger than the
// committed one, in WAL mode as well.
func TestFreshDatabase(t *testing.T) {
	bin, err := exec.LookPath("sqlite3")
	if err != nil {
		t.Skip("sqlite3 is not installed (apt-get install sqlite3)")
	}
	for _, mode := range []string{"delete", "wal"} {
		path := filepath.Join(t.TempDir(), "Manifest.db")
		script := "PRAGMA page_size=8192; PRAGMA journal_mode=" + mode + ";" +
			"CREATE TABLE Files (fileID TEXT PRIMARY KEY, domain TEXT, relativePath TEXT, flags INTEGER, file BLOB);" +
			"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 3000) " +
			"INSERT INTO Files SELECT hex(randomblob(20)), 'HomeDomain', 'Library/f' || i, 1, randomblob(100) FROM n;"
		if out, err := exec.Command(bin, path, script).CombinedOutput(); err != nil {
			t.Fatalf("sqlite3: %v\n%s", err, out)
		}
		raw, err := os.ReadFile(path)
		must(t, err)
		if err := checkSQLite(bytes.NewReader(raw), int64(len(raw))); err != nil {
			t.Errorf("%s mode, %d bytes: %v", mode, len(raw), err)
		}
		cut := raw[:len(raw)/2/8192*8192]
		if err := checkSQLite(bytes.NewReader(cut), int64(len(cut))); err == nil {
			t.Errorf("%s mode: half the file passes", mode)
		}
	}
}

func FuzzCheckSQLite(f *testing.F) {
	good, err := os.ReadFile(filepath.Join("testdata", "Manifest.db"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good[:4096])
	f.Add(good[:100])
	f.Add([]byte("SQLite format 3\x00\x10\x00\x01\x01"))
	f.Fuzz(func(t *testing.T, db []byte) {
		err := checkSQLite(bytes.NewReader(db), int64(len(db)))
		if err == nil && (len(db) < 512 || !bytes.HasPrefix(db, []byte(sqliteMagic))) {
			t.Errorf("%d bytes without a valid header pass", len(db))
		}
	})
}
