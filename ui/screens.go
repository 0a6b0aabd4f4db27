package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"unstuck/device"
	"unstuck/device/action"
	"unstuck/device/procedure"
	"unstuck/device/tr"
)

// ScreensOptions are everything the window's screens need from outside:
// the watcher, the keep-awake keeper, the sound player and the acts that
// reach the phone. cmd/unstuck fills them in.
type ScreensOptions struct {
	Ctx    context.Context
	Window fyne.Window
	Post   Post // fyne.Do in the app
	Demo   bool // shows the demo tag
	Phones Phones
	Keeper Keeper
	Prefs  fyne.Preferences

	Sounds  Sounds // nil: no sound player here, NoSound says why
	NoSound error
	// Restart restarts the phone with key mid-sequence (the assisted DFU
	// entry); Do carries out a confirmed action.
	Restart func(key string) func(context.Context) error
	Do      func(ctx context.Context, a action.Action, d device.Device) error
	Version string
	Check   CheckFunc // nil: the real checks
	// SaveDialog and Reveal reach the system's save dialog and file
	// manager (device/desktop); nil: Fyne's dialog, no "Show in folder".
	SaveDialog SaveDialogFunc
	Reveal     func(ctx context.Context, path string) error
}

// Screens is the whole window: four tabs and the bottom bar.
type Screens struct {
	Main     *MainView
	Guide    *GuideTab
	Computer *ComputerTab
	Actions  *ActionBar
	Tabs     *container.AppTabs
	// Confirming is the last "Quit while the guide counts?" (or "...the
	// phone restarts?") dialog.
	Confirming *dialog.ConfirmDialog

	last device.State
}

// The tabs, in order.
const (
	TabNow = iota
	TabGuide
	TabLadder
	TabComputer
)

// NewScreens builds the window content.
func NewScreens(o ScreensOptions) *Screens {
	s := &Screens{Main: NewMainView(o.Demo)}
	s.Computer = NewComputerTab(ComputerTabOptions{Ctx: o.Ctx, Window: o.Window, Post: o.Post, Phones: o.Phones,
		Keeper: o.Keeper, Version: o.Version, Check: o.Check, SaveDialog: o.SaveDialog, Reveal: o.Reveal})
	s.Guide = NewGuideTab(GuideTabOptions{Phones: o.Phones, Post: o.Post, Restart: o.Restart,
		Sounds: o.Sounds, NoSound: o.NoSound, Prefs: o.Prefs})
	s.Guide.OnRunning = s.Computer.SetGuiding
	s.Guide.BackupNote = s.Computer.BackupNote
	s.Actions = NewActionBar(ActionBarOptions{Ctx: o.Ctx, Window: o.Window, Post: o.Post, Do: o.Do,
		Note: o.Phones.Note, Failed: s.Computer.NoteError})
	// An opaque bar: the card scrolls under it on a short screen.
	bottom := container.NewStack(canvas.NewRectangle(theme.Color(theme.ColorNameBackground)), container.NewVBox(widget.NewSeparator(),
		container.NewPadded(container.NewBorder(nil, nil, s.Actions.Content(), nil, s.Computer.Awake.Content()))))
	s.Tabs = container.NewAppTabs(
		container.NewTabItem(tr.T("tab.now"), container.NewBorder(nil, bottom, nil, nil, s.Main.Content())),
		container.NewTabItem(tr.T("tab.guide"), s.Guide.Content()),
		container.NewTabItem(tr.T("tab.ladder"), s.Computer.Ladder.Content()),
		container.NewTabItem(tr.T("tab.computer"), s.Computer.Content()),
	)
	s.Main.Card.OnSelect = func(string) { s.Apply(s.last) } // the other tabs follow the choice
	s.Main.Card.Handoff.Post = o.Post
	s.Computer.OnChecks = s.Main.Card.Handoff.SetChecks
	s.Computer.Ladder.OnGuide = func(kind string) {
		s.Guide.Choose(procedure.Kind(kind))
		s.Tabs.SelectIndex(TabGuide)
	}
	return s
}

// Content is the window content.
func (s *Screens) Content() fyne.CanvasObject { return s.Tabs }

// Apply shows a new State on every screen. The phone on show is the one
// the first tab's card shows, so with two phones every tab and action
// speaks of the same one.
func (s *Screens) Apply(st device.State) {
	s.last = st
	s.Main.Apply(st)
	focus := s.Main.Card.Selected()
	s.Actions.Apply(st, focus)
	s.Guide.Apply(st, focus)
	s.Computer.Apply(st, focus)
}

// Keys gives the window its keys (issue 16): Ctrl+1 to Ctrl+4 (Cmd on
// macOS) open the tabs, Ctrl+Q quits, F1 calls help (the About dialog),
// Space starts, pauses and resumes the guide. Closing the window, by Ctrl+Q
// or the window's own button, asks first while the guide counts.
func (s *Screens) Keys(w fyne.Window, help func()) {
	c := w.Canvas()
	for i, k := range []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4} {
		c.AddShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault},
			func(fyne.Shortcut) { s.Tabs.SelectIndex(i) })
	}
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { s.Close(w) })
	c.SetOnTypedKey(func(k *fyne.KeyEvent) {
		switch {
		case k.Name == fyne.KeyF1 && help != nil:
			help()
		case c.Focused() != nil: // a focused button, check or field takes its own keys
		default:
			s.TypedKey(k)
		}
	})
	w.SetCloseIntercept(func() { s.Close(w) })
}

// Close closes the window, after asking while something is under way that
// closing cuts short: the guide's countdown (the phone is left half way
// through the button presses) or a phone action (no one sees how it ends).
func (s *Screens) Close(w fyne.Window) {
	var title, why string
	if act, busy := s.Actions.Running(); s.Guide.Running() {
		title, why = tr.T("app.quit.guide-title"), tr.T("app.quit.guide-why")
	} else if busy {
		title, why = tr.T("ladder.action.quit-title"), act.Quitting.String()
	} else {
		w.Close()
		return
	}
	s.Confirming = dialog.NewConfirm(title, why,
		func(quit bool) {
			if quit {
				w.Close()
			}
		}, w)
	s.Confirming.SetConfirmText(tr.T("app.quit.confirm"))
	s.Confirming.SetDismissText(tr.T("app.quit.keep-going"))
	s.Confirming.Show()
}

// TypedKey handles the window's keys: Space starts, pauses and resumes
// the guide while its tab is open.
func (s *Screens) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeySpace && s.Tabs.SelectedIndex() == TabGuide {
		s.Guide.Toggle()
	}
}
