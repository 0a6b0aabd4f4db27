package hostcheck

import (
	"context"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"unstuck/assets"
	"unstuck/device/safeplist"
	"unstuck/device/safeplist/plisttest"
)

// maxFuzzInput caps what fuzzInput builds: past any real host file, and
// small enough that the fuzzer's minimizing of a large input stays quick.
const maxFuzzInput = 8 << 20

// fuzzInput is plisttest.Expand within maxFuzzInput.
func fuzzInput(prefix, unit []byte, repeat uint16, suffix []byte) []byte {
	if len(unit) > 0 {
		repeat = min(repeat, uint16(min(maxFuzzInput/len(unit), 1<<16-1)))
	}
	return plisttest.Expand(prefix, unit, uint32(repeat), suffix)
}

// testdataFS is every file of a testdata tree, for fstest.MapFS.
func testdataFS(f *testing.F, dirs ...string) fstest.MapFS {
	out := fstest.MapFS{}
	for _, dir := range dirs {
		root := filepath.Join("testdata", dir)
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			raw, err := os.ReadFile(path)
			rel, _ := filepath.Rel(root, path)
			out[filepath.ToSlash(rel)] = &fstest.MapFile{Data: raw}
			return err
		})
		if err != nil {
			f.Fatal(err)
		}
	}
	return out
}

// checkChecks: every check has its ID and a status, and none stopped on a
// panic (safe turns one into an unknown that says so).
func checkChecks(t *testing.T, checks []Check) {
	t.Helper()
	for _, c := range checks {
		if c.ID == "" || !slices.Contains([]Status{OK, Warn, Fail, Unknown}, c.Status) || strings.Contains(c.Found.String(), "internal error") {
			t.Fatalf("check %+v", c)
		}
	}
}

// FuzzPlistStrings writes arbitrary bytes, in Expand's shape, as one of the
// property lists a Mac check reads (which picks it) in a Mac's files, reads
// it with readPlistStrings and runs the Mac checks over the files. A file
// over the size limit is refused without being decoded; an accepted one
// gives exactly the top-level strings of the document; no check stops on
// an internal error, whatever the versions in it say.
func FuzzPlistStrings(f *testing.F) {
	base := testdataFS(f, "mac-sequoia", "mac-mojave")
	paths := []string{systemVersionPlist, iTunesInfoPlist, mobileDeviceCurrent, mobileDeviceOlder}
	for i, p := range paths {
		raw := base[p].Data
		f.Add(uint8(i), raw, []byte(nil), uint16(0), []byte(nil))
		f.Add(uint8(i), raw[:len(raw)/2], []byte(nil), uint16(0), []byte(nil))
	}
	version := func(v string) []byte {
		return []byte(plisttest.XMLHeader + "<dict><key>ProductVersion</key><string>" + v + "</string></dict></plist>")
	}
	for _, v := range []string{"10.14.6", "10.15", "26.0", "+14.4", "15.-0", "99999999999999999999", "", "15..2", " 13.6.1 "} {
		f.Add(uint8(0), version(v), []byte(nil), uint16(0), []byte(nil))
	}
	bin := plisttest.Binary(plisttest.BinaryString("x"))
	f.Add(uint8(0), bin, []byte(nil), uint16(0), []byte(nil))
	// Just under the limit (accepted), and 4 MB (refused before decoding).
	pad := "<key>K</key><string>" + strings.Repeat("v", 100) + "</string>"
	f.Add(uint8(1), []byte(plisttest.XMLHeader+"<dict><key>CFBundleVersion</key><string>12.9.5</string>"), []byte(pad), uint16(8000), []byte("</dict></plist>"))
	f.Add(uint8(0), []byte(plisttest.XMLHeader+"<dict>"), []byte(pad), uint16(32_000), []byte("</dict></plist>"))
	p, u, n, s := plisttest.DeepSeed()
	f.Add(uint8(2), p, append(u, u...), uint16(n/2), s) // 7 MB nested a million deep
	in := phoneState(runningPhone("18.2", 480))
	f.Fuzz(func(t *testing.T, which uint8, prefix, unit []byte, repeat uint16, suffix []byte) {
		data := fuzzInput(prefix, unit, repeat, suffix)
		defer plisttest.Watchdog(plisttest.HangLimit, data)()
		path := paths[int(which)%len(paths)]
		fsys := maps.Clone(base)
		fsys[path] = &fstest.MapFile{Data: data}
		got, err := readPlistStrings(fsys, path)
		if len(data) > plistLimits.MaxBytes && err == nil {
			t.Fatalf("a %d-byte file accepted, past the limit of %d", len(data), plistLimits.MaxBytes)
		}
		if err == nil {
			var m map[string]any
			if err := safeplist.Decode(data, &m, plistLimits); err != nil {
				t.Fatalf("accepted, but it does not decode: %v", err)
			}
			for k, v := range m {
				s, isString := v.(string)
				if read, ok := got[k]; ok != isString || read != s {
					t.Fatalf("key %q: %#v in the document, %q read", k, v, read)
				}
			}
			for k := range got {
				if _, ok := m[k]; !ok {
					t.Fatalf("key %q read but not in the document", k)
				}
			}
		}
		checkChecks(t, checkDarwin(context.Background(), DarwinProbes{Root: fsys}, in))
	})
}

