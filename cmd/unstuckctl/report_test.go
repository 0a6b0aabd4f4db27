package main

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"unstuck/device"
	"unstuck/device/hostcheck"
	"unstuck/device/muxsim"
	"unstuck/device/report"
	"unstuck/device/tr"
)

// reportCLI runs cmdReport with the given answers on stdin.
func reportCLI(t *testing.T, stdin string, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	err := cmdReport(context.Background(), args, strings.NewReader(stdin), &out)
	return out.String(), err
}

// withHostChecks makes the report's host checks name a pair-record path with
// every simulated phone's UDID, as a real check on a Linux computer would.
func withHostChecks(t *testing.T) {
	old := reportHostChecks
	t.Cleanup(func() { reportHostChecks = old })
	reportHostChecks = func(_ context.Context, s device.State) []hostcheck.Check {
		var found []string
		for _, d := range s.Devices {
			found = append(found, "/var/lib/lockdown/"+d.UDID+".plist")
		}
		return []hostcheck.Check{{ID: "linux.pair", Title: tr.Raw("Pair records"), Status: hostcheck.Warn,
			Found: tr.Raw(strings.Join(found, ", ")), Fix: tr.Raw("Unplug the phone and plug it in again.")}}
	}
}

// simIdentifiers lists the simulated phones' identifiers in every form.
func simIdentifiers(sim *muxsim.Sim) []string {
	var ids []string
	for _, p := range sim.Phones() {
		ids = append(ids, p.UDID, strings.ReplaceAll(p.UDID, "-", ""), p.SerialNumber, p.DeviceName,
			fmt.Sprintf("%016x", p.UniqueChipID), fmt.Sprintf("%x", p.UniqueChipID), fmt.Sprintf("%d", p.UniqueChipID))
	}
	return ids
}

func TestReportRedactsSimulatedPhonesInEveryFormat(t *testing.T) {
	sim := startSim(t, "two-phones")
	withHostChecks(t)
	outputs := map[string]string{}
	for _, f := range []string{"json", "html", "text"} {
		out, err := reportCLI(t, "", "--format", f)
		if err != nil {
			t.Fatalf("--format %s: %v", f, err)
		}
		outputs[f] = html.UnescapeString(out)
	}
	zipPath := filepath.Join(t.TempDir(), "r.zip")
	if out, err := reportCLI(t, "", "--out", zipPath); err != nil || !strings.Contains(out, "identifiers shortened") {
		t.Fatalf("--out zip: %v %q", err, out)
	}
	zr, err := zip.OpenReader(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		outputs["zip:"+f.Name] = html.UnescapeString(string(b))
	}
	if len(outputs) != 6 {
		t.Fatalf("outputs: %d", len(outputs))
	}
	ids := simIdentifiers(sim)
	if len(ids) != 14 {
		t.Fatalf("the simulator has %d identifiers", len(ids))
	}
	for name, text := range outputs {
		for _, id := range ids {
			if strings.Contains(strings.ToLower(text), strings.ToLower(id)) {
				t.Errorf("%s: %q is in the redacted report", name, id)
			}
		}
		for _, want := range []string{"iPhone X (Global)", "iPhone 15 Pro", "Pair records"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s lacks %q", name, want)
			}
		}
	}
	r, err := report.Parse([]byte(outputs["json"]))
	if err != nil {
		t.Fatal(err)
	}
	if !r.Redacted || len(r.Devices) != 2 || !r.HostChecked || r.SchemaVersion != report.SchemaVersion {
		t.Errorf("parsed: redacted %v, %d devices, host checked %v", r.Redacted, len(r.Devices), r.HostChecked)
	}
	for _, d := range r.Devices {
		if d.Mode != device.ModeNormal || !strings.HasPrefix(d.UDID, "…") || d.IOSVersion == "" {
			t.Errorf("device %+v", d)
		}
	}
}

func TestReportNoRedactAndNoHostChecks(t *testing.T) {
	sim := startSim(t, "two-phones")
	old := reportHostChecks
	reportHostChecks = nil
	t.Cleanup(func() { reportHostChecks = old })
	out, err := reportCLI(t, "", "--no-redact")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range sim.Phones() {
		if !strings.Contains(out, p.UDID) {
			t.Errorf("--no-redact summary lacks %s:\n%s", p.UDID, out)
		}
	}
	if !strings.Contains(out, "checks not run") || strings.Contains(out, "identifiers shortened") {
		t.Errorf("summary:\n%s", out)
	}
}

func TestReportAsksBeforeReplacing(t *testing.T) {
	startSim(t, "normal")
	withHostChecks(t)
	path := filepath.Join(t.TempDir(), "report.json")
	if err := os.WriteFile(path, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	// No, and no other name: the file stays and the command fails.
	out, err := reportCLI(t, "n\n\n", "--out", path)
	if !errors.Is(err, report.ErrExists) || !strings.Contains(out, "Replace it? [y/N]") {
		t.Errorf("answering no: %v\n%s", err, out)
	}
	if b, _ := os.ReadFile(path); string(b) != "keep me" {
		t.Errorf("the file changed after no: %q", b)
	}
	// Yes replaces it.
	if out, err := reportCLI(t, "y\n", "--out", path); err != nil || !strings.Contains(out, "Saved the report to") {
		t.Fatalf("answering yes: %v\n%s", err, out)
	}
	if b, _ := os.ReadFile(path); !bytes.Contains(b, []byte(`"schema_version": 1`)) {
		t.Errorf("the file after yes: %.80s", b)
	}
	// --yes replaces without asking.
	os.WriteFile(path, []byte("old"), 0o644)
	if out, err := reportCLI(t, "", "--out", path, "--yes"); err != nil || strings.Contains(out, "Replace it?") {
		t.Errorf("--yes: %v\n%s", err, out)
	}
}

func TestReportOffersAnotherPlaceWhenSavingFails(t *testing.T) {
	startSim(t, "normal")
	withHostChecks(t)
	dir := t.TempDir()
	bad := filepath.Join(dir, "no such folder", "report.html")
	good := filepath.Join(dir, "report.html")
	out, err := reportCLI(t, good+"\n", "--out", bad)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if !strings.Contains(out, "the folder does not exist") || !strings.Contains(out, "somewhere else?") {
		t.Errorf("output:\n%s", out)
	}
	if b, err := os.ReadFile(good); err != nil || !bytes.Contains(b, []byte("<!DOCTYPE html>")) {
		t.Errorf("the report was not saved elsewhere: %v", err)
	}
}

func TestReportUsage(t *testing.T) {
	for _, args := range [][]string{
		{"--format", "pdf"},
		{"--format", "zip"},
		{"--out", "report.pdf"},
		{"extra"},
		{"--bogus"},
	} {
		_, err := reportCLI(t, "", args...)
		if _, ok := err.(usageError); !ok {
			t.Errorf("%v: %v, want a usage error", args, err)
		}
	}
}
