package main

import (
	"errors"
	"flag"
	"io"
	"strconv"
	"strings"
	"time"

	"unstuck/device/tr"
)

// newFlags is a command's flag set; the command declares its flags on it
// and parses them with parseArgs (or parseWithArgs). The set prints
// nothing itself: a mistake becomes a usageError and --help a helpRequest,
// which run prints.
func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parseArgs parses a command's flags. A command that takes no arguments
// gets a usage error for any left over, and every duration flag (--wait)
// must not be negative.
func parseArgs(fs *flag.FlagSet, args []string) error { return parse(fs, args, false) }

// parseWithArgs is parseArgs for a command that takes arguments after its
// flags (identify's TEXT): they stay in fs.Args().
func parseWithArgs(fs *flag.FlagSet, args []string) error { return parse(fs, args, true) }

func parse(fs *flag.FlagSet, args []string, takesArgs bool) error {
	if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
		return helpRequest{fs}
	} else if err != nil {
		return usageError(flagError(err).String())
	}
	if !takesArgs && fs.NArg() > 0 {
		return usageError(tr.T("cli.arg.no-args", "Command", fs.Name(), "Args", strings.Join(fs.Args(), " ")))
	}
	var err error
	fs.Visit(func(f *flag.Flag) {
		g, ok := f.Value.(flag.Getter)
		if !ok {
			return
		}
		if d, isDuration := g.Get().(time.Duration); isDuration && d < 0 && err == nil {
			err = usageError(tr.T("cli.arg.negative", "Flag", f.Name, "Value", d.String()))
		}
	})
	return err
}

// flagError is the flag package's error in words from the catalogue: an
// unknown flag, a flag without its value, a value that does not parse
// (the parser's own words kept as they are); anything else as it is.
func flagError(err error) tr.Text {
	msg := err.Error()
	if f, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		return tr.Msg("cli.arg.unknown-flag", "Flag", f)
	}
	if f, ok := strings.CutPrefix(msg, "flag needs an argument: -"); ok {
		return tr.Msg("cli.arg.needs-value", "Flag", f)
	}
	// invalid value "x" for flag -wait: parse error; invalid boolean value "x" for -json: ...
	for _, prefix := range []string{"invalid value ", "invalid boolean value "} {
		rest, ok := strings.CutPrefix(msg, prefix)
		q, err := strconv.QuotedPrefix(rest)
		if !ok || err != nil {
			continue
		}
		value, _ := strconv.Unquote(q)
		rest = strings.TrimPrefix(strings.TrimPrefix(rest[len(q):], " for flag -"), " for -")
		f, why, _ := strings.Cut(rest, ": ")
		return tr.Msg("cli.arg.bad-value", "Value", value, "Flag", f, "Error", why)
	}
	return tr.Raw(msg)
}