// fuzzEndLine is appended to every os-release the fuzzer writes: a reader
// that reads every line finds it.
const fuzzEndLine = "\nUNSTUCK_FUZZ_END=\"yes\"\n"

// FuzzOSRelease writes arbitrary text, in Expand's shape, as /etc/os-release
// (with a last line of its own) and reads it. Every line is read, however
// long the lines before it; keys and values are single lines, comment lines
// give no key, and values lose their quotes. The Linux checks that use it
// do not stop on an internal error.
func FuzzOSRelease(f *testing.F) {
	for _, dir := range []string{"linux-debian12", "linux-fedora"} {
		raw, err := os.ReadFile(filepath.Join("testdata", dir, "etc", "os-release"))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw, []byte(nil), uint16(0), []byte(nil))
	}
	// 2.5 MB of real-shaped lines. Large inputs keep their parts short: the
	// fuzzer minimizes an interesting input by running it again for each
	// byte it tries to remove.
	f.Add([]byte("ID=debian\n"), []byte("VERSION_ID=\"12\"\n# comment=x\nNAME='Debian'\n"), uint16(60_000), []byte(nil))
	f.Add([]byte("# a comment=yes\n"), []byte("A=b\r\n"), uint16(3), []byte("ID='debian'\nKEY"))
	f.Add([]byte("NAME=\""), []byte("xxxxxxxx"), uint16(9000), []byte("\"\n")) // a line past 64 KiB
	f.Add([]byte("=\n==\n\"\"=\"\"\n"), []byte(nil), uint16(0), []byte(nil))
	in := phoneState()
	f.Fuzz(func(t *testing.T, prefix, unit []byte, repeat uint16, suffix []byte) {
		data := append(fuzzInput(prefix, unit, repeat, suffix), fuzzEndLine...)
		defer plisttest.Watchdog(plisttest.HangLimit, data)()
		fsys := fstest.MapFS{"etc/os-release": {Data: data}}
		release := readOSRelease(fsys)
		if release["UNSTUCK_FUZZ_END"] != "yes" {
			t.Fatalf("the last line was not read (%d keys)", len(release))
		}
		for k, v := range release {
			if strings.ContainsAny(k+v, "\n") || strings.HasPrefix(k, "#") || strings.Trim(v, `"'`) != v {
				t.Fatalf("key %q value %q", k, v)
			}
		}
		if len(data) < 64<<10 { // the checks read the file again
			p := LinuxProbes{Root: fsys, Uname: Uname{Sysname: "Linux", Release: "6.1.0-28-amd64", Machine: "x86_64"}, UID: 1000}
			checkChecks(t, checkLinux(context.Background(), p, in))
		}
	})
}

