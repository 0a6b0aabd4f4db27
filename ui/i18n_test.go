package ui

import (
	"os/exec"
	"strings"
	"testing"
	"time"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"unstuck/device"
	"unstuck/device/action"
	"unstuck/device/fixture"
	"unstuck/device/muxsource"
	"unstuck/device/tr"
	"unstuck/device/tr/trtest"
)

// speak makes tr speak tag for one test; the screens must be built after.
func speak(t *testing.T, tag string) {
	t.Helper()
	trtest.Speak(t, tag)
}

// One set of files serves both: Fyne's lang reads the catalogues device/tr reads.
func TestFyneReadsTheCatalogues(t *testing.T) {
	if err := AddCatalogues(); err != nil {
		t.Fatal(err)
	}
	if got := lang.X("tab.now", "?"); got == "?" {
		t.Error("Fyne lacks the screens' catalogue")
	}
	if err := tr.Err(); err != nil {
		t.Fatal(err)
	}
}

// firstTabMoments are the first tab's states the language tests show: each
// mode a badge can say, a dropping cable, a phone that left, two phones.
func firstTabMoments() map[string]device.State {
	out := map[string]device.State{"empty": fixture.State()}
	for _, m := range device.Modes() {
		d := fixture.IPhoneX(m)
		d.Trust = device.TrustTrusted
		out[string(m)] = fixture.State(d)
	}
	for _, trust := range []device.Trust{device.TrustPending, device.TrustDenied, device.TrustPasscode} {
		d := fixture.IPhoneX(device.ModeNormal)
		d.Trust = trust
		d.Battery = &device.Battery{Percent: 9, DesignCapacity: 2700, FullChargeCapacity: 2400, CycleCount: 312}
		out[string(trust)] = fixture.State(d)
	}
	flaky := fixture.IPhoneX(device.ModeRestore)
	flaky.Stability.Flaps = 4
	out["unsteady"] = fixture.State(flaky)
	flakier := fixture.IPhoneX(device.ModeNormal)
	flakier.Stability.Flaps = 12
	out["unsteady-many"] = fixture.State(flakier)
	gone := fixture.IPhoneX(device.ModeRestore)
	gone.Stability.LastSeen = now.Add(-3 * time.Second)
	departed := fixture.State()
	departed.Departed = []device.Device{gone}
	out["departed"] = departed
	out["host"] = hostConditionsSaid()
	unpaired := fixture.IPhoneX(device.ModeNormal)
	unpaired.Note = muxsource.NotPairedNote // a source's note (device/muxsource)
	out["note"] = fixture.State(unpaired)
	told := fixture.State(fixture.IPhoneX(device.ModeRecovery))
	told.Timeline = timeline()
	out["timeline"] = told
	noted := fixture.State(fixture.IPhoneX(device.ModeNormal))
	noted.Timeline = append(timeline(), // the watcher's and the actions' words (device/watch, device/action)
		device.Event{At: now.Add(-40 * time.Second), Kind: device.EventHost, From: device.CondUsbmuxdUnavailable, Detail: tr.Msg("report.detail.resolved")},
		device.Event{At: now.Add(-30 * time.Second), Device: "iPhone X (Global)", Detail: action.ExitRecovery.Note})
	out["timeline-notes"] = noted
	two := fixture.State(fixture.IPhoneX(device.ModeDFU), fixture.IPhone6s())
	two.Departed = []device.Device{gone}
	out["two"] = two
	return out
}

// hostConditionsSaid is a phone in recovery mode with host conditions as
// device/watch words them: one to fix, one said for understanding.
func hostConditionsSaid() device.State {
	s := fixture.State(fixture.IPhoneX(device.ModeRecovery))
	s.Host = []device.Condition{
		{Code: device.CondUSBPermission, Severity: device.SeverityProblem, Message: tr.Msg("host.cond.usb-permission.linux")},
		{Code: device.CondUsbmuxdUnavailable, Cause: device.CauseNotRunning, Severity: device.SeverityInfo,
			Message: tr.Msg("host.cond.usbmuxd-not-here.linux"), Detail: "dial unix /var/run/usbmuxd: connect: no such file or directory"}}
	return s
}

// firstTabData are the first tab's parts that show data, not words: the
// walk below leaves them out, so its scope is this list's
// complement; the timeline is walked with mode events, a cleared host
// condition and an action's note (timeline-notes), the bottom bar's keep-awake part
// and its phone actions (device/action). The other three tabs have
// their own walk (i18n_tabs_test.go); screens not walked at all: the
// dialogs (confirmations, save; About and the quit questions have their
// own tests), the report and the drawn phone.
func firstTabData(c *DeviceCard) map[fyne.CanvasObject]string {
	d := c.Details
	skip := map[fyne.CanvasObject]string{
		c.HostDetail: "raw errors", c.ModelName: "data: the model's name", d.Product: "data", d.IOS: "data",
		d.ECID: "data", d.UDID: "data", d.Serial: "data", d.Boot: "data", c.Selector: "checked by its options",
	}
	for _, when := range c.Timeline.Times {
		skip[when] = "data: the clock and the phone's name"
	}
	return skip
}

