package backup

import (
	"bytes"
	"context"
	"crypto/rand"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"howett.net/plist"

	"unstuck/device/safeplist/plisttest"
	"unstuck/device/tr"
)

// TestDeepInfoPlist: a 21 MB Info.plist of 1.4 million nested arrays is
// reported damaged; the scan does not crash and reads the other files.
func TestDeepInfoPlist(t *testing.T) {
	root := t.TempDir()
	dir, _ := writeBackup(t, root, udidX, completeFixture(udidX))
	deep := plisttest.DeepArrays(1_400_000)
	if len(deep) < 21_000_000 {
		t.Fatalf("the hostile Info.plist is only %d bytes", len(deep))
	}
	must(t, os.WriteFile(filepath.Join(dir, "Info.plist"), deep, 0o644))
	b := only(t, Scan(context.Background(), []string{root}))
	missing := strings.Join(tr.Strings(b.Missing), "\n")
	if b.Complete || !strings.Contains(missing, "Info.plist is damaged") {
		t.Errorf("complete %v, missing %q; want Info.plist damaged", b.Complete, b.Missing)
	}
	if b.ProductType != "iPhone10,3" || b.UDID != udidX {
		t.Errorf("what Manifest.plist says was lost: %+v", b)
	}
}

// bigInfoPlist is an Info.plist shaped like a real one of a phone with
// apps: per app a dictionary of iTunesMetadata and a PNG icon as <data>
// (random, so incompressible), about size bytes in all.
func bigInfoPlist(t testing.TB, size int) []byte {
	apps := map[string]any{}
	icon := make([]byte, 48<<10)
	for i := 0; i*(len(icon)*4/3+1024) < size; i++ {
		_, _ = rand.Read(icon)
		id := fmt.Sprintf("com.example.app%04d", i)
		apps[id] = map[string]any{
			"ApplicationSINF": icon[:1024], "iTunesMetadata": icon[1024:4096],
			"PlaceholderIcon": bytes.Clone(icon),
		}
	}
	raw, err := plist.MarshalIndent(map[string]any{
		"Applications": apps, "Build Version": "20H350", "Device Name": "Ana's iPhone",
		"Product Type": "iPhone10,3", "Product Version": "16.7.10", "Unique Identifier": udidX,
		"Installed Applications": []string{"com.example.app0000", "com.example.app0001"},
	}, plist.XMLFormat, "\t")
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// TestBigRealInfoPlist: a 21 MB Info.plist full of app icons still reads,
// and decoding it costs a small multiple of its size.
func TestBigRealInfoPlist(t *testing.T) {
	root := t.TempDir()
	dir, _ := writeBackup(t, root, udidX, completeFixture(udidX))
	big := bigInfoPlist(t, 21<<20)
	must(t, os.WriteFile(filepath.Join(dir, "Info.plist"), big, 0o644))
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	info, err := readPlist(dir, "Info.plist")
	runtime.ReadMemStats(&after)
	if err != nil || info["Product Type"] != "iPhone10,3" {
		t.Fatalf("big Info.plist (%d bytes): %v", len(big), err)
	}
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("Info.plist of %d bytes: %d bytes allocated to decode (%.1fx)", len(big), alloc, float64(alloc)/float64(len(big)))
	if alloc > 20*uint64(len(big)) {
		t.Errorf("decoding %d bytes allocated %d", len(big), alloc)
	}
}
