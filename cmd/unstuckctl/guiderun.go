package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"unicode"
	"unicode/utf8"

	"unstuck/device"
	"unstuck/device/guide"
	"unstuck/device/live"
	"unstuck/device/procedure"
	"unstuck/device/tr"
	"unstuck/device/watch"
)

// runGuide counts a procedure down in the terminal with the same engine
// and verdicts as the app, for the phone on show (Key "" when none was
// attached: the first to come); a bell marks each new step. During an
// update, or while its activity busy moves ("backup": Activity.Busy), it
// first says to wait, and why, as the app's guide does. With asJSON it
// prints one JSON object a line: every tick, then the verdict.
func runGuide(ctx context.Context, w *watch.Watcher, o live.Options, p procedure.Procedure, phone device.Device, busy string, asJSON bool, stdout io.Writer) error {
	key := phone.Key
	opts := guide.Options{Procedure: p, Phone: key, Note: w.Note}
	if p.Assisted() {
		opts.Reboot = live.AssistedReboot(w, o, key)
	}
	if asJSON {
		enc := json.NewEncoder(stdout)
		opts.OnTick = func(t guide.Tick) { _ = enc.Encode(tickLine(t)) }
	} else {
		// Interrupting an update is how a recovery loop begins; a force
		// restart stops a backup half way.
		if c, ok := p.Caution(phone.Mode == device.ModeRestore, busy); ok {
			fmt.Fprintf(stdout, "! %s\n! %s\n", c.Wait, c.Caution)
		}
		fmt.Fprintln(stdout, tr.T("guide.cli.run-title", "Kind", p.Kind.Name(), "Family", p.Family.Describe(), "Risk", p.Risk))
		for _, warn := range p.Warnings {
			fmt.Fprintf(stdout, "! %s\n", warn)
		}
		opts.OnTick = textTicks(p, stdout)
	}
	r := guide.New(opts)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go r.Follow(ctx, w)
	v := r.Start(ctx)
	if !asJSON {
		fmt.Fprintf(stdout, "\n%s\n", tr.Sentences(capitalize(v.Words().String()), v.Advice().String()))
	}
	switch {
	case v.Worked():
		return nil
	case v == guide.Cancelled:
		return errors.New(tr.T("guide.seen.stopped"))
	}
	return errors.New(v.Words().String())
}

// tickJSON is one line of guide --run --json: a tick, and in the last one
// (phase "done") the verdict.
type tickJSON struct {
	Phase    guide.Phase  `json:"phase"`
	Step     int          `json:"step"` // 1-based; 0 before the first step
	StepLeft float64      `json:"step_left_s"`
	Elapsed  float64      `json:"elapsed_s"`
	Total    float64      `json:"total_s"`
	Paused   bool         `json:"paused,omitempty"`
	NewStep  bool         `json:"new_step,omitempty"`
	Verdict  *verdictJSON `json:"verdict,omitempty"`
}

type verdictJSON struct {
	ID       guide.Verdict `json:"id"` // never-restarted, dfu-reached, ...
	Words    tr.Text       `json:"words"`
	Worked   bool          `json:"worked"`
	Advice   tr.Text       `json:"advice,omitzero"`
	Observed tr.Text       `json:"observed,omitzero"`
	Mode     string        `json:"mode,omitempty"` // where the phone was last seen
}

func tickLine(t guide.Tick) tickJSON {
	out := tickJSON{Phase: t.Phase, Step: t.Step + 1, StepLeft: t.StepLeft.Seconds(), Elapsed: t.Elapsed.Seconds(),
		Total: t.Total.Seconds(), Paused: t.Paused, NewStep: t.NewStep}
	if t.Step < 0 {
		out.Step = 0
	}
	if t.Phase == guide.PhaseDone {
		out.Verdict = &verdictJSON{ID: t.Verdict, Words: t.Verdict.Words(), Worked: t.Verdict.Worked(), Advice: t.Verdict.Advice(),
			Observed: t.Observed, Mode: string(t.Mode)}
	}
	return out
}

// capitalize is s with its first letter upper case, as a sentence begins.
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// textTicks prints the countdown for a person: each step, the seconds.
func textTicks(p procedure.Procedure, stdout io.Writer) func(guide.Tick) {
	lastSecond, lastPhase := -1, guide.Phase("")
	return func(t guide.Tick) {
		sec := int(math.Ceil(t.StepLeft.Seconds()))
		switch {
		case t.Phase == guide.PhaseDone:
			return
		case t.NewStep:
			st := p.Steps[t.Step]
			fmt.Fprintf(stdout, "\a\n%s\n", tr.T("guide.cli.step-of", "Step", t.Step+1, "Count", len(p.Steps), "Say", st.Say, "Detail", st.Detail()))
			lastSecond = -1
		case t.Phase != lastPhase && t.Phase == guide.PhaseGetReady:
			fmt.Fprintln(stdout, tr.T("guide.get-ready"))
		case t.Phase != lastPhase && t.Phase == guide.PhaseWaiting:
			fmt.Fprintln(stdout, "\n"+tr.T("guide.cli.let-go"))
		}
		lastPhase = t.Phase
		if sec != lastSecond && t.Phase != guide.PhaseWaiting && sec > 0 {
			fmt.Fprintf(stdout, " %d", sec)
			lastSecond = sec
		}
	}
}
