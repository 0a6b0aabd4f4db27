package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"
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
		return usageError(err.Error())
	}
	if !takesArgs && fs.NArg() > 0 {
		return usageError(fmt.Sprintf("%s takes no arguments, got %s", fs.Name(), strings.Join(fs.Args(), " ")))
	}
	var err error
	fs.Visit(func(f *flag.Flag) {
		g, ok := f.Value.(flag.Getter)
		if !ok {
			return
		}
		if d, isDuration := g.Get().(time.Duration); isDuration && d < 0 && err == nil {
			err = usageError(fmt.Sprintf("--%s must not be negative, got %s", f.Name, d))
		}
	})
	return err
}

// helpRequest is --help (or -h) given to a command: run prints the
// command's lines of the usage and its flags, and exits 0.
type helpRequest struct{ fs *flag.FlagSet }

func (h helpRequest) Error() string { return h.fs.Name() + ": help requested" }

func (h helpRequest) print(w io.Writer) error {
	var b strings.Builder
	b.WriteString("usage:\n")
	for line := range strings.Lines(usage) {
		if strings.HasPrefix(line, "  unstuckctl "+h.fs.Name()+" ") {
			b.WriteString(line)
		}
	}
	b.WriteString("\nflags:\n")
	h.fs.SetOutput(&b)
	h.fs.PrintDefaults()
	h.fs.SetOutput(io.Discard)
	_, err := io.WriteString(w, b.String())
	return err
}
