package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"unstuck/device"
	"unstuck/device/action"
	"unstuck/device/live"
	"unstuck/device/tr"
	"unstuck/device/watch"
)

func cmdModeAction(ctx context.Context, a action.Action, name string, args []string, stdin io.Reader, stdout io.Writer) error {
	fs := newFlags(name)
	yes := fs.Bool("yes", false, tr.T("cli.flag.yes-action"))
	sysfs := fs.String("sysfs", "", tr.T("cli.flag.sysfs"))
	wait := fs.Duration("wait", 90*time.Second, tr.T("cli.flag.wait-back"))
	if err := parseArgs(fs, args); err != nil {
		return err
	}
	opts := live.Options{SysfsRoot: *sysfs}
	w, stop := live.Start(ctx, opts, live.FirstReadingWait)
	defer stop()
	if err := ctx.Err(); err != nil {
		return err
	}
	var found []device.Device
	for _, d := range w.State().Devices {
		if d.Mode == a.From { // an untrusted phone is told to tap Trust by Act
			found = append(found, d)
		}
	}
	switch {
	case len(found) == 0:
		return errors.New(tr.T("ladder.cli.no-phone", "Mode", tr.Msg(a.From.MessageID("words"))))
	case len(found) > 1:
		return errors.New(tr.T("ladder.cli.more-than-one", "Mode", tr.Msg(a.From.MessageID("words"))))
	}
	phone := found[0]
	if !*yes {
		ok, err := newPrompter(ctx, stdin, stdout).yes(tr.T("ladder.cli.continue", "Question", a.Question(phone)))
		if err != nil {
			return fmt.Errorf("%w: %s", err, tr.T("ladder.cli.no-answer"))
		}
		if !ok {
			fmt.Fprintln(stdout, tr.T("ladder.cli.nothing-sent"))
			return nil
		}
	}
	if err := live.Do(ctx, opts, a, phone); err != nil {
		return err
	}
	w.Note(device.Event{Key: phone.Key, Device: phone.Name(), Detail: a.Note})
	fmt.Fprintln(stdout, tr.T("ladder.cli.watching", "Sent", a.Sent, "Wait", wait.String()))
	return follow(ctx, a, w, phone, *wait, stdout)
}

// follow waits for the phone to leave and come back, and says how.
func follow(ctx context.Context, a action.Action, w *watch.Watcher, phone device.Device, wait time.Duration, stdout io.Writer) error {
	states, unsub := w.Latest()
	defer unsub()
	timeout := time.After(wait)
	left := false
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-timeout:
			return errors.New(tr.T("ladder.cli.not-back", "Wait", wait.String()))
		case s := <-states:
			d, here := s.Find(phone.Key)
			if !here {
				left = true
				continue
			}
			switch {
			case d.Mode == a.To:
				_, err := fmt.Fprintln(stdout, a.Arrived(d))
				return err
			case d.Mode == a.From && left:
				return errors.New(a.CameBack.String())
			}
		}
	}
}