// FuzzUdevRules writes an arbitrary rules file, in Expand's shape, beside
// Debian's packaged rules (as /etc/udev/rules.d/39-libirecovery.rules,
// hiding one of them, or under another name) and reads the rules. Every
// grant names its file and how it grants, pairs are well formed, every
// recovery/DFU product ID is either covered or missing, and the checks
// that read the rules do not stop on an internal error.
func FuzzUdevRules(f *testing.F) {
	base := testdataFS(f, "linux-debian12", "linux-fedora")
	for _, file := range []string{"usr/lib/udev/rules.d/39-libirecovery.rules", "usr/lib/udev/rules.d/39-usbmuxd.rules", "etc/udev/rules.d/99-libirecovery.rules"} {
		f.Add(uint8(0), base[file].Data, []byte(nil), uint16(0), []byte(nil))
	}
	f.Add(uint8(1), []byte(nil), []byte(suggestedUdevRule+"\n"), uint16(1), []byte(nil))
	f.Add(uint8(1), []byte("SUBSYSTEM==\"usb\", \\\n"), []byte(`ATTRS{idVendor}=="05[aA][cC]|18d1", ATTRS{idProduct}=="12[!0-9]?|[", `), uint16(3), []byte(`MODE:="0666"`))
	f.Add(uint8(1), []byte(`ATTR{idVendor}=="05ac", ATTR{idProduct}=="`), []byte(strings.Repeat("1227|1280|f0??|", 3)), uint16(45_000), []byte(`", TAG+="uaccess"`)) // 2 MB on one line
	f.Add(uint8(0), []byte(nil), []byte(`ATTR{idVendor}=="05ac", GROUP="plugdev"`+"\\\n"), uint16(30_000), []byte(nil))
	f.Add(uint8(1), []byte(`A=="`), []byte(`\"`), uint16(1000), []byte(`"`))
	names := []string{"etc/udev/rules.d/39-libirecovery.rules", "run/udev/rules.d/70-fuzz.rules"}
	in := phoneState(dfuPhone(1, 5))
	f.Fuzz(func(t *testing.T, which uint8, prefix, unit []byte, repeat uint16, suffix []byte) {
		data := fuzzInput(prefix, unit, repeat, suffix)
		defer plisttest.Watchdog(plisttest.HangLimit, data)()
		fsys := maps.Clone(base)
		fsys[names[int(which)%len(names)]] = &fstest.MapFile{Data: data}

		for _, line := range joinContinuations(string(data)) {
			for _, kv := range splitUdevPairs(line) {
				if !slices.Contains([]string{"==", "!=", "+=", "-=", ":=", "="}, kv[1]) || strings.Contains(kv[2], `"`) {
					t.Fatalf("pair %q from %q", kv, line)
				}
			}
		}
		grants := readUdevRules(fsys)
		for _, g := range grants {
			if g.file == "" || g.how.IsZero() {
				t.Fatalf("grant %+v", g)
			}
		}
		covered, missing := udevCoverage(grants)
		if len(covered)+len(missing) != len(bootloaderPIDs) {
			t.Fatalf("covered %v, missing %v", covered, missing)
		}
		if len(data) < 1<<20 { // the checks read the rules again
			p := LinuxProbes{Root: fsys, Devices: fakeOpener{}, UID: 1000}
			checkChecks(t, checkLinux(context.Background(), p, in))
		}
	})
}

// compatTSV writes rows in host-compat.tsv's format, unknowns as "unknown".
func compatTSV(rows []compatRow) []byte {
	orUnknown := func(s string) string {
		if s == "" {
			return "unknown"
		}
		return s
	}
	var b strings.Builder
	b.WriteString("# written back\nios_major\tmacos\tmacos_name\titunes\tsource\n")
	for _, r := range rows {
		b.WriteString(strings.Join([]string{strconv.Itoa(r.IOSMajor), orUnknown(r.MacOS), orUnknown(r.MacOSName), orUnknown(r.ITunes), r.Source}, "\t") + "\n")
	}
	return []byte(b.String())
}

