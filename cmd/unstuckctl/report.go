package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"unstuck/device"
	"unstuck/device/activity"
	"unstuck/device/backup"
	"unstuck/device/diagnose"
	"unstuck/device/hostcheck"
	"unstuck/device/live"
	"unstuck/device/report"
	"unstuck/device/tr"
	"unstuck/device/version"
)

// reportHostChecks runs the computer's checks for a report; nil leaves them
// out, and the report says they were not run.
var reportHostChecks = func(ctx context.Context, s device.State) []hostcheck.Check {
	return hostcheck.Run(ctx, hostcheck.Input{State: s})
}

// reportAppVersion is the version a report names, the one --version prints.
var reportAppVersion = version.String()

// reportFormats maps --format to the file extension it writes.
var reportFormats = map[string]string{"json": "json", "html": "html", "text": "txt", "zip": "zip"}

func cmdReport(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer) error {
	fs := newFlags("report")
	format := fs.String("format", "", "json, html, text or zip (default: text, or from the --out file's extension)")
	out := fs.String("out", "", "write to this file instead of standard output")
	noRedact := fs.Bool("no-redact", false, "keep the full UDID, ECID, serial number and phone name")
	yes := fs.Bool("yes", false, "replace --out if it exists, without asking")
	wait := fs.Duration("wait", 5*time.Second, "longest wait for the first reading of every source")
	sysfs := fs.String("sysfs", "", "read USB devices from this sysfs tree instead of /sys")
	backupDirs := addBackupDir(fs)
	if err := parseArgs(fs, args); err != nil {
		return err
	}
	kind, err := reportFormat(*format, *out)
	if err != nil {
		return err
	}
	s, err := live.Snapshot(ctx, live.Options{SysfsRoot: *sysfs}, *wait)
	if err != nil {
		return err
	}
	o := diagnose.Options{Version: reportAppVersion, State: s, Host: []hostcheck.Check{}}
	if len(*backupDirs) > 0 {
		found := backup.Scan(ctx, *backupDirs)
		o.Backups = &found
	}
	if reportHostChecks != nil {
		o.Host = reportHostChecks(ctx, s)
	}
	o.Activities = activity.NewTracker(backupRoots(*backupDirs), nil).For(s)
	in := diagnose.Collect(ctx, o)
	if reportHostChecks == nil {
		in.Host = nil // the report says they were not run
	}
	r := report.Build(in, !*noRedact)
	data, err := renderReport(r, kind, tr.Current())
	if err != nil {
		return err
	}
	if *out == "" {
		_, err := stdout.Write(data)
		return err
	}
	return saveReport(*out, data, *yes, r.Redacted, newPrompter(ctx, stdin, stdout))
}

// reportFormat checks --format against --out and fills in the default.
func reportFormat(format, out string) (string, error) {
	if format == "" && out != "" {
		ext := strings.TrimPrefix(strings.ToLower(filepath.Ext(out)), ".")
		for f, e := range reportFormats {
			if ext == e || (f == "html" && ext == "htm") {
				return f, nil
			}
		}
		return "", usageError(fmt.Sprintf("cannot tell the format from %q: add --format json|html|text|zip", out))
	}
	if format == "" {
		return "text", nil
	}
	if _, ok := reportFormats[format]; !ok {
		return "", usageError(fmt.Sprintf("unknown --format %q: use json, html, text or zip", format))
	}
	if format == "zip" && out == "" {
		return "", usageError("--format zip needs --out FILE")
	}
	return format, nil
}

// renderReport writes the report in format: the page and the summary in
// the language tag (--lang, else the locale's), the JSON in English for
// support staff (the page and the zip carry it too).
func renderReport(r report.Report, format, tag string) ([]byte, error) {
	switch format {
	case "json":
		return r.JSON()
	case "html":
		return r.HTMLIn(tag)
	case "zip":
		return r.ZipIn(tag)
	}
	return []byte(r.TextIn(tag)), nil
}

// saveTries is how many places saveReport tries before it gives up.
const saveTries = 3

// saveReport writes the file atomically. It asks before replacing a file,
// and when the folder cannot take it (full, read-only, missing) it offers
// to save the same report elsewhere, up to saveTries places in all. No
// answer (end of input, Ctrl-C) ends it with the report not saved.
func saveReport(path string, data []byte, overwrite, redacted bool, p *prompter) error {
	for try := 1; ; try++ {
		err := saveOnce(path, data, overwrite, p)
		if err == nil {
			how := "identifiers shortened"
			if !redacted {
				how = "with the phones' full identifiers: share it only with people you trust"
			}
			_, err := fmt.Fprintf(p.out, "Saved the report to %s (%s). Nothing was sent anywhere.\n", path, how)
			return err
		}
		if errors.Is(err, errInputEnded) || errors.Is(err, errInterrupted) {
			return fmt.Errorf("%w: the report was not saved", err)
		}
		if try == saveTries {
			return fmt.Errorf("gave up after %d tries: %w", saveTries, err)
		}
		fmt.Fprintf(p.out, "%v.\n", err)
		next, aerr := p.ask("Save it somewhere else? Type a file name, or press Enter to stop: ")
		switch {
		case aerr != nil:
			return fmt.Errorf("%w: the report was not saved (%v)", aerr, err)
		case next == "":
			return err
		}
		path, overwrite = next, false
	}
}

// saveOnce saves to path, asking first when a file is there already.
func saveOnce(path string, data []byte, overwrite bool, p *prompter) error {
	err := report.Save(path, data, overwrite)
	if !errors.Is(err, report.ErrExists) || overwrite {
		return err
	}
	replace, aerr := p.yes(fmt.Sprintf("%s already exists. Replace it? [y/N] ", path))
	switch {
	case aerr != nil:
		return aerr
	case replace:
		return report.Save(path, data, true)
	}
	return err
}
