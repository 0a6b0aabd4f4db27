package report

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"unstuck/device/tr"
)

// JSON is the report as indented JSON; schema_version leads.
func (r Report) JSON() ([]byte, error) {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("writing the report as JSON: %w", err)
	}
	return append(b, '\n'), nil
}

// Parse reads a report written by JSON. It refuses text that is not a
// report and reports from a newer schema than this Unstuck knows.
func Parse(data []byte) (Report, error) {
	var probe struct {
		SchemaVersion *int `json:"schema_version"`
	}
	if err := json.Unmarshal(data, &probe); err != nil {
		return Report{}, fmt.Errorf("not an Unstuck report: %w", err)
	}
	switch {
	case probe.SchemaVersion == nil:
		return Report{}, errors.New("not an Unstuck report: it has no schema_version")
	case *probe.SchemaVersion < 1:
		return Report{}, fmt.Errorf("not an Unstuck report: schema_version %d", *probe.SchemaVersion)
	case *probe.SchemaVersion > SchemaVersion:
		return Report{}, fmt.Errorf("this report was written by a newer Unstuck (schema %d; this one reads up to %d)", *probe.SchemaVersion, SchemaVersion)
	}
	var r Report
	if err := json.Unmarshal(data, &r); err != nil {
		return Report{}, fmt.Errorf("reading the report: %w", err)
	}
	return r, nil
}

// Zip is ZipIn in the current language.
func (r Report) Zip() ([]byte, error) { return r.ZipIn(tr.Current()) }

// ZipIn holds report.html and report.txt in the language tag, for the
// person and whoever helps them, and report.json in English, for support
// staff and their tools (the page embeds it too).
func (r Report) ZipIn(tag string) ([]byte, error) {
	js, err := r.JSON()
	if err != nil {
		return nil, err
	}
	page, err := r.HTMLIn(tag)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	modified := r.Generated
	if modified.IsZero() {
		modified = time.Now()
	}
	for _, f := range []struct {
		name string
		data []byte
	}{{"report.json", js}, {"report.html", page}, {"report.txt", []byte(r.TextIn(tag))}} {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: modified})
		if err != nil {
			return nil, fmt.Errorf("writing the zip: %w", err)
		}
		if _, err := w.Write(f.data); err != nil {
			return nil, fmt.Errorf("writing the zip: %w", err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("writing the zip: %w", err)
	}
	return buf.Bytes(), nil
}
