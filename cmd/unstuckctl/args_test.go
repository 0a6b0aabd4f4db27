package main

import (
	"context"
	"strings"
	"testing"
	"time"
)

// Extra arguments and a negative --wait are usage errors (exit 2) in every
// command that takes no arguments.
func TestExtraArgumentsAndNegativeWaitAreUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"status", "extra"},
		{"status", "--wait", "-1s"},
		{"watch", "extra"},
		{"host", "--wait", "-5s"},
		{"report", "--wait", "-1s"},
		{"enter-recovery", "extra"},
		{"exit-recovery", "--wait", "-90s"},
		{"guide", "--procedure", "dfu", "--family", "side", "extra"},
		{"simulate", "--socket", "/tmp/x.sock", "extra"},
	} {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second) // a command that runs anyway ends
		code, _, errOut := runCLI(t, ctx, "", args...)
		cancel()
		if code != 2 || !strings.Contains(errOut, "usage") {
			t.Errorf("%v: exit %d, stderr %.120q", args, code, errOut)
		}
		if strings.Contains(strings.Join(args, " "), "-wait") && !strings.Contains(errOut, "--wait must not be negative") {
			t.Errorf("%v: stderr %.120q does not name --wait", args, errOut)
		}
	}
}

// An unknown family is named, with the valid ones.
func TestGuideUnknownFamily(t *testing.T) {
	code, _, errOut := runCLI(t, context.Background(), "", "guide", "--procedure", "dfu", "--family", "nosuch")
	if code != 2 || !strings.Contains(errOut, `unknown family "nosuch"`) || !strings.Contains(errOut, "side, iphone7, home-side, home-top") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

// More than MaxInput on standard input: what was read is identified and
// the rest is said not to be.
func TestIdentifySaysWhenInputWasCut(t *testing.T) {
	in := "CPID: 0x8015\nBDID: 0x06\n" + strings.Repeat("x", 1<<20)
	code, out, errOut := runCLI(t, context.Background(), in, "identify")
	if code != 0 || !strings.Contains(out, "iPhone X") || !strings.Contains(errOut, "only the first 1 MiB") {
		t.Errorf("exit %d, stderr %q, stdout %.200q", code, errOut, out)
	}
	code, _, errOut = runCLI(t, context.Background(), "CPID: 0x8015\n", "identify")
	if code != 0 || errOut != "" {
		t.Errorf("short input: exit %d, stderr %q", code, errOut)
	}
}

// COMMAND --help (or -h) prints that command's usage lines and flags on
// standard output and exits 0; it runs nothing.
func TestCommandHelp(t *testing.T) {
	for _, c := range []struct {
		command string
		flags   []string
	}{
		{"status", []string{"json", "wait", "sysfs", "pair"}},
		{"watch", []string{"json", "sysfs"}},
		{"identify", []string{"text"}},
		{"simulate", []string{"socket", "scenario", "list", "flap-every"}},
		{"exit-recovery", []string{"yes", "wait", "sysfs"}},
		{"enter-recovery", []string{"yes", "wait", "sysfs"}},
		{"guide", []string{"procedure", "model", "family", "json", "run", "sysfs"}},
		{"host", []string{"json", "wait", "sysfs"}},
		{"backups", []string{"json", "udid", "dir"}},
		{"report", []string{"format", "out", "no-redact", "yes", "wait", "sysfs"}},
	} {
		for _, help := range []string{"--help", "-h"} {
			code, out, errOut := runCLI(t, context.Background(), "", c.command, help)
			if code != 0 || errOut != "" {
				t.Errorf("%s %s: exit %d, stderr %q", c.command, help, code, errOut)
			}
			if !strings.HasPrefix(out, "usage:\n  unstuckctl "+c.command+" ") || strings.Contains(out, "unstuckctl --version") {
				t.Errorf("%s %s: usage not the command's own:\n%s", c.command, help, out)
			}
			for _, f := range c.flags {
				if !strings.Contains(out, "\n  -"+f+" ") && !strings.Contains(out, "\n  -"+f+"\n") {
					t.Errorf("%s %s: flag -%s not listed:\n%s", c.command, help, f, out)
				}
			}
		}
	}
}

// The flag package's mistakes are said from the catalogue, the parser's
// own detail kept as it is.
func TestFlagErrorsInGerman(t *testing.T) {
	noLocale(t)
	for args, want := range map[string]string{
		"status --nosuch":    "die Option -nosuch gibt es nicht",
		"status --wait":      "die Option -wait braucht einen Wert",
		"status --wait soon": "soon ist kein gültiger Wert für -wait (parse error)",
		"status --json=vllt": "vllt ist kein gültiger Wert für -json (parse error)",
	} {
		code, _, errOut := runCLI(t, context.Background(), "", append([]string{"--lang", "de"}, strings.Fields(args)...)...)
		if code != 2 || !strings.HasPrefix(errOut, "unstuckctl: "+want+"\nAufruf:\n") {
			t.Errorf("%s: exit %d, %q", args, code, errOut)
		}
	}
}
