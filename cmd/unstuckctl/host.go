package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"unstuck/device"
	"unstuck/device/hostcheck"
	"unstuck/device/live"
)

// cmdHost checks the computer's side: the OS, Apple's device software,
// usbmuxd and USB permissions, with a fix for each problem.
func cmdHost(ctx context.Context, args []string, stdout io.Writer) error {
	fs := newFlags("host")
	asJSON := fs.Bool("json", false, "print JSON: a list of checks")
	wait := fs.Duration("wait", 3*time.Second, "longest wait for the first reading of the attached phones")
	sysfs := fs.String("sysfs", "", "read USB devices from this sysfs tree instead of /sys")
	if err := parseArgs(fs, args); err != nil {
		return err
	}
	// The phones on USB feed the speed, permission and compatibility
	// checks. Without usbmuxd the snapshot still comes back, with a host
	// condition saying so.
	var state device.State
	if s, err := live.Snapshot(ctx, live.Options{SysfsRoot: *sysfs}, *wait); err == nil {
		state = s
	} else if ctx.Err() != nil {
		return ctx.Err()
	}
	checks := hostcheck.Run(ctx, hostcheck.Input{State: state})
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(checks)
	}
	_, err := io.WriteString(stdout, describeChecks(checks))
	return err
}

// statusMarks are the text form's status columns.
var statusMarks = map[hostcheck.Status]string{
	hostcheck.OK: "[ ok ]", hostcheck.Warn: "[warn]", hostcheck.Fail: "[FAIL]", hostcheck.Unknown: "[ ?? ]",
}

// describeChecks writes the checks as a checklist for a person.
func describeChecks(checks []hostcheck.Check) string {
	var b strings.Builder
	problems := 0
	for _, c := range checks {
		mark, ok := statusMarks[c.Status]
		if !ok {
			mark = "[" + string(c.Status) + "]"
		}
		fmt.Fprintf(&b, "%s %s: %s\n", mark, c.Title, c.Found)
		if c.Fix != "" {
			fmt.Fprintf(&b, "       Fix: %s\n", c.Fix)
		}
		if c.Snippet != "" {
			fmt.Fprintf(&b, "            %s\n", c.Snippet)
		}
		if c.Link != "" {
			fmt.Fprintf(&b, "       See: %s\n", c.Link)
		}
		if c.Status == hostcheck.Warn || c.Status == hostcheck.Fail {
			problems++
		}
	}
	switch problems {
	case 0:
		b.WriteString("Nothing to fix on this computer.\n")
	case 1:
		b.WriteString("1 thing to fix on this computer.\n")
	default:
		fmt.Fprintf(&b, "%d things to fix on this computer.\n", problems)
	}
	return b.String()
}
