package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"unstuck/device"
	"unstuck/device/action"
	"unstuck/device/tr"
)

// ActionBar offers what software can do for the phone on show, from the
// table in device/action: leave recovery mode (recovery), or restart into
// recovery mode (a running, trusted phone). A tap asks first, in the
// action's own words; the act runs off the UI goroutine and its outcome
// comes back through post.
type ActionBar struct {
	ExitRecovery  *widget.Button
	EnterRecovery *widget.Button

	o       ActionBarOptions
	phone   device.Device
	box     *fyne.Container
	running int           // actions under way (touched on the UI goroutine)
	last    action.Action // the one started last
}

// ActionBarOptions are the bar's collaborators.
type ActionBarOptions struct {
	Ctx    context.Context
	Window fyne.Window // for the dialogs
	Post   Post
	// Do carries out a confirmed action (device/live.Do in the app).
	Do func(ctx context.Context, a action.Action, d device.Device) error
	// Note records a sent action in the timeline (the watcher's Note).
	Note func(device.Event)
	// Failed is told of every failure, for the report.
	Failed func(error)
}

// NewActionBar makes the bar, with both buttons hidden.
func NewActionBar(o ActionBarOptions) *ActionBar {
	a := &ActionBar{o: o}
	a.ExitRecovery = &widget.Button{Text: tr.T("ladder.action.exit-recovery.button"), Icon: theme.MediaReplayIcon(),
		Importance: widget.HighImportance, OnTapped: func() { a.Confirm(action.ExitRecovery) }}
	a.EnterRecovery = &widget.Button{Text: tr.T("ladder.action.enter-recovery.button"), Icon: theme.MediaReplayIcon(),
		OnTapped: func() { a.Confirm(action.EnterRecovery) }}
	a.ExitRecovery.Hide()
	a.EnterRecovery.Hide()
	a.box = container.NewHBox(a.ExitRecovery, a.EnterRecovery)
	return a
}

// Content is the bar.
func (a *ActionBar) Content() fyne.CanvasObject { return a.box }

// Apply shows the button that fits the phone on show (focus).
func (a *ActionBar) Apply(s device.State, focus string) {
	d, ok := s.Focus(focus)
	a.phone = d
	show := func(b *widget.Button, on bool) {
		if on {
			b.Show()
		} else {
			b.Hide()
		}
	}
	show(a.ExitRecovery, ok && action.ExitRecovery.Offers(d))
	show(a.EnterRecovery, ok && action.EnterRecovery.Offers(d))
}

// Confirm asks before act for the phone on show, then runs it.
func (a *ActionBar) Confirm(act action.Action) {
	d := a.phone
	dialog.ShowConfirm(act.Title.String(), act.Question(d).String(), func(ok bool) {
		if ok {
			a.Run(act, d)
		}
	}, a.o.Window)
}

// Running says whether an action is under way, and which started last.
func (a *ActionBar) Running() (action.Action, bool) { return a.last, a.running > 0 }

// Run carries out act for d in the background and says how it went. Call
// it on the UI goroutine.
func (a *ActionBar) Run(act action.Action, d device.Device) {
	a.running++
	a.last = act
	go func() {
		err := a.o.Do(a.o.Ctx, act, d)
		if err == nil && a.o.Note != nil {
			a.o.Note(device.Event{Key: d.Key, Device: d.Name(), Detail: act.Note})
		}
		a.o.Post(func() {
			a.running--
			if err != nil {
				if a.o.Failed != nil {
					a.o.Failed(fmt.Errorf("%s: %w", strings.ToLower(act.Title.In(tr.English)), err)) // for the report
				}
				dialog.ShowError(err, a.o.Window)
				return
			}
			dialog.ShowInformation(act.Title.String(), act.Sent.String(), a.o.Window)
		})
	}()
}