// texts walks a canvas object's visible tree and calls found with every
// text shown, the object it is in; skip's objects are not entered.
func texts(o fyne.CanvasObject, skip map[fyne.CanvasObject]string, found func(string, fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	if _, ok := skip[o]; ok {
		return
	}
	switch x := o.(type) {
	case *widget.Label:
		found(x.Text, x)
	case *widget.RichText:
		found(x.String(), x)
	case *canvas.Text:
		found(x.Text, x)
	case *widget.Button:
		found(x.Text, x)
	case *widget.Select:
		found(x.Selected+x.PlaceHolder, x)
	case *widget.Accordion:
		for _, it := range x.Items {
			found(it.Title, x)
			if it.Open {
				texts(it.Detail, skip, found)
			}
		}
	case *fyne.Container:
		for _, c := range x.Objects {
			texts(c, skip, found)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			texts(c, skip, found)
		}
	}
}

// bracketed is a text the pseudo-language said: every run of letters sits
// inside [brackets]; a text of digits and marks alone (a step's number) is
// not words.
func bracketed(s string) bool { return !strings.ContainsFunc(tr.Unbracketed(s), unicode.IsLetter) }

// pseudoFirstTab is the screens in tr.Pseudo at the window's size, on the
// fixed clock, and the first tab's parts the walk leaves out.
func pseudoFirstTab(t *testing.T) (*Screens, fyne.Window, map[fyne.CanvasObject]string) {
	speak(t, tr.Pseudo)
	s, w := newScreens(t)
	s.Main.Card.Now = func() time.Time { return now }
	w.Resize(WindowSize)
	return s, w, firstTabData(s.Main.Card)
}

// TestFirstTabInThePseudoLanguage renders the first tab in tr.Pseudo
// (English in [brackets]) in every moment and finds every text shown that
// did not come from the catalogue, except firstTabData's.
func TestFirstTabInThePseudoLanguage(t *testing.T) {
	s, w, skip := pseudoFirstTab(t)
	for _, item := range s.Tabs.Items {
		if !bracketed(item.Text) {
			t.Errorf("a tab's name bypasses the catalogue: %q", item.Text)
		}
	}
	for name, st := range firstTabMoments() {
		s.Apply(st)
		settle(w)
		said := 0
		texts(container.NewVBox(s.Main.Content(), s.Computer.Awake.Content(), s.Actions.Content()), skip, func(text string, o fyne.CanvasObject) {
			if !bracketed(text) {
				t.Errorf("%s: %T shows %q, not from the catalogue", name, o, text)
			} else if strings.Contains(text, "[") {
				said++
			}
		})
		if said < 6 { // the title, the subtitle, the badge's three, the checklist or the details
			t.Errorf("%s: the walk found only %d texts", name, said)
		}
		for _, opt := range s.Main.Card.Selector.Options {
			if _, pill, _ := strings.Cut(opt, " — "); !bracketed(pill) {
				t.Errorf("%s: the phone choice %q", name, opt)
			}
		}
	}
}

// TestFirstTabFitsSmallScreensInEveryLanguage: German, the longest of the
// seven, and every other language fit the first tab into a 1024x600 screen
// in every moment, and no label's text is cut short: a line that does not
// wrap, or a wrapped label's longest word (German's compounds).
func TestFirstTabFitsSmallScreensInEveryLanguage(t *testing.T) {
	for _, l := range tr.Languages() {
		t.Run(l.Tag, func(t *testing.T) { fitsSmallScreen(t, l.Tag) })
	}
}

func fitsSmallScreen(t *testing.T, tag string) {
	var moments []tabMoment
	for name, st := range firstTabMoments() {
		moments = append(moments, tabMoment{name, TabNow, func(s *Screens) { s.Apply(st) }})
	}
	fitsSmallScreenIn(t, tag, moments)
}

// fitsSmallScreenIn shows each moment in tag in the room of a 1024x600
// screen and checks its tab with fitsRoom, and that the smallest window
// fits a 1366x768 screen at 150 %.
func fitsSmallScreenIn(t *testing.T, tag string, moments []tabMoment) {
	speak(t, tag)
	s, w := newScreens(t)
	test.ApplyTheme(t, theme.DefaultTheme())
	s.Main.Card.Now = func() time.Time { return now }
	room := fyne.NewSize(SmallScreen.Width, SmallScreen.Height-ScreenChrome-menuBar)
	for _, m := range moments {
		m.set(s)
		s.Tabs.SelectIndex(m.tab)
		w.Resize(room)
		settle(w)
		fitsRoom(t, m.name, w, s.Tabs.Items[m.tab].Content, room)
		laptop := fyne.NewSize(LaptopScreen.Width, LaptopScreen.Height-ScreenChrome)
		if min := w.Content().MinSize().AddWidthHeight(0, menuBar); min.Width*1.5 > laptop.Width || min.Height*1.5 > laptop.Height {
			t.Errorf("%s: at 150 %% the smallest window is %vx%v px, more than a %v screen's %v", m.name, min.Width*1.5, min.Height*1.5, LaptopScreen, laptop)
		}
	}
}

// fitsRoom checks that the window's smallest size fits room and that no
// label in content is cut short: a line that does not wrap, or a wrapped
// label's longest word (German's compounds).
func fitsRoom(t *testing.T, name string, w fyne.Window, content fyne.CanvasObject, room fyne.Size) {
	t.Helper()
	if m := w.Content().MinSize(); m.Width > room.Width || m.Height > room.Height {
		t.Errorf("%s: the smallest window is %v, more than a 1024x600 screen's %v", name, m, room)
	}
	texts(content, nil, func(text string, o fyne.CanvasObject) {
		l, ok := o.(*widget.Label)
		if !ok || text == "" {
			return
		}
		size := l.Theme().Size(l.SizeName)
		if l.SizeName == "" {
			size = l.Theme().Size(theme.SizeNameText)
		}
		// A wrapped label breaks at spaces only: its longest word must fit.
		pieces := []string{text}
		switch l.Wrapping {
		case fyne.TextWrapWord:
			pieces = strings.Fields(text)
		case fyne.TextWrapBreak: // Chinese and Japanese break anywhere
			return
		}
		room := l.Size().Width - 2*l.Theme().Size(theme.SizeNameInnerPadding)
		for _, p := range pieces {
			if need := fyne.MeasureText(p, size, l.TextStyle).Width; need > room {
				t.Errorf("%s: %q is cut: it needs %v, has %v", name, p, need, room)
			}
		}
	})
}

// TestLanguageChoice: the choice lists the system's language and the seven
// in their own names, keeps the pick in the preferences and says, in the
// language picked, that it is spoken from the next start.
func TestLanguageChoice(t *testing.T) {
	a := test.NewTempApp(t)
	prefs := a.Preferences()
	prefs.SetString(LanguagePref, "fr")
	l := NewLanguageChoice(prefs)
	if len(l.Select.Options) != 8 || l.Select.Selected != "Français" {
		t.Fatalf("options %v, selected %q", l.Select.Options, l.Select.Selected)
	}
	l.Select.SetSelected("Deutsch")
	if prefs.String(LanguagePref) != "de" || l.Note.Text != "Unstuck spricht ab dem nächsten Start Deutsch." {
		t.Errorf("chose German: pref %q, note %q", prefs.String(LanguagePref), l.Note.Text)
	}
	l.Select.SetSelected(l.Select.Options[0])
	if prefs.String(LanguagePref) != "" || l.Note.Text == "" {
		t.Errorf("chose the system's: pref %q, note %q", prefs.String(LanguagePref), l.Note.Text)
	}
	if tr.Current() != tr.English {
		t.Errorf("choosing changed the language spoken now: %s", tr.Current())
	}
}

// hasFontFor reports whether fontconfig lists a font for the language:
// Fyne draws a glyph its theme font lacks (every CJK one) with a system
// font that has it, and a golden drawn without one shows boxes.
func hasFontFor(lang string) bool {
	out, err := exec.Command("fc-list", ":lang="+lang, "file").Output()
	return err == nil && len(strings.TrimSpace(string(out))) > 0
}

// TestGoldensInLanguages pins the first tab with a phone in recovery mode
// in German and Japanese, in the real theme and the room of a 1024x600
// screen. The Japanese one needs a CJK font (Debian's fonts-noto-cjk, in
// the Makefile's APT_TEST); without one it is skipped.
func TestGoldensInLanguages(t *testing.T) {
	for _, tag := range []string{"de", "ja"} {
		t.Run(tag, func(t *testing.T) {
			if tag == "ja" && !hasFontFor("ja") {
				t.Skip("no Japanese font here (fc-list :lang=ja): apt-get install fonts-noto-cjk")
			}
			speak(t, tag)
			s, w := newScreens(t)
			test.ApplyTheme(t, theme.DefaultTheme())
			s.Main.Card.Now = func() time.Time { return now }
			w.Resize(fyne.NewSize(SmallScreen.Width, SmallScreen.Height-ScreenChrome))
			d := fixture.IPhoneX(device.ModeRecovery)
			d.Stability.Flaps = 1
			st := fixture.State(d)
			st.Timeline = timeline()
			s.Apply(st)
			assertGolden(t, w, "screens/"+tag+"-recovery.png")
		})
	}
}

// The About dialog in the pseudo-language: every text but the app's name
// (a name, not a word) comes from the catalogue.
func TestAboutInThePseudoLanguage(t *testing.T) {
	speak(t, tr.Pseudo)
	test.NewTempApp(t)
	for _, notices := range []string{"", "/usr/share/doc/unstuck/THIRD_PARTY_NOTICES"} {
		texts(AboutContent(About{Name: "Unstuck", Version: "1.2.3", Notices: notices}), nil, func(text string, o fyne.CanvasObject) {
			if text != "Unstuck" && !bracketed(strings.NewReplacer("1.2.3", "", notices, "").Replace(text)) {
				t.Errorf("About shows %q, not from the catalogue", text)
			}
		})
	}
}
