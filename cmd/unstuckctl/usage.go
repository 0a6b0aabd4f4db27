package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"unstuck/device/tr"
)

// command is one entry of the usage: the command's name, its syntax as it
// is typed (commands, flags and placeholders: the same in every language)
// and the catalogue's ID of what it does.
type command struct{ name, syntax, about string }

// commands are the usage's entries, in the order it lists them.
var commands = []command{
	{"status", "status [--json] [--pair] [--wait DURATION] [--sysfs DIR] [--backup-dir DIR]...", "cli.usage.status"},
	{"watch", "watch [--json] [--sysfs DIR] [--backup-dir DIR]...", "cli.usage.watch"},
	{"identify", "identify [--text] [TEXT]", "cli.usage.identify"},
	{"simulate", "simulate --socket PATH [--scenario NAME|FILE] [--flap-every DURATION] [--list]", "cli.usage.simulate"},
	{"exit-recovery", "exit-recovery [--yes] [--wait DURATION]", "cli.usage.exit-recovery"},
	{"enter-recovery", "enter-recovery [--yes] [--wait DURATION]", "cli.usage.enter-recovery"},
	{"guide", "guide --procedure force-restart|recovery|dfu|dfu-assisted (--model PRODUCT_TYPE | --family NAME) [--json]", "cli.usage.guide"},
	{"guide", "guide --run --procedure KIND [--model PRODUCT_TYPE | --family NAME]", "cli.usage.guide-run"},
	{"host", "host [--json] [--wait DURATION] [--sysfs DIR]", "cli.usage.host"},
	{"backups", "backups [--json] [--udid UDID] [--dir DIR]...", "cli.usage.backups"},
	{"report", "report [--format json|html|text|zip] [--out FILE] [--no-redact] [--yes] [--backup-dir DIR]...", "cli.usage.report"},
	{"--version", "--version", "cli.usage.version"},
}

// usage is every command's entry and how the language is chosen, in the
// current language.
func usage() string {
	var b strings.Builder
	b.WriteString(tr.T("cli.usage.title") + "\n")
	for _, c := range commands {
		writeCommand(&b, c)
	}
	b.WriteString("\n" + tr.T("cli.usage.lang", "Languages", spoken()) + "\n")
	return b.String()
}

// writeCommand writes one entry: its syntax, then what it does, indented.
func writeCommand(b *strings.Builder, c command) {
	fmt.Fprintf(b, "  unstuckctl %s\n      %s\n", c.syntax, tr.T(c.about))
}

// helpRequest is --help (or -h) given to a command: run prints the
// command's entries of the usage and its flags, and exits 0.
type helpRequest struct{ fs *flag.FlagSet }

func (h helpRequest) Error() string { return h.fs.Name() + ": help requested" }

func (h helpRequest) print(w io.Writer) error {
	var b strings.Builder
	b.WriteString(tr.T("cli.usage.title") + "\n")
	for _, c := range commands {
		if c.name == h.fs.Name() {
			writeCommand(&b, c)
		}
	}
	b.WriteString("\n" + tr.T("cli.usage.flags") + "\n")
	h.fs.VisitAll(func(f *flag.Flag) { writeFlag(&b, f, placeholder(h.fs.Name(), f)) })
	_, err := io.WriteString(w, b.String())
	return err
}

// placeholder is what a flag's value is called in the command's usage
// ("--sysfs DIR": DIR), else in another command's, else its type in
// capitals (DURATION); "" for a switch.
func placeholder(cmd string, f *flag.Flag) string {
	name, _ := flag.UnquoteUsage(f)
	if name == "" {
		return ""
	}
	for _, own := range []bool{true, false} { // the command's own entries first
		for _, c := range commands {
			if _, after, ok := strings.Cut(c.syntax, "--"+f.Name+" "); ok && (c.name == cmd) == own {
				v, _, _ := strings.Cut(after, " ")
				return strings.TrimRight(v, "]).")
			}
		}
	}
	return strings.ToUpper(name)
}

// writeFlag writes one flag as flag.PrintDefaults does ("  -wait DURATION",
// then its help on the next line), with the default in the current
// language. The help is the catalogue's text the command declared the
// flag with.
func writeFlag(b *strings.Builder, f *flag.Flag, value string) {
	_, help := flag.UnquoteUsage(f)
	b.WriteString("  -" + f.Name)
	if value != "" {
		b.WriteString(" " + value)
	}
	b.WriteString("\n    \t" + strings.ReplaceAll(help, "\n", "\n    \t"))
	switch f.DefValue {
	case "", "0", "0s", "false", "[]":
	default:
		b.WriteString(" " + tr.T("cli.flag.default", "Value", f.DefValue))
	}
	b.WriteString("\n")
}
