package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"unstuck/device"
	"unstuck/device/backup"
	"unstuck/device/catalog"
	"unstuck/device/fixture"
	"unstuck/device/guide"
	"unstuck/device/hostcheck"
	"unstuck/device/ladder"
	"unstuck/device/procedure"
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
		{"guide-updating", TabGuide, func(s *Screens) {
			s.Apply(recovery)
			p, _ := procedure.For(catalog.Side, procedure.ForceRestart)
			s.Guide.View.SetUpdating(p.DuringUpdate.Wait, p.DuringUpdate.Caution)
		}},
		{"guide-get-ready", TabGuide, tick(guide.Tick{Phase: guide.PhaseGetReady, Step: -1, StepLeft: 2 * time.Second, Total: 29 * time.Second})},
		{"guide-step", TabGuide, tick(guide.Tick{Phase: guide.PhaseStep, StepLeft: 3 * time.Second, Elapsed: 4 * time.Second, Total: 29 * time.Second})},
		{"guide-paused", TabGuide, tick(guide.Tick{Phase: guide.PhaseStep, StepLeft: 3 * time.Second, Paused: true, Total: 29 * time.Second})},
		{"guide-waiting", TabGuide, tick(guide.Tick{Phase: guide.PhaseWaiting, Step: 2, StepLeft: 7 * time.Second, Total: 29 * time.Second})},
	}
	for _, v := range []guide.Verdict{guide.NeverRestarted, guide.PhoneAppeared, guide.DFUReached, guide.RecoveryReached,
		guide.RecoveryInstead, guide.BootedNormally, guide.Restarted, guide.NoReconnect, guide.AlreadyInMode,
		guide.RebootFailed, guide.Cancelled, ""} {
		out = append(out, tabMoment{"guide-done-" + string(v), TabGuide,
			tick(guide.Tick{Phase: guide.PhaseDone, Verdict: v, Mode: device.ModeRecovery, Observed: tr.Msg("guide.seen.came-back", "Mode", tr.Msg("mode.recovery.words")), Total: 29 * time.Second})})
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
	checks := hostChecksSaid()
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

// hostChecksSaid are host checks as device/hostcheck words them, in its
// messages: a warning with a link, a failure with a rule to copy, a pass.
func hostChecksSaid() []hostcheck.Check {
	return []hostcheck.Check{
		{ID: "linux.usbmuxd-running", Title: tr.Msg("host.title.linux.usbmuxd-running"), Status: hostcheck.Warn,
			Found: tr.Msg("host.linux.usbmuxd.no-rule"), Fix: tr.Msg("host.linux.usbmuxd.reinstall"), Link: "https://github.com/libimobiledevice/usbmuxd"},
		{ID: "linux.udev-rules", Title: tr.Msg("host.title.linux.udev-rules"), Status: hostcheck.Fail, Found: tr.Msg("host.udev.none"),
			Fix: tr.Msg("host.udev.fix", "File", "/etc/udev/rules.d/39-unstuck.rules"), Snippet: `SUBSYSTEM=="usb", ATTR{idVendor}=="05ac", TAG+="uaccess"`},
		{ID: "os", Title: tr.Msg("host.title.os"), Status: hostcheck.OK,
			Found: tr.Msg("host.linux.os", "Name", tr.Raw("Debian GNU/Linux 12 (bookworm)"), "Kernel", tr.Raw("6.1.0-18-amd64"), "Arch", tr.Msg("host.arch.x86_64"))}}
}

// otherTabsData are the three tabs' parts that hold data, not
// words: commands to copy, vendors' host names, the phone's name. The walk
// leaves them out; wrapped lists those that are a catalogue message filled
// with such data (the other backups' lines, each with a phone's name): only
// their wrapper is checked. Every device package's words are checked.
func otherTabsData(s *Screens) (skip map[fyne.CanvasObject]string, wrapped map[*widget.Label]string) {
	g, c := s.Guide.View, s.Computer
	skip = map[fyne.CanvasObject]string{
		c.Backups.Others: "wrapped",
	}
	for _, r := range c.Host.Rows {
		skip[r.Snippet] = "a command to copy, as it is"
		skip[r.Link] = "wrapped: the vendor's host name (data)"
	}
	if g.attached {
		skip[g.ModeLine] = "data: the attached phone's name"
	}
	wrapped = map[*widget.Label]string{
		c.Backups.Others: "the other backups' names (data), each line a message",
	}
	return skip, wrapped
}

// TestOtherTabsInThePseudoLanguage renders the Guide me, Fix it step by
// step and This computer tabs in tr.Pseudo in every moment and finds every
// text shown that did not come from the catalogue, except those
// otherTabsData lists (whose wrappers are checked).
func TestOtherTabsInThePseudoLanguage(t *testing.T) {
	speak(t, tr.Pseudo)
	s, w := newScreens(t)
	s.Main.Card.Now = func() time.Time { return now }
	w.Resize(WindowSize)
	for _, m := range otherTabMoments() {
		m.set(s)
		s.Tabs.SelectIndex(m.tab)
		settle(w)
		skip, wrapped := otherTabsData(s)
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
