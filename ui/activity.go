package ui

import (
	"maps"
	"slices"

	"fyne.io/fyne/v2/widget"

	"unstuck/device"
	"unstuck/device/activity"
	"unstuck/device/awake"
	"unstuck/device/tr"
)

// ApplyActivity takes what each phone is doing (device/activity, worked
// out off the UI goroutine: it lists backup folders): the card says it in
// one sentence under the mode, the ladder leads with "wait" and the guide
// cautions while it moves, and the computer stays awake while a backup
// moves. Call it on the UI goroutine.
func (s *Screens) ApplyActivity(acts map[string]activity.Activity) {
	s.Main.Card.ApplyActivity(acts)
	s.Computer.ApplyActivity(acts)
	s.Guide.ApplyActivity(acts)
}

// ApplyActivity takes what each phone is doing: while the phone on show
// backs up or updates, the guide first says to wait (Start becomes
// "Start anyway"), as it does in restore mode.
func (g *GuideTab) ApplyActivity(acts map[string]activity.Activity) {
	g.acts = acts
	if g.followBusy() && g.run == nil && !g.View.ShowingVerdict() {
		g.show()
	}
}

// followBusy sets busy from the activity of the phone on show and says
// whether it changed.
func (g *GuideTab) followBusy() bool {
	busy := g.acts[g.phone.Key].Busy()
	changed := busy != g.busy
	g.busy = busy
	return changed
}

// ApplyActivity shows the phone on show's activity under the mode.
func (c *DeviceCard) ApplyActivity(acts map[string]activity.Activity) {
	c.acts = acts
	c.render()
}

// renderActivity sets the sentence for the phone d (the zero Device when
// none is on show): what it is doing, else the backup advice while it runs
// and trusts this computer; hidden when there is nothing to say.
func (c *DeviceCard) renderActivity(d device.Device) {
	a, ok := c.acts[d.Key]
	c.Activity.Text = ""
	switch {
	case d.Key == "":
	case ok && a.Kind != activity.KindNone:
		c.Activity.Text = a.Advice.String()
	case d.Mode == device.ModeNormal && d.Trust == device.TrustTrusted:
		// The most reassuring step first (the ladder's first rung says how).
		c.Activity.Text = tr.T("activity.back-up-now")
	}
	c.Activity.Importance = activityImportance(a.State)
	c.Activity.Hidden = c.Activity.Text == ""
}

// away is the activity of a phone that left USB during an update or a
// restore and has not come back (device/activity's Tracker.Away, among
// the activities), the first by key.
func (c *DeviceCard) away() (activity.Activity, bool) {
	for _, k := range slices.Sorted(maps.Keys(c.acts)) {
		a := c.acts[k]
		if _, here := c.state.Find(k); !here && (a.Kind == activity.KindUpdate || a.Kind == activity.KindRestore) {
			return a, true
		}
	}
	return activity.Activity{}, false
}

// departedAdvice is what to do about a phone that just left: the away
// advice when it left during an update ("it should be back within ..."),
// else the usual words.
func (c *DeviceCard) departedAdvice(gone device.Device) string {
	if a, ok := c.acts[gone.Key]; ok && (a.Kind == activity.KindUpdate || a.Kind == activity.KindRestore) {
		return a.Advice.String()
	}
	return departedAdvice(gone)
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

// ApplyActivity shows the phone on show's activity on the ladder (its
// wait step) and keeps the computer awake while any phone's backup moves.
func (c *ComputerTab) ApplyActivity(acts map[string]activity.Activity) {
	c.acts = acts
	c.refreshLadder()
	c.setBackingUp(acts)
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
