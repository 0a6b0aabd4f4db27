package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"unstuck/device"
)

// ActionBar offers what software can do for the phone on show: leave
// recovery mode (recovery), or restart into recovery mode (a running,
// trusted phone). The caller confirms and acts; the bar only decides which
// button fits the phone's state.
type ActionBar struct {
	ExitRecovery  *widget.Button
	EnterRecovery *widget.Button
	// OnExitRecovery and OnEnterRecovery get the phone the button was for.
	OnExitRecovery  func(device.Device)
	OnEnterRecovery func(device.Device)

	phone device.Device
	box   *fyne.Container
}

// NewActionBar makes the bar, with both buttons hidden.
func NewActionBar() *ActionBar {
	a := &ActionBar{}
	a.ExitRecovery = &widget.Button{Text: "Leave recovery mode (keeps your data)", Icon: theme.MediaReplayIcon(),
		Importance: widget.HighImportance, OnTapped: func() { call1(a.OnExitRecovery, a.phone) }}
	a.EnterRecovery = &widget.Button{Text: "Restart into recovery mode", Icon: theme.MediaReplayIcon(),
		OnTapped: func() { call1(a.OnEnterRecovery, a.phone) }}
	a.ExitRecovery.Hide()
	a.EnterRecovery.Hide()
	a.box = container.NewHBox(a.ExitRecovery, a.EnterRecovery)
	return a
}

func call1(f func(device.Device), d device.Device) {
	if f != nil {
		f(d)
	}
}

// Content is the bar.
func (a *ActionBar) Content() fyne.CanvasObject { return a.box }

// Apply shows the button that fits the phone with the given key.
func (a *ActionBar) Apply(s device.State, key string) {
	d, ok := s.Find(key)
	if !ok && len(s.Devices) > 0 && key == "" {
		d, ok = s.Devices[0], true
	}
	a.phone = d
	show := func(b *widget.Button, on bool) {
		if on {
			b.Show()
		} else {
			b.Hide()
		}
	}
	show(a.ExitRecovery, ok && d.Mode == device.ModeRecovery)
	show(a.EnterRecovery, ok && d.Mode == device.ModeNormal && d.Trust == device.TrustTrusted)
}
