package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"unstuck/device"
	"unstuck/device/backup"
	"unstuck/device/fixture"
	"unstuck/device/guide"
	"unstuck/device/hostcheck"
	"unstuck/device/ladder"
	"unstuck/device/tr"
)

// tabMoment is one state of the Guide me, Fix it step by step or This
// computer tab that the language tests show: set brings the screens to it.
type tabMoment struct {
	name string
	tab  int
	set  func(s *Screens)
}

// otherTabMoments: the guide with and without a phone, in each phase and
// with each verdict; the ladder with steps to do and all done; the checks,
// the backups and the report panel in each answer, the report saved.
func otherTabMoments() []tabMoment {
	recovery := fixture.State(fixture.IPhoneX(device.ModeRecovery))
	tick := func(tk guide.Tick) func(*Screens) {
		return func(s *Screens) { s.Apply(recovery); s.Guide.View.ApplyTick(tk) }
	}
	out := []tabMoment{
		{"guide-empty", TabGuide, func(s *Screens) { s.Apply(fixture.State()) }},
		{"guide-phone", TabGuide, func(s *Screens) { s.Apply(recovery) }},
		{"guide-updating", TabGuide, func(s *Screens) { s.Apply(recovery); s.Guide.View.SetUpdating("wait", "caution") }},
		{"guide-get-ready", TabGuide, tick(guide.Tick{Phase: guide.PhaseGetReady, Step: -1, StepLeft: 2 * time.Second, Total: 29 * time.Second})},
		{"guide-step", TabGuide, tick(guide.Tick{Phase: guide.PhaseStep, StepLeft: 3 * time.Second, Elapsed: 4 * time.Second, Total: 29 * time.Second})},
		{"guide-paused", TabGuide, tick(guide.Tick{Phase: guide.PhaseStep, StepLeft: 3 * time.Second, Paused: true, Total: 29 * time.Second})},
		{"guide-waiting", TabGuide, tick(guide.Tick{Phase: guide.PhaseWaiting, Step: 2, StepLeft: 7 * time.Second, Total: 29 * time.Second})},
	}
	for _, v := range []guide.Verdict{guide.NeverRestarted, guide.PhoneAppeared, guide.DFUReached, guide.RecoveryReached,
		guide.RecoveryInstead, guide.BootedNormally, guide.Restarted, guide.NoReconnect, guide.AlreadyInMode,
		guide.RebootFailed, guide.Cancelled, ""} {
		out = append(out, tabMoment{"guide-done-" + string(v), TabGuide,
			tick(guide.Tick{Phase: guide.PhaseDone, Verdict: v, Mode: device.ModeRecovery, Observed: "it restarted", Total: 29 * time.Second})})
	}
	statuses := []ladder.Status{ladder.Done, ladder.CheckedOK, ladder.NotApplicable}
	out = append(out,
		tabMoment{"ladder-empty", TabLadder, func(s *Screens) { s.Apply(fixture.State()) }},
		tabMoment{"ladder-recovery", TabLadder, func(s *Screens) { s.Apply(recovery) }},
		tabMoment{"ladder-all-done", TabLadder, func(s *Screens) {
			steps := ladder.Evaluate(ladder.Input{State: recovery, Now: now})
			for i := range steps {
				steps[i].Status = statuses[i%len(statuses)]
				steps[i].Manual = true
			}
			s.Computer.Ladder.Apply(steps)
		}},
		tabMoment{"computer-saved", TabComputer, func(s *Screens) {
			s.Apply(fixture.State())
			s.Computer.Report.afterSave("/home/ana/unstuck-report.zip", nil, nil, now)
		}},
		tabMoment{"computer-unchecked", TabComputer, func(s *Screens) {
			s.Apply(fixture.State())
			s.Computer.Host.Apply(nil, time.Time{})
			s.Computer.Backups.Apply(backup.Result{}, nil)
		}},
	)
	checks := []hostcheck.Check{
		{ID: "a", Title: "usbmuxd", Status: hostcheck.Warn, Found: "not running", Fix: "start it", Link: "https://support.apple.com/x"},
		{ID: "b", Title: "udev", Status: hostcheck.Fail, Found: "no rule", Fix: "add it", Snippet: "SUBSYSTEM==usb"},
		{ID: "c", Title: "fine", Status: hostcheck.OK, Found: "all good"}}
	for n, backups := range map[string]func(*BackupList){
		"connect": func(l *BackupList) { l.Apply(foundBackups(), nil) },
		"none":    func(l *BackupList) { l.Apply(foundBackups(), []string{"another"}) },
		"newest":  func(l *BackupList) { l.Apply(foundBackups(), []string{backupUDIDX}) },
	} {
		problems := map[string]int{"connect": 0, "none": 1, "newest": 3}[n]
		out = append(out, tabMoment{"computer-" + n, TabComputer, func(s *Screens) {
			s.Apply(recovery)
			s.Computer.Host.Apply(checks[:problems], now)
			s.Computer.Backups.Now = func() time.Time { return now }
			backups(s.Computer.Backups)
		}})
	}
	return out
}

