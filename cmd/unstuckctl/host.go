package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"unstuck/device"
	"unstuck/device/hostcheck"
	"unstuck/device/live"
	"unstuck/device/tr"
)

// cmdHost checks the computer's side: the OS, Apple's device software,
// usbmuxd and USB permissions, with a fix for each problem. It fails (exit
// 1) when something needs fixing, so a script can tell.
func cmdHost(ctx context.Context, args []string, stdout io.Writer) error {
	fs := newFlags("host")
	asJSON := fs.Bool("json", false, tr.T("cli.flag.json-checks"))
	wait := fs.Duration("wait", 3*time.Second, tr.T("cli.flag.wait-phones"))
	sysfs := fs.String("sysfs", "", tr.T("cli.flag.sysfs"))
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
	var err error
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		err = enc.Encode(checks)
	} else {
		_, err = io.WriteString(stdout, describeChecks(checks))
	}
	if n := toFix(checks); err == nil && n > 0 {
		return errors.New(tr.N("host.cli.to-fix", n))
	}
	return err
}

// toFix counts the checks that need fixing (warn or fail).
func toFix(checks []hostcheck.Check) int {
	n := 0
	for _, c := range checks {
		if c.Status == hostcheck.Warn || c.Status == hostcheck.Fail {
			n++
		}
	}
	return n
}

// statusMarks are the text form's status columns.
var statusMarks = map[hostcheck.Status]string{
	hostcheck.OK: "[ ok ]", hostcheck.Warn: "[warn]", hostcheck.Fail: "[FAIL]", hostcheck.Unknown: "[ ?? ]",
}

// describeChecks writes the checks as a checklist for a person.
func describeChecks(checks []hostcheck.Check) string {
	var b strings.Builder
	for _, c := range checks {
		mark, ok := statusMarks[c.Status]
		if !ok {
			mark = "[" + string(c.Status) + "]"
		}
		fmt.Fprintf(&b, "%s %s\n", mark, tr.T("host.cli.line", "Title", c.Title, "Found", c.Found))
		if !c.Fix.IsZero() {
			fmt.Fprintf(&b, "       %s\n", tr.T("host.cli.fix", "Fix", c.Fix))
		}
		if c.Snippet != "" {
			fmt.Fprintf(&b, "            %s\n", c.Snippet)
		}
		if c.Link != "" {
			fmt.Fprintf(&b, "       %s\n", tr.T("host.cli.see", "Link", c.Link))
		}
	}
	if n := toFix(checks); n > 0 {
		b.WriteString(tr.N("host.cli.summary", n) + "\n")
	} else {
		b.WriteString(tr.T("host.cli.nothing") + "\n")
	}
	return b.String()
}
