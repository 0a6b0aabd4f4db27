package report

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"unstuck/device"
	"unstuck/device/hostcheck"
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

// Text limits: the summary must fit a support chat.
const (
	textAttempts = 5
	textErrors   = 3
)

// Text is a short summary for a support chat: the phones and their modes,
// what was tried, the computer's problems, the latest errors.
func (r Report) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Unstuck %s report, %s", r.AppVersion, r.Generated.Format("2006-01-02 15:04 MST"))
	if r.Redacted {
		b.WriteString(" (identifiers shortened)")
	}
	b.WriteString("\n")
	if len(r.Devices) == 0 {
		b.WriteString("Phone: none connected\n")
	}
	for _, p := range r.Devices {
		fmt.Fprintf(&b, "Phone: %s\n", phoneLine(p))
	}
	for _, p := range r.Departed {
		fmt.Fprintf(&b, "Left: %s, last in %s mode at %s\n", p.Name, p.Mode.Words(), p.LastSeen.Format("15:04:05"))
	}
	attempts := lastN(r.Attempts, textAttempts)
	if len(attempts) < len(r.Attempts) {
		fmt.Fprintf(&b, "Tried (last %d of %d):\n", len(attempts), len(r.Attempts))
	} else if len(attempts) > 0 {
		b.WriteString("Tried:\n")
	}
	for _, a := range attempts {
		fmt.Fprintf(&b, "- %s %s: %s", a.At.Format("15:04:05"), a.Name, a.Result)
		if a.Seen != "" {
			fmt.Fprintf(&b, " (%s)", a.Seen)
		}
		b.WriteString("\n")
	}
	b.WriteString(hostLines(r))
	for _, s := range r.Sections {
		if len(s.Items) == 0 {
			continue // an empty section says nothing in a summary
		}
		fmt.Fprintf(&b, "%s:\n", s.Title)
		for _, it := range s.Items { // every item: a technician reads the whole ladder
			fmt.Fprintf(&b, "- %s: %s%s\n", it.Label, it.Value, statusMark(it.Status))
		}
	}
	errs := lastN(r.Errors, textErrors)
	if len(errs) > 0 {
		b.WriteString("Recent errors:\n")
	}
	for _, e := range errs {
		fmt.Fprintf(&b, "- %s\n", e)
	}
	return b.String()
}

func phoneLine(p Phone) string {
	parts := []string{p.Name}
	if p.IOSVersion != "" {
		parts[0] += ", iOS " + strings.TrimSpace(p.IOSVersion+" "+paren(p.IOSBuild))
	}
	parts = append(parts, fmt.Sprintf("%s mode", p.Mode.Words()))
	if p.Trust != "" && p.Trust != device.TrustUnknown {
		parts = append(parts, "trust: "+p.Trust.Words())
	}
	if p.Battery != nil {
		parts = append(parts, fmt.Sprintf("battery %d%%", p.Battery.Percent))
	}
	if p.USBSpeed != "" {
		parts = append(parts, p.USBSpeed)
	}
	if p.Flaps > 0 {
		parts = append(parts, fmt.Sprintf("dropped and came back %d times in the last minute", p.Flaps))
	}
	switch {
	case p.UDID != "":
		parts = append(parts, "UDID "+p.UDID)
	case p.ECID != "":
		parts = append(parts, "ECID "+p.ECID)
	}
	return strings.Join(parts, "; ")
}

// hostLines lists the computer's problems (checks not ok, conditions).
func hostLines(r Report) string {
	var b strings.Builder
	for _, c := range r.Conditions {
		if c.Problem() {
			fmt.Fprintf(&b, "- %s\n", c.Message.In(tr.English))
		} else {
			fmt.Fprintf(&b, "- Normal here: %s\n", c.Message.In(tr.English))
		}
		if c.Detail != "" {
			fmt.Fprintf(&b, "  Details: %s\n", c.Detail)
		}
	}
	for _, c := range r.HostChecks {
		if c.Status == hostcheck.OK {
			continue
		}
		fmt.Fprintf(&b, "- %s: %s", c.Title.In(tr.English), c.Status)
		if !c.Found.IsZero() {
			fmt.Fprintf(&b, ", %s", strings.TrimSuffix(c.Found.In(tr.English), "."))
		}
		if !c.Fix.IsZero() {
			fmt.Fprintf(&b, ". Fix: %s", c.Fix.In(tr.English))
		}
		if c.Snippet != "" {
			fmt.Fprintf(&b, "\n    %s", strings.ReplaceAll(c.Snippet, "\n", "\n    "))
		}
		b.WriteString("\n")
	}
	switch {
	case !r.HostChecked && b.Len() == 0:
		return "Computer: checks not run\n"
	case b.Len() == 0:
		return fmt.Sprintf("Computer: no problems found (%d checks)\n", len(r.HostChecks))
	case !r.HostChecked:
		return "Computer (checks not run):\n" + b.String()
	}
	return "Computer:\n" + b.String()
}

func statusMark(s Status) string {
	switch s {
	case StatusWarn:
		return " (warning)"
	case StatusFail:
		return " (problem)"
	}
	return ""
}

func paren(s string) string {
	if s == "" {
		return ""
	}
	return "(" + s + ")"
}

func lastN[T any](s []T, n int) []T {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

// Zip holds report.json, report.html and report.txt.
func (r Report) Zip() ([]byte, error) {
	js, err := r.JSON()
	if err != nil {
		return nil, err
	}
	page, err := r.HTML()
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
	}{{"report.json", js}, {"report.html", page}, {"report.txt", []byte(r.Text())}} {
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