// otherTabsNotYetTranslated are the three tabs' parts whose words are not
// the ui's own: the device packages' (the procedures' names, steps, risks
// and warnings; the ladder's steps; the host checks' findings; the backups'
// sizes and ages), which stay English while the report, which shares them,
// must stay English; and data (names, the family picker's models). The
// walk leaves them out; wrapped lists those that are a catalogue message
// filled with such words: only their wrapper is checked.
func otherTabsNotYetTranslated(s *Screens) (skip map[fyne.CanvasObject]string, wrapped map[*widget.Label]string) {
	g, c := s.Guide.View, s.Computer
	skip = map[fyne.CanvasObject]string{
		g.Title: "the procedure's name (device/procedure) and the model's name", g.Risk: "the procedure's risk (device/procedure)",
		g.Wait: "the update's wait and caution (device/procedure's cautions)", g.Advice: "the verdict's advice (device/guide)",
		g.Picker: "the families' models (device/procedure.Models); its placeholder is checked", s.Guide.Kinds: "the procedures' names (device/procedure)",
		g.Family: "wrapped", g.Say: "the step's words (device/procedure), wrapped before the first", g.See: "the step's words (device/procedure), or ours while waiting",
		g.Observed: "wrapped", c.Ladder.Summary: "wrapped", c.Ladder.Handoff.Content(): "the hand-off (device/handoff)",
		c.Backups.Others: "wrapped", g.Phone: "the drawn phone: the step's action (device/procedure)",
	}
	for _, l := range g.Steps {
		skip[l] = "the step's words (device/procedure)"
	}
	for _, d := range g.Details {
		skip[d] = "the step's detail: buttons and until (ui/guide_words.go's stepDetail, device/procedure's Until)"
	}
	for _, l := range g.Warnings {
		skip[l] = "the procedure's warnings (device/procedure)"
	}
	for _, r := range c.Ladder.Rows {
		skip[r.Title], skip[r.What], skip[r.Detail] = "the step (device/ladder)", "the step (device/ladder)", "what was seen (device/ladder)"
	}
	for _, r := range c.Host.Rows {
		skip[r.Title], skip[r.Found], skip[r.Fix], skip[r.Snippet] = "device/hostcheck", "device/hostcheck", "device/hostcheck", "device/hostcheck"
		skip[r.Link] = "wrapped: the vendor's host name (data)"
	}
	if g.attached {
		skip[g.ModeLine] = "data: the attached phone's name"
	}
	wrapped = map[*widget.Label]string{
		g.Family: "the buttons (device/catalog Family.Describe)", g.Observed: "what the phone did (device/guide)",
		c.Ladder.Summary: "the next step's title (device/ladder)", c.Backups.Others: "the other backups' names (data), each line a message",
	}
	if g.Say.Text != "" && g.Status.Text == tr.T("guide.get-ready") {
		wrapped[g.Say] = "the first step (device/procedure)"
	}
	if g.See.Text == tr.T("guide.keep-cable") {
		wrapped[g.See] = "ours while waiting"
	}
	return skip, wrapped
}

// TestOtherTabsInThePseudoLanguage renders the Guide me, Fix it step by
// step and This computer tabs in tr.Pseudo in every moment and finds every
// text shown that did not come from the catalogue, except those
// otherTabsNotYetTranslated lists (whose wrappers are checked).
func TestOtherTabsInThePseudoLanguage(t *testing.T) {
	speak(t, tr.Pseudo)
	s, w := newScreens(t)
	s.Main.Card.Now = func() time.Time { return now }
	w.Resize(WindowSize)
	for _, m := range otherTabMoments() {
		m.set(s)
		s.Tabs.SelectIndex(m.tab)
		settle(w)
		skip, wrapped := otherTabsNotYetTranslated(s)
		said := 0
		texts(s.Tabs.Items[m.tab].Content, skip, func(text string, o fyne.CanvasObject) {
			if !bracketed(text) {
				t.Errorf("%s: %T shows %q, not from the catalogue", m.name, o, text)
			} else if strings.Contains(text, "[") {
				said++
			}
		})
		for l, why := range wrapped {
			if l.Visible() && l.Text != "" && !strings.HasPrefix(l.Text, "[") {
				t.Errorf("%s: %q is not a catalogue message around %s", m.name, l.Text, why)
			}
		}
		if !bracketed(s.Guide.View.Picker.PlaceHolder) {
			t.Errorf("the picker's placeholder %q", s.Guide.View.Picker.PlaceHolder)
		}
		if said < 4 {
			t.Errorf("%s: the walk found only %d texts", m.name, said)
		}
	}
}

// TestOtherTabsFitSmallScreensInGerman: in German, the longest of the
// seven, the three tabs fit a 1024x600 screen in every moment, and no
// label's text is cut short (see fitsSmallScreen).
func TestOtherTabsFitSmallScreensInGerman(t *testing.T) {
	fitsSmallScreenIn(t, "de", otherTabMoments())
}