// FuzzCompatTable parses arbitrary text, in Expand's shape, as
// host-compat.tsv (read at run time). An accepted table has a positive iOS
// major, a version or unknown for macOS and a source on every row, and
// writing it back in the same format gives the same rows.
func FuzzCompatTable(f *testing.F) {
	raw, err := assets.Data("host-compat.tsv")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(raw, []byte(nil), uint16(0), []byte(nil))
	f.Add(raw[:len(raw)*2/3], []byte(nil), uint16(0), []byte(nil))
	// 1 MB of rows (the table is built in, so no larger one is read).
	f.Add([]byte("h\th\th\th\th\n"), []byte("18\t15\tSequoia\tunknown\tx\n"), uint16(40_000), []byte(nil))
	f.Add([]byte("a\tb\tc\td\te\n"), []byte("+7\t 10.15 \tUnknown\t\t src \n"), uint16(2), []byte("0\t1\t2\t3\t4"))
	f.Add([]byte("h\th\th\th\th\n"), []byte("12\t10.-0\tx\ty\tz\n"), uint16(1), []byte("13\tunknown\tunknown\tunknown\t#"))
	f.Fuzz(func(t *testing.T, prefix, unit []byte, repeat uint16, suffix []byte) {
		data := fuzzInput(prefix, unit, repeat, suffix)
		data = data[:min(len(data), 1<<20)]
		defer plisttest.Watchdog(plisttest.HangLimit, data)()
		rows, err := parseCompat(data)
		if err != nil {
			return
		}
		for _, r := range rows {
			if r.IOSMajor <= 0 || r.Source == "" || r.Source != strings.TrimSpace(r.Source) {
				t.Fatalf("row %+v", r)
			}
			if _, ok := parseVersion(r.MacOS); r.MacOS != "" && !ok {
				t.Fatalf("row %+v: macOS is not a version", r)
			}
		}
		again, err := parseCompat(compatTSV(rows))
		if err != nil || !reflect.DeepEqual(again, rows) {
			t.Fatalf("written back: %v\n%+v\n%+v", err, rows, again)
		}
	})
}

// FuzzVersion parses two arbitrary version strings (as SystemVersion.plist,
// iTunes or a phone give them) and compares them. A version is accepted
// exactly when it is dot-separated decimal numbers, as the documentation of
// parseVersion says; comparing is an order (reflexive, antisymmetric,
// blind to trailing zeros) and a parsed version written back parses the same.
func FuzzVersion(f *testing.F) {
	for _, pair := range [][2]string{{"10.15.7", "10.15"}, {"15.2", "26.0"}, {"12.13.2.3", "12.9"}, {"18.2.1", ""},
		{"+14.4", "14.4"}, {"15.-0", "15"}, {"99999999999999999999", "1"}, {" 13.6.1 ", "13.6.1\n"}, {"1..2", "1."}, {"007", "7"}} {
		f.Add(pair[0], pair[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		for _, s := range []string{a, b} {
			parts, ok := parseVersion(s)
			trimmed := strings.TrimSpace(s)
			digits := trimmed != "" && !strings.ContainsFunc(trimmed, func(r rune) bool { return r != '.' && (r < '0' || r > '9') })
			for _, p := range strings.Split(trimmed, ".") {
				_, err := strconv.Atoi(p)
				digits = digits && p != "" && err == nil
			}
			if ok != digits {
				t.Fatalf("parseVersion(%q) = %v, %v", s, parts, ok)
			}
			if major := iosMajor(s); major != 0 && (!ok || major != parts[0]) || major == 0 && ok && parts[0] != 0 {
				t.Fatalf("iosMajor(%q) = %d, parts %v", s, major, parts)
			}
			if !ok {
				continue
			}
			if len(parts) != strings.Count(trimmed, ".")+1 || slices.ContainsFunc(parts, func(n int) bool { return n < 0 }) {
				t.Fatalf("parseVersion(%q) = %v", s, parts)
			}
			var words []string
			for _, n := range parts {
				words = append(words, strconv.Itoa(n))
			}
			back, ok := parseVersion(strings.Join(words, "."))
			if !ok || !slices.Equal(back, parts) || compareVersions(parts, back) != 0 || compareVersions(parts, append(back, 0, 0)) != 0 {
				t.Fatalf("%q written back: %v, %v", s, back, ok)
			}
		}
		pa, okA := parseVersion(a)
		pb, okB := parseVersion(b)
		if okA && okB {
			ab, ba := compareVersions(pa, pb), compareVersions(pb, pa)
			if ab != -ba || ab < -1 || ab > 1 || (ab == 0) != (compareVersions(append(pa, 0), pb) == 0) {
				t.Fatalf("compare(%v, %v) = %d, reversed %d", pa, pb, ab, ba)
			}
		}
	})
}
