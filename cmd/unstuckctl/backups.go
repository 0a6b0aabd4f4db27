package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"

	"unstuck/device"
	"unstuck/device/backup"
	"unstuck/device/tr"
)

// cmdBackups lists the computer's iPhone backups, read-only:
//
//	unstuckctl backups [--json] [--udid UDID] [--dir DIR]...
func cmdBackups(ctx context.Context, args []string, stdout io.Writer) error {
	fs := newFlags("backups")
	asJSON := fs.Bool("json", false, tr.T("cli.flag.json"))
	udid := fs.String("udid", "", tr.T("cli.flag.udid"))
	var dirs dirList
	fs.Var(&dirs, "dir", tr.T("cli.flag.dir"))
	if err := parseArgs(fs, args); err != nil {
		return err
	}
	if *udid != "" {
		if _, ok := device.ParseUDID(*udid); !ok {
			return usageError(tr.T("cli.backups.bad-udid", "UDID", strconv.Quote(*udid)))
		}
	}
	if len(dirs) == 0 {
		home, _ := os.UserHomeDir()
		dirs = backup.Locations(runtime.GOOS, home, os.Getenv)
	}
	res := backup.Scan(ctx, dirs)
	if *udid != "" {
		res.Backups = res.ForUDID(*udid)
		if res.Backups == nil {
			res.Backups = []backup.Backup{}
		}
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	return printBackups(stdout, res, *udid, time.Now())
}

// dirList is a repeatable --dir flag.
type dirList []string

func (d *dirList) String() string { return strings.Join(*d, ", ") }

func (d *dirList) Set(v string) error {
	if strings.TrimSpace(v) == "" {
		return errors.New(tr.T("cli.arg.needs-folder"))
	}
	*d = append(*d, v)
	return nil
}

func printBackups(w io.Writer, res backup.Result, udid string, now time.Time) error {
	if len(res.Searched) == 0 {
		_, err := fmt.Fprintln(w, tr.T("activity.cli.no-folder"))
		return err
	}
	fmt.Fprintln(w, tr.T("activity.cli.searched", "Folders", strings.Join(res.Searched, "; ")))
	for _, p := range res.Problems {
		fmt.Fprintln(w, tr.T("activity.cli.problem", "Problem", p.Message))
	}
	if len(res.Backups) == 0 {
		if udid != "" {
			_, err := fmt.Fprintln(w, tr.T("activity.cli.none-of-this"))
			return err
		}
		_, err := fmt.Fprintln(w, tr.T("activity.cli.none"))
		return err
	}
	for _, b := range res.Backups {
		printBackup(w, b, now)
	}
	return nil
}

// printBackup writes one backup: its phone, then a fact a line.
func printBackup(w io.Writer, b backup.Backup, now time.Time) {
	name := b.DeviceName
	if name == "" {
		name = tr.T("backups.unnamed")
	}
	fmt.Fprintf(w, "\n%s", name)
	if about := strings.Join(nonEmpty(b.ProductType, iosWords(b.IOSVersion)), ", "); about != "" {
		fmt.Fprintf(w, " (%s)", about)
	}
	if b.Archived {
		fmt.Fprint(w, tr.T("activity.cli.archived"))
	}
	fmt.Fprintln(w)
	field := func(id, value string) { fmt.Fprintf(w, "  %s%s\n", padLabel(tr.T(id)), value) }
	field("field.udid", b.UDID)
	date := backup.Age(b.Date, now).String()
	if !b.Date.IsZero() {
		date = tr.T("activity.cli.date", "Date", tr.Date(b.Date.Local()), "Time", tr.Clock(b.Date.Local()), "Age", date)
	}
	field("activity.field.date", date)
	field("activity.field.size", b.SizeWords().String())
	field("activity.field.encrypted", yesNo(b.Encrypted))
	field("activity.field.complete", b.CompleteWords().String())
	field("activity.field.manifest", b.Database.String())
	field("activity.field.folder", b.Dir)
}

func iosWords(v string) string {
	if v == "" {
		return ""
	}
	return "iOS " + v
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

func yesNo(b bool) string {
	if b {
		return tr.T("activity.cli.yes")
	}
	return tr.T("activity.cli.no")
}
