// Command unstuckctl is Unstuck's command line: the same live facts as the
// app, for support staff and scripts.
//
//	unstuckctl status [--json]      one snapshot of the attached phones
//	unstuckctl watch [--json]       a line (or JSON line) per change
//	unstuckctl identify [TEXT]      explain identifiers in pasted text (or stdin)
//	unstuckctl simulate --socket PATH --scenario NAME|FILE
//	                                run the usbmuxd + lockdownd simulator
//	unstuckctl exit-recovery [--yes]  leave recovery mode without erasing
//	unstuckctl enter-recovery [--yes] restart a running phone into recovery mode
//	unstuckctl guide --procedure KIND --model|--family X [--json]
//	                                print a button sequence with its sources
//	unstuckctl host [--json]        check this computer's side of the connection
//	unstuckctl backups [--json]     the iPhone backups on this computer (read-only)
//	unstuckctl report [--format F]  a diagnostic report, identifiers redacted
//	unstuckctl --version            the version, the same as the app's
//
// Every command takes --lang LANG; without it the language comes from
// LC_ALL, LC_MESSAGES, LANG or the system (device/tr).
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"syscall"

	"unstuck/device/action"
	"unstuck/device/tr"
	"unstuck/device/version"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is main without the process: it returns the exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	args, err := takeLang(args)
	if err != nil {
		fmt.Fprintln(stderr, "unstuckctl:", err)
		return 2
	}
	if len(args) == 0 {
		fmt.Fprint(stderr, usage())
		return 2
	}
	switch args[0] {
	case "status":
		err = cmdStatus(ctx, args[1:], stdout)
	case "watch":
		err = cmdWatch(ctx, args[1:], stdout)
	case "identify":
		err = cmdIdentify(args[1:], stdin, stdout, stderr)
	case "simulate":
		err = cmdSimulate(ctx, args[1:], stdout)
	case "guide":
		err = cmdGuide(ctx, args[1:], stdout)
	case "exit-recovery":
		err = cmdModeAction(ctx, action.ExitRecovery, args[0], args[1:], stdin, stdout)
	case "enter-recovery":
		err = cmdModeAction(ctx, action.EnterRecovery, args[0], args[1:], stdin, stdout)
	case "host":
		err = cmdHost(ctx, args[1:], stdout)
	case "backups":
		err = cmdBackups(ctx, args[1:], stdout)
	case "report":
		err = cmdReport(ctx, args[1:], stdin, stdout)
	case "version", "--version", "-version":
		fmt.Fprintln(stdout, "unstuckctl", version.String())
		return 0
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage())
		return 0
	default:
		fmt.Fprintf(stderr, "unstuckctl: %s\n%s", tr.T("cli.unknown-command", "Command", strconv.Quote(args[0])), usage())
		return 2
	}
	var help helpRequest
	if errors.As(err, &help) {
		if help.print(stdout) != nil {
			return 1
		}
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "unstuckctl:", err)
		if _, ok := err.(usageError); ok {
			return 2
		}
		return 1
	}
	return 0
}

// usageError is a mistake in the arguments, in the person's language: run
// prints it with the usage and exits 2.
type usageError string

func (e usageError) Error() string { return string(e) + "\n" + usage() }
