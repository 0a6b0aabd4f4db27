package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"unstuck/device/awake"
	"unstuck/device/tr"
)

// AwakeBar says whether Unstuck is keeping the computer awake, and holds
// the user's switch for it.
type AwakeBar struct {
	Icon   *widget.Icon
	Text   *widget.Label
	Switch *widget.Check
	// OnSwitch is called when the user turns keeping awake on or off.
	OnSwitch func(on bool)

	content fyne.CanvasObject
}

// NewAwakeBar builds the bar with the switch on.
func NewAwakeBar() *AwakeBar {
	b := &AwakeBar{
		Icon: widget.NewIcon(theme.InfoIcon()),
		Text: &widget.Label{Wrapping: textWrap()},
	}
	b.Switch = widget.NewCheck(tr.T("awake.switch"), func(on bool) {
		if b.OnSwitch != nil {
			b.OnSwitch(on)
		}
	})
	b.Switch.Checked = true
	b.content = container.NewBorder(nil, nil, b.Icon, b.Switch, b.Text)
	b.Apply(awake.Status{Enabled: true})
	return b
}

// Content is the bar.
func (b *AwakeBar) Content() fyne.CanvasObject { return b.content }

// Apply shows the keeper's status.
func (b *AwakeBar) Apply(s awake.Status) {
	b.Switch.Checked = s.Enabled
	b.Text.Importance = widget.MediumImportance
	switch {
	case !s.Enabled:
		b.Text.Text = tr.T("awake.off")
		b.Icon.SetResource(theme.NewDisabledResource(theme.InfoIcon()))
	case !s.Err.IsZero():
		b.Text.Text = tr.T("awake.cannot")
		b.Text.Importance = widget.WarningImportance
		b.Icon.SetResource(theme.NewWarningThemedResource(theme.WarningIcon()))
	case s.Held:
		b.Text.Text = tr.T("cli.awake.sentence", "Why", s.Why)
		b.Icon.SetResource(theme.NewSuccessThemedResource(theme.ConfirmIcon()))
	default:
		b.Text.Text = tr.T("awake.ready")
		b.Icon.SetResource(theme.NewDisabledResource(theme.InfoIcon()))
	}
	b.Text.Refresh()
	b.Switch.Refresh()
}
