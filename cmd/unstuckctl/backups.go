package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"time"

	"unstuck/device"
	"unstuck/device/backup"
)

// cmdBackups lists the computer's iPhone backups, read-only:
//
//	unstuckctl backups [--json] [--udid UDID] [--dir DIR]...
func cmdBackups(ctx context.Context, args []string, stdout io.Writer) error {
	fs := newFlags("backups")
	asJSON := fs.Bool("json", false, "print JSON")
	udid := fs.String("udid", "", "show only the backups of this phone")
	var dirs dirList
	fs.Var(&dirs, "dir", "a folder of backups to search instead of the standard ones (repeatable)")
	if err := parseArgs(fs, args); err != nil {
		return err
	}
	if *udid != "" {
		if _, ok := device.ParseUDID(*udid); !ok {
			return usageError(fmt.Sprintf("--udid %q is not a UDID (40 hex digits, or 8 and 16 hex digits with a dash)", *udid))
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
		return fmt.Errorf("--dir needs a folder")
	}
	*d = append(*d, v)
	return nil
}

func printBackups(w io.Writer, res backup.Result, udid string, now time.Time) error {
	if len(res.Searched) == 0 {
		_, err := fmt.Fprintln(w, "This system has no standard folder for iPhone backups; name one with --dir.")
		return err
	}
	fmt.Fprintf(w, "Searched: %s\n", strings.Join(res.Searched, "; "))
	for _, p := range res.Problems {
		fmt.Fprintf(w, "Problem: %s\n", p.Message)
	}
	if len(res.Backups) == 0 {
		if udid != "" {
			_, err := fmt.Fprintln(w, "No backup of this iPhone on this computer.")
			return err
		}
		_, err := fmt.Fprintln(w, "No iPhone backups found.")
		return err
	}
	for _, b := range res.Backups {
		name := b.DeviceName
		if name == "" {
			name = "Unnamed iPhone"
		}
		fmt.Fprintf(w, "\n%s", name)
		if about := strings.Join(nonEmpty(b.ProductType, iosWords(b.IOSVersion)), ", "); about != "" {
			fmt.Fprintf(w, " (%s)", about)
		}
		if b.Archived {
			fmt.Fprint(w, ", archived copy")
		}
		fmt.Fprintln(w)
		field := func(label, value string) { fmt.Fprintf(w, "  %-11s %s\n", label+":", value) }
		field("UDID", b.UDID)
		date := backup.Age(b.Date, now)
		if !b.Date.IsZero() {
			date = b.Date.Local().Format("2 Jan 2006 15:04") + " (" + date + ")"
		}
		field("Date", date)
		field("Size", b.SizeWords())
		field("Encrypted", yesNo(b.Encrypted))
		field("Complete", b.CompleteWords())
		field("Manifest", b.Database)
		field("Folder", b.Dir)
	}
	return nil
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
		return "yes"
	}
	return "no"
}
