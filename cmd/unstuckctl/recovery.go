package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"unstuck/device"
	"unstuck/device/live"
	"unstuck/device/usbsource"
)

// cmdExitRecovery asks a phone in recovery mode to boot normally (what
// `irecovery -n` does), after a confirmation, and watches what it does next.
func cmdExitRecovery(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet("exit-recovery", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	yes := fs.Bool("yes", false, "do not ask for confirmation")
	sysfs := fs.String("sysfs", "", "read USB devices from this sysfs tree instead of /sys")
	wait := fs.Duration("wait", 90*time.Second, "how long to watch for the phone to come back")
	if err := fs.Parse(args); err != nil {
		return usageError(err.Error())
	}
	opts := live.Options{SysfsRoot: *sysfs}
	w := live.NewWatcher(opts)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan struct{})
	go func() { w.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()
	select {
	case <-w.Ready():
	case <-time.After(5 * time.Second):
	case <-ctx.Done():
		return ctx.Err()
	}
	var phone device.Device
	var found []device.Device
	for _, d := range w.State().Devices {
		if d.Mode == device.ModeRecovery {
			found = append(found, d)
		}
	}
	switch len(found) {
	case 0:
		return errors.New("no phone in recovery mode is connected")
	case 1:
		phone = found[0]
	default:
		return errors.New("more than one phone is in recovery mode: connect only the one to restart")
	}
	if !*yes {
		fmt.Fprintf(stdout, "This asks the %s in recovery mode to start normally (it sets auto-boot and reboots).\n", phone.Name())
		fmt.Fprint(stdout, "Nothing is erased. If iOS is damaged it will come back in recovery mode. Continue? [y/N] ")
		answer, _ := bufio.NewReader(stdin).ReadString('\n')
		if a := strings.ToLower(strings.TrimSpace(answer)); a != "y" && a != "yes" {
			fmt.Fprintln(stdout, "Nothing was sent.")
			return nil
		}
	}
	src := usbsource.New(usbsource.Options{SysfsRoot: *sysfs})
	defer src.Close()
	if err := src.SendIBootCommands(ctx, phone.USB.Bus, phone.USB.Address, usbsource.ExitRecoveryCommands...); err != nil {
		return err
	}
	w.Note(device.Event{Key: phone.Key, Device: phone.Name(), Detail: "asked to leave recovery mode (setenv auto-boot true, saveenv, reboot)"})
	fmt.Fprintf(stdout, "Sent. Watching for the phone to come back (up to %s)...\n", *wait)
	return followExit(ctx, w, phone, *wait, stdout)
}

// followExit waits for the phone to leave and come back, and says how.
func followExit(ctx context.Context, w *device.Watcher, phone device.Device, wait time.Duration, stdout io.Writer) error {
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
			case d.Mode == device.ModeNormal:
				_, err := fmt.Fprintf(stdout, "It left recovery mode: the %s is running normally.\n", d.Name())
				return err
			case d.Mode == device.ModeRecovery && left:
				return errors.New("it came back in recovery mode: iOS may need an update. Updating from Finder, iTunes or the Apple Devices app keeps your data")
			}
		}
	}
}
