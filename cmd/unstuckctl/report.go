package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
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
	format := fs.String("format", "", tr.T("cli.flag.format"))
	out := fs.String("out", "", tr.T("cli.flag.out"))
	noRedact := fs.Bool("no-redact", false, tr.T("cli.flag.no-redact"))
	yes := fs.Bool("yes", false, tr.T("cli.flag.yes-replace"))
	wait := fs.Duration("wait", 5*time.Second, tr.T("cli.flag.wait"))
	sysfs := fs.String("sysfs", "", tr.T("cli.flag.sysfs"))
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
		return "", usageError(tr.T("cli.report.no-format", "File", strconv.Quote(out)))
	}
	if format == "" {
		return "text", nil
	}
	if _, ok := reportFormats[format]; !ok {
		return "", usageError(tr.T("cli.report.unknown-format", "Format", strconv.Quote(format)))
	}
	if format == "zip" && out == "" {
		return "", usageError(tr.T("cli.report.zip-needs-out"))
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
		err := inWords(saveOnce(path, data, overwrite, p))
		if err == nil {
			how := tr.Msg("cli.report.shortened")
			if !redacted {
				how = tr.Msg("cli.report.full-ids")
			}
			_, err := fmt.Fprintln(p.out, tr.T("cli.report.saved", "Path", tr.Raw(path), "How", how))
			return err
		}
		if errors.Is(err, errInputEnded) || errors.Is(err, errInterrupted) {
			return notSaved(err, nil)
		}
		if try == saveTries {
			return errors.New(tr.T("cli.report.gave-up", "Tries", saveTries, "Error", err.Error()))
		}
		fmt.Fprintf(p.out, "%v.\n", err)
		next, aerr := p.ask(tr.T("cli.report.elsewhere") + " ")
		switch {
		case aerr != nil:
			return notSaved(aerr, err)
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
	replace, aerr := p.yes(tr.T("cli.report.replace", "Path", tr.Raw(path)) + " ")
	switch {
	case aerr != nil:
		return aerr
	case replace:
		return report.Save(path, data, true)
	}
	return err
}

// notSavedError is why a question about saving got no answer (Why:
// errInputEnded, errInterrupted or a read's error), after the save's
// own error, if any.
type notSavedError struct{ why, cause error }

func notSaved(why, cause error) error { return notSavedError{why, cause} }

func (e notSavedError) Error() string {
	if e.cause == nil {
		return tr.T("cli.report.not-saved", "Why", e.why.Error())
	}
	return tr.T("cli.report.not-saved-because", "Why", e.why.Error(), "Error", e.cause.Error())
}

func (e notSavedError) Unwrap() error { return e.why }

// saveReasons are the catalogue's words for the reasons a save fails that
// a person can act on.
var saveReasons = map[error]string{
	report.ErrDiskFull: "cli.save.disk-full", report.ErrReadOnly: "cli.save.read-only",
	report.ErrExists: "cli.save.exists", report.ErrNoFolder: "cli.save.no-folder",
}

// saveFailure is a failed save said in the language: the file and why,
// the reason from the catalogue, else the system's own text. It still
// matches the reason and the system's error with errors.Is.
type saveFailure struct{ *report.SaveError }

func (e saveFailure) Error() string {
	why := tr.Raw(fmt.Sprint(e.Err))
	if id, ok := saveReasons[e.Reason]; ok {
		why = tr.Msg(id)
	}
	return tr.T("cli.save.failed", "Path", tr.Raw(e.Path), "Reason", why)
}

// inWords is err with a failed save said as saveFailure; any other error
// as it is.
func inWords(err error) error {
	var se *report.SaveError
	if errors.As(err, &se) {
		return saveFailure{se}
	}
	return err
}
