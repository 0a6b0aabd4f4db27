package report

import (
	"bytes"
	"testing"

	"unstuck/device/safeplist/plisttest"
)

// FuzzParse reads arbitrary bytes, in Expand's shape (a report is a file a
// user hands back), as a saved report. An accepted report has a schema
// version this Unstuck reads; it writes as JSON, and that JSON is read
// again and written again byte for byte the same (the first writing may
// differ from the input: spacing, key order, defaults). Its text summary
// and, for reports under a megabyte, its HTML page are made without error.
func FuzzParse(f *testing.F) {
	for _, redact := range []bool{false, true} {
		js, err := Build(fixtureInput(), redact).JSON()
		if err != nil {
			f.Fatal(err)
		}
		f.Add(js, []byte(nil), uint16(0), []byte(nil))
		f.Add(js[:len(js)/2], []byte(nil), uint16(0), []byte(nil))
	}
	f.Add([]byte(`{"schema_version":1,"generated":"2024-06-01T10:00:00+02:00","devices":null,"sections":[],"host_checks":[{}]}`), []byte(nil), uint16(0), []byte(nil))
	f.Add([]byte(`{"schema_version":2}`), []byte(nil), uint16(0), []byte(nil))
	f.Add([]byte(`{"schema_version":1,"generated":"0000-01-01T00:00:00+23:59","errors":["\xff\u0000"]} `), []byte(nil), uint16(0), []byte(nil))
	// About 3 MB: a long timeline.
	f.Add([]byte(`{"schema_version":1,"timeline":[{"at":"2024-06-01T10:00:00Z","kind":"attached"}`),
		[]byte(`,{"at":"2024-06-01T10:00:01.5Z","kind":"mode","device":"iPhone X","from":"normal","to":"recovery"}`), uint16(30_000), []byte(`]}`))
	f.Fuzz(func(t *testing.T, prefix, unit []byte, repeat uint16, suffix []byte) {
		data := plisttest.Expand(prefix, unit, uint32(repeat), suffix)
		defer plisttest.Watchdog(plisttest.HangLimit, data)()
		r, err := Parse(data)
		if err != nil {
			return
		}
		if r.SchemaVersion < 1 || r.SchemaVersion > SchemaVersion {
			t.Fatalf("schema %d accepted", r.SchemaVersion)
		}
		js, err := r.JSON()
		if err != nil {
			t.Fatalf("accepted, but it does not write: %v", err)
		}
		back, err := Parse(js)
		if err != nil {
			t.Fatalf("written, not read back: %v", err)
		}
		again, err := back.JSON()
		if err != nil || !bytes.Equal(again, js) {
			t.Fatalf("written twice, not the same (%v):\n%.2000s\n---\n%.2000s", err, js, again)
		}
		_ = r.Text()
		if len(data) < 1<<20 {
			if _, err := r.HTML(); err != nil {
				t.Fatalf("no HTML: %v", err)
			}
		}
	})
}
