// Package reporttest reads what the report writes, for tests of the report
// and of its callers (the CLI, the app).
package reporttest

import (
	"archive/zip"
	"bytes"
	"io"
	"testing"
)

// Unzip is each file of a report's zip by name; it fails the test when the
// zip cannot be read.
func Unzip(t testing.TB, data []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name] = string(b)
	}
	return files
}
