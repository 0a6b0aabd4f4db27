package backup

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"unstuck/device/safeplist/plisttest"
	"unstuck/device/tr"
)

// FuzzBackupFolder writes arbitrary bytes as Info.plist, Manifest.plist or
// Status.plist (which picks) of an otherwise complete backup folder and
// runs the real reader on the folder. The file is in Expand's shape so
// that documents of tens of megabytes, deep or real-shaped, are reached.
// The reader must not crash or hang; a file it cannot read is in Missing,
// and the backup is complete exactly when nothing is missing.
func FuzzBackupFolder(f *testing.F) {
	root := f.TempDir()
	dir, _ := writeBackup(f, root, udidX, completeFixture(udidX))
	names := []string{"Info.plist", "Manifest.plist", "Status.plist"}
	originals := map[string][]byte{}
	for i, name := range names {
		raw, err := os.ReadFile(filepath.Join(dir, name))
		must(f, err)
		originals[name] = raw
		f.Add(uint8(i), raw, []byte(nil), uint32(0), []byte(nil))
		f.Add(uint8(i), raw[:len(raw)/2], []byte(nil), uint32(0), []byte(nil))
	}
	p, u, n, s := plisttest.DeepSeed()
	f.Add(uint8(0), p, u, n, s)
	// About 6 MB shaped like a real Info.plist: apps with their icons.
	icon := base64.StdEncoding.EncodeToString(make([]byte, 30<<10))
	f.Add(uint8(0), []byte(plisttest.XMLHeader+`<dict><key>Product Type</key><string>iPhone10,3</string><key>Applications</key><dict>`),
		[]byte("<key>com.example.app</key><dict><key>PlaceholderIcon</key><data>"+icon+"</data></dict>"), uint32(150),
		[]byte("</dict></dict></plist>"))
	f.Fuzz(func(t *testing.T, which uint8, prefix, unit []byte, repeat uint32, suffix []byte) {
		name := names[int(which)%len(names)]
		data := plisttest.Expand(prefix, unit, repeat, suffix)
		defer plisttest.Watchdog(plisttest.HangLimit, data)()
		path := filepath.Join(dir, name)
		must(t, os.WriteFile(path, data, 0o644))
		defer func() { must(t, os.WriteFile(path, originals[name], 0o644)) }()

		b := readBackup(dir)
		_, err := readPlist(dir, name)
		missing := slices.ContainsFunc(tr.Strings(b.Missing), func(m string) bool { return strings.HasPrefix(m, name+" ") })
		switch {
		case b.Complete != (len(b.Missing) == 0):
			t.Fatalf("complete %v with missing %q", b.Complete, b.Missing)
		case err != nil && !missing:
			t.Fatalf("%s unreadable (%v) but not in missing %q", name, err, b.Missing)
		case err == nil && missing && name != "Status.plist":
			t.Fatalf("%s read but missing %q", name, b.Missing)
		case b.UDID == "" || b.Database.IsZero():
			t.Fatalf("udid %q, database %q", b.UDID, b.Database)
		}
	})
}
