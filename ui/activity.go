package ui

import (
	"fyne.io/fyne/v2/widget"

	"unstuck/device/activity"
	"unstuck/device/awake"
)

// ApplyActivity takes what each phone is doing (device/activity, worked
// out off the UI goroutine: it lists backup folders): the card says it in
// one sentence under the mode, and the computer stays awake while a
// backup moves. Call it on the UI goroutine.
func (s *Screens) ApplyActivity(acts map[string]activity.Activity) {
	s.Main.Card.ApplyActivity(acts)
	s.Computer.setBackingUp(acts)
}

// ApplyActivity shows the phone on show's activity under the mode.
func (c *DeviceCard) ApplyActivity(acts map[string]activity.Activity) {
	c.acts = acts
	c.render()
}

// renderActivity sets the sentence for the phone with the given key;
// hidden when nothing is going on.
func (c *DeviceCard) renderActivity(key string) {
	a, ok := c.acts[key]
	c.Activity.Text = ""
	if ok && a.Kind != activity.KindNone {
		c.Activity.Text = a.Advice
	}
	c.Activity.Importance = activityImportance(a.State)
	c.Activity.Hidden = c.Activity.Text == ""
}

// activityImportance colours the sentence: a stall or an interruption
// warns; working and done are said plainly.
func activityImportance(s activity.State) widget.Importance {
	switch s {
	case activity.StateStalled, activity.StateInterrupted, activity.StateSlow, activity.StatePasscode:
		return widget.WarningImportance
	}
	return widget.MediumImportance
}

// setBackingUp keeps the computer awake while any phone's backup moves.
func (c *ComputerTab) setBackingUp(acts map[string]activity.Activity) {
	moving := false
	for _, a := range acts {
		moving = moving || (a.Kind == activity.KindBackup && a.Moving())
	}
	if moving == c.backingUp {
		return
	}
	c.backingUp = moving
	c.o.Keeper.Update(awake.ReasonWithBackup(c.state, c.guiding, moving))
}
