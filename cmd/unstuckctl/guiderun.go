package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"

	"unstuck/device/guide"
	"unstuck/device/live"
	"unstuck/device/procedure"
	"unstuck/device/watch"
)

// runGuide counts a procedure down in the terminal with the same engine
// and verdicts as the app, for the phone with key ("" when none was
// attached: the first to come); a bell marks each new step.
func runGuide(ctx context.Context, w *watch.Watcher, o live.Options, p procedure.Procedure, key string, stdout io.Writer) error {
	fmt.Fprintf(stdout, "%s for the %s. Risk: %s\n", p.Kind, p.Family.Describe(), p.Risk)
	for _, warn := range p.Warnings {
		fmt.Fprintf(stdout, "! %s\n", warn)
	}
	lastSecond, lastPhase := -1, guide.Phase("")
	opts := guide.Options{Procedure: p, Phone: key, Note: w.Note}
	if p.Assisted() {
		opts.Reboot = live.AssistedReboot(w, o, key)
	}
	opts.OnTick = func(t guide.Tick) {
		sec := int(math.Ceil(t.StepLeft.Seconds()))
		switch {
		case t.Phase == guide.PhaseDone:
			return
		case t.NewStep:
			st := p.Steps[t.Step]
			fmt.Fprintf(stdout, "\a\nStep %d of %d: %s (%s %s)\n", t.Step+1, len(p.Steps), st.Say, st.Action, strings.Join(buttonNames(st.Buttons), " + "))
			lastSecond = -1
		case t.Phase != lastPhase && t.Phase == guide.PhaseGetReady:
			fmt.Fprintln(stdout, "Get ready...")
		case t.Phase != lastPhase && t.Phase == guide.PhaseWaiting:
			fmt.Fprintln(stdout, "\nLet go. Waiting for the phone to show up...")
		}
		lastPhase = t.Phase
		if sec != lastSecond && t.Phase != guide.PhaseWaiting && sec > 0 {
			fmt.Fprintf(stdout, " %d", sec)
			lastSecond = sec
		}
	}
	r := guide.New(opts)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go r.Follow(ctx, w)
	v := r.Start(ctx)
	fmt.Fprintf(stdout, "\n%s: %s\n", v, v.Advice())
	switch v {
	case guide.DFUReached, guide.RecoveryReached, guide.Restarted, guide.AlreadyInMode:
		return nil
	case guide.Cancelled:
		return errors.New("stopped")
	}
	return fmt.Errorf("%s", v)
}
