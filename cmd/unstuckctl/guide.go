package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"unstuck/device"
	"unstuck/device/activity"
	"unstuck/device/catalog"
	"unstuck/device/live"
	"unstuck/device/procedure"
	"unstuck/device/tr"
	"unstuck/device/watch"
)

// cmdGuide prints a procedure's steps with their seconds and sources, or
// with --run counts them down and watches the phone for the verdict.
func cmdGuide(ctx context.Context, args []string, stdout io.Writer) error {
	fs := newFlags("guide")
	kind := fs.String("procedure", "", tr.T("cli.flag.procedure"))
	model := fs.String("model", "", tr.T("cli.flag.model"))
	family := fs.String("family", "", tr.T("cli.flag.family", "Names", familyNames()))
	asJSON := fs.Bool("json", false, tr.T("cli.flag.guide-json"))
	runIt := fs.Bool("run", false, tr.T("cli.flag.run"))
	sysfs := fs.String("sysfs", "", tr.T("cli.flag.run-sysfs"))
	backupDirs := addBackupDir(fs) // with --run: a running backup is waited for first
	if err := parseArgs(fs, args); err != nil {
		return err
	}
	var w *watch.Watcher
	var lo live.Options
	var phone device.Device // the phone on show, guided with --run
	if *runIt {
		var stop func()
		lo = live.Options{SysfsRoot: *sysfs}
		w, stop = live.Start(ctx, lo, live.FirstReadingWait)
		defer stop()
		phone, _ = w.State().Focus("")
		if *model == "" && *family == "" {
			if phone.ProductType == "" {
				return usageError(tr.T("cli.guide.no-phone"))
			}
			*model = phone.ProductType
		}
	}
	fam := catalog.Family(*family)
	name := ""
	var model0 *catalog.Model
	switch {
	case *model != "" && *family != "":
		return usageError(tr.T("cli.guide.both"))
	case *model != "":
		m, ok := catalog.ByProductType(*model)
		if !ok {
			return errors.New(tr.T("cli.guide.unknown-model", "Model", strconv.Quote(*model)))
		}
		fam, name, model0 = m.Family, m.Name, &m
	case *family == "":
		return usageError(tr.T("cli.guide.needs"))
	case !slices.Contains(catalog.Families, fam):
		return usageError(tr.T("cli.guide.unknown-family", "Family", strconv.Quote(*family), "Families", familyNames()))
	}
	p, ok := procedure.For(fam, procedure.Kind(*kind))
	if model0 != nil {
		p, ok = procedure.ForModel(*model0, procedure.Kind(*kind))
	}
	if !ok {
		return usageError(tr.T("cli.guide.no-procedure", "Kind", strconv.Quote(*kind), "Family", strconv.Quote(string(fam))))
	}
	if *runIt {
		// The backup folder is listed; the phone's own log is not read
		// here (status --listen reads it).
		busy := activity.NewTracker(backupRoots(*backupDirs), nil).For(w.State())[phone.Key].Busy()
		return runGuide(ctx, w, lo, p, phone, busy, *asJSON, stdout)
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(p)
	}
	_, err := io.WriteString(stdout, guideText(p, name))
	return err
}

// guideText is a procedure for a person to read: its family (and model,
// when known), risk, warnings and steps with what to expect, each step's
// source in brackets.
func guideText(p procedure.Procedure, model string) string {
	var b strings.Builder
	title := p.Family.Describe()
	if model != "" {
		title = tr.Msg("guide.cli.model", "Model", tr.Raw(model), "Buttons", title)
	}
	b.WriteString(tr.T("guide.cli.title", "Title", title, "Kind", p.Kind.Name(), "Seconds", int(math.Round(p.Seconds()))) + "\n")
	b.WriteString(tr.T("guide.cli.risk", "Risk", p.Risk) + "\n")
	for _, w := range p.Warnings {
		fmt.Fprintf(&b, "! %s\n", w)
	}
	for i, s := range p.Steps {
		fmt.Fprintf(&b, "%s\n   %s [%s]\n", tr.T("guide.cli.step", "Number", i+1, "Say", s.Say, "Detail", s.Detail()),
			tr.T("guide.cli.expect", "See", s.See, "USB", s.USB), s.Source)
	}
	return b.String()
}

// familyNames lists the valid --family values.
func familyNames() string {
	names := make([]string, len(catalog.Families))
	for i, f := range catalog.Families {
		names[i] = string(f)
	}
	return strings.Join(names, ", ")
}
