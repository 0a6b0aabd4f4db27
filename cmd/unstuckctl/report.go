package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"unstuck/device"
	"unstuck/device/diagnose"
	"unstuck/device/hostcheck"
	"unstuck/device/live"
	"unstuck/device/report"
)

// reportHostChecks runs the computer's checks for a report; nil leaves them
// out, and the report says they were not run.
var reportHostChecks = func(ctx context.Context, s device.State) []hostcheck.Check {
	return hostcheck.Run(ctx, hostcheck.Input{State: s})
}

// reportAppVersion is the version a report names: the module's version
// from the build, "(devel)" for a local build.
var reportAppVersion = func() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "unknown"
}()

// reportFormats maps --format to the file extension it writes.
var reportFormats = map[string]string{"json": "json", "html": "html", "text": "txt", "zip": "zip"}

func cmdReport(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	format := fs.String("format", "", "json, html, text or zip (default: text, or from the --out file's extension)")
	out := fs.String("out", "", "write to this file instead of standard output")
	noRedact := fs.Bool("no-redact", false, "keep the full UDID, ECID, serial number and phone name")
	yes := fs.Bool("yes", false, "replace --out if it exists, without asking")
	wait := fs.Duration("wait", 5*time.Second, "longest wait for the first reading of every source")
	sysfs := fs.String("sysfs", "", "read USB devices from this sysfs tree instead of /sys")
	if err := fs.Parse(args); err != nil {
		return usageError(err.Error())
	}
	if fs.NArg() > 0 {
		return usageError(fmt.Sprintf("report takes no arguments, got %q", fs.Args()))
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
	if reportHostChecks != nil {
		o.Host = reportHostChecks(ctx, s)
	}
	in := diagnose.Collect(ctx, o)
	if reportHostChecks == nil {
		in.Host = nil // the report says they were not run
	}
	r := report.Build(in, !*noRedact)
	data, err := renderReport(r, kind)
	if err != nil {
		return err
	}
	if *out == "" {
		_, err := stdout.Write(data)
		return err
	}
	return saveReport(*out, data, *yes, r.Redacted, bufio.NewReader(stdin), stdout)
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

func renderReport(r report.Report, format string) ([]byte, error) {
	switch format {
	case "json":
		return r.JSON()
	case "html":
		return r.HTML()
	case "zip":
		return r.Zip()
	}
	return []byte(r.Text()), nil
}

// saveReport writes the file atomically. It asks before replacing a file,
// and when the folder cannot take it (full, read-only, missing) it offers
// to save the same report elsewhere.
func saveReport(path string, data []byte, overwrite, redacted bool, answers *bufio.Reader, stdout io.Writer) error {
	ask := func(question string) string {
		fmt.Fprint(stdout, question)
		line, _ := answers.ReadString('\n')
		return strings.TrimSpace(line)
	}
	for {
		err := report.Save(path, data, overwrite)
		switch {
		case err == nil:
			how := "identifiers shortened"
			if !redacted {
				how = "with the phones' full identifiers: share it only with people you trust"
			}
			_, err := fmt.Fprintf(stdout, "Saved the report to %s (%s). Nothing was sent anywhere.\n", path, how)
			return err
		case errors.Is(err, report.ErrExists) && !overwrite:
			a := strings.ToLower(ask(fmt.Sprintf("%s already exists. Replace it? [y/N] ", path)))
			if a == "y" || a == "yes" {
				overwrite = true
				continue
			}
		}
		fmt.Fprintf(stdout, "%v.\n", err)
		next := ask("Save it somewhere else? Type a file name, or press Enter to stop: ")
		if next == "" {
			return err
		}
		path, overwrite = next, false
	}
}
