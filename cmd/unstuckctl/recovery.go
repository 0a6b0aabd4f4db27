package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"unstuck/device"
	"unstuck/device/live"
	"unstuck/device/watch"
)

// modeAction is what exit-recovery and enter-recovery share: find the one
// phone in the starting mode, confirm, act, then follow it to the next mode.
type modeAction struct {
	from, to device.Mode
	confirm  func(d device.Device) string
	act      func(ctx context.Context, o live.Options, d device.Device) error
	note     string
	success  func(d device.Device) string
	// cameBack is the error when the phone returns in the mode it left.
	cameBack string
}

var exitRecovery = modeAction{
	from: device.ModeRecovery, to: device.ModeNormal,
	confirm: func(d device.Device) string {
		return fmt.Sprintf("This asks the %s in recovery mode to start normally (it sets auto-boot and reboots).\n"+
			"Nothing is erased. If iOS is damaged it will come back in recovery mode. Continue? [y/N] ", d.Name())
	},
	act:  live.ExitRecovery,
	note: "asked to leave recovery mode (setenv auto-boot true, saveenv, reboot)",
	success: func(d device.Device) string {
		return fmt.Sprintf("It left recovery mode: the %s is running normally.", d.Name())
	},
	cameBack: "it came back in recovery mode: iOS may need an update. Updating from Finder, iTunes or the Apple Devices app keeps your data",
}

var enterRecovery = modeAction{
	from: device.ModeNormal, to: device.ModeRecovery,
	confirm: func(d device.Device) string {
		return fmt.Sprintf("This restarts the %s into recovery mode: its screen will show a computer and a cable.\n"+
			"Nothing is erased. To leave it again: unstuckctl exit-recovery, or a force restart. Continue? [y/N] ", d.Name())
	},
	act:      live.EnterRecovery,
	note:     "asked to enter recovery mode (lockdown EnterRecovery)",
	success:  func(d device.Device) string { return fmt.Sprintf("The %s is in recovery mode.", d.Name()) },
	cameBack: "it restarted normally instead of into recovery mode: try the recovery-mode button sequence (unstuckctl guide --procedure recovery)",
}

func cmdModeAction(ctx context.Context, a modeAction, name string, args []string, stdin io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	yes := fs.Bool("yes", false, "do not ask for confirmation")
	sysfs := fs.String("sysfs", "", "read USB devices from this sysfs tree instead of /sys")
	wait := fs.Duration("wait", 90*time.Second, "how long to watch for the phone to come back")
	if err := parseArgs(fs, args); err != nil {
		return err
	}
	opts := live.Options{SysfsRoot: *sysfs}
	w, stop := startWatcher(ctx, opts)
	defer stop()
	if err := ctx.Err(); err != nil {
		return err
	}
	var found []device.Device
	for _, d := range w.State().Devices {
		if d.Mode == a.from {
			found = append(found, d)
		}
	}
	switch {
	case len(found) == 0:
		return fmt.Errorf("no phone in %s mode is connected", a.from)
	case len(found) > 1:
		return fmt.Errorf("more than one phone is in %s mode: connect only the one to restart", a.from)
	}
	phone := found[0]
	if !*yes {
		ok, err := newPrompter(ctx, stdin, stdout).yes(a.confirm(phone))
		if err != nil {
			return fmt.Errorf("%w: nothing was sent (--yes skips the question)", err)
		}
		if !ok {
			fmt.Fprintln(stdout, "Nothing was sent.")
			return nil
		}
	}
	if err := a.act(ctx, opts, phone); err != nil {
		return err
	}
	w.Note(device.Event{Key: phone.Key, Device: phone.Name(), Detail: a.note})
	fmt.Fprintf(stdout, "Sent. Watching for the phone to come back (up to %s)...\n", *wait)
	return a.follow(ctx, w, phone, *wait, stdout)
}

// follow waits for the phone to leave and come back, and says how.
func (a modeAction) follow(ctx context.Context, w *watch.Watcher, phone device.Device, wait time.Duration, stdout io.Writer) error {
	states, unsub := w.Latest()
	defer unsub()
	timeout := time.After(wait)
	left := false
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-timeout:
			return fmt.Errorf("the phone did not come back within %s: check the cable, or force-restart it", wait)
		case s := <-states:
			d, here := s.Find(phone.Key)
			if !here {
				left = true
				continue
			}
			switch {
			case d.Mode == a.to:
				_, err := fmt.Fprintln(stdout, a.success(d))
				return err
			case d.Mode == a.from && left:
				return errors.New(a.cameBack)
			}
		}
	}
}
