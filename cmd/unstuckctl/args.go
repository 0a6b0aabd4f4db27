package main

import (
	"flag"
	"fmt"
	"strings"
	"time"
)

// parseArgs parses a command's flags. A command that takes no arguments
// gets a usage error for any left over, and every duration flag (--wait)
// must not be negative.
func parseArgs(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return usageError(err.Error())
	}
	if fs.NArg() > 0 {
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
