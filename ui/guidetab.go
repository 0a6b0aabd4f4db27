package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"unstuck/device"
	"unstuck/device/activity"
	"unstuck/device/catalog"
	"unstuck/device/cue"
	"unstuck/device/guide"
	"unstuck/device/procedure"
	"unstuck/device/tr"
)

// Phones is what the tabs need of the watcher: the newest State, a feed of
// new ones, and the timeline and battery notes a guided run leaves.
type Phones interface {
	State() device.State
	Latest() (<-chan device.State, func())
	Note(device.Event)
	MarkBatteryBaseline(key string)
}

// Sounds plays the guide's cues; *cue.Player is one.
type Sounds interface {
	Play(cue.Cue)
	SetMuted(bool)
	Muted() bool
	Err() error
}

// GuideTab is the "Guide me" tab: the procedure choice above the guide
// screen, and the countdown engine behind it. Its methods run on the UI
// goroutine; the engine runs on its own and reaches the screen through post.
type GuideTab struct {
	View  *GuideView
	Kinds *widget.RadioGroup
	Sound *widget.Check

	phones Phones
	post   Post
	sounds Sounds // nil when this computer has no sound player
	// restart restarts the phone with the key mid-sequence, for the
	// assisted DFU entry; nil leaves that choice out.
	restart func(key string) func(context.Context) error

	kind    procedure.Kind
	picked  catalog.Family // from the picker, when no phone is attached
	phone   device.Device  // the phone being guided ("" key: none)
	busy    string         // the kind of its activity while one moves ("backup"), else ""
	acts    map[string]activity.Activity
	running context.CancelFunc
	run     *guide.Run
	paused  bool
	// ended is closed when the last run's goroutine has finished with the
	// screen.
	ended chan struct{}
	// OnRunning is told when a run starts and ends (on the UI goroutine).
	OnRunning func(bool)
	// BackupNote answers "is there a backup of this phone?", shown with
	// the risk of the procedures whose way forward erases (nil: not asked).
	BackupNote func() string
}

// GuideTabOptions are the guide tab's collaborators.
type GuideTabOptions struct {
	Phones  Phones
	Post    Post
	Restart func(key string) func(context.Context) error
	// Sounds plays the cues; nil (no sound here) leaves them out, saying
	// why in NoSound.
	Sounds  Sounds
	NoSound error
	Prefs   fyne.Preferences // remembers the sound switch; may be nil
}

// soundPref is the preference that remembers whether the cues are on.
const soundPref = "guide.sound"

// NewGuideTab makes the guide tab.
func NewGuideTab(o GuideTabOptions) *GuideTab {
	g := &GuideTab{View: NewGuideView(), phones: o.Phones, post: o.Post, sounds: o.Sounds, restart: o.Restart,
		kind: procedure.ForceRestart, picked: catalog.Side}
	g.Sound = widget.NewCheck(tr.T("guide.sound"), func(on bool) {
		if g.sounds != nil {
			g.sounds.SetMuted(!on)
		}
		if o.Prefs != nil {
			o.Prefs.SetBool(soundPref, on)
		}
	})
	switch {
	case o.Sounds == nil:
		g.Sound.Text = noSoundWords(o.NoSound)
		g.Sound.Disable()
	case o.Prefs != nil:
		g.Sound.SetChecked(o.Prefs.BoolWithFallback(soundPref, true))
	default:
		g.Sound.SetChecked(true)
	}
	g.Kinds = widget.NewRadioGroup(kindNames(procedure.Offered(false, false, g.kind)), g.onKind)
	// The sound switch sits beside Start: with the assisted entry offered,
	// the four choices fill the top row.
	g.View.Extras.Add(g.Sound)
	g.Kinds.Horizontal = true
	g.Kinds.Required = true // a second tap on the chosen procedure must not clear it
	g.Kinds.SetSelected(procedure.ForceRestart.Name().String())
	g.View.OnStart = g.start
	g.View.OnPause = g.pause
	g.View.OnResume = g.resume
	g.View.OnTryAgain = func() { g.stop(); g.show() }
	g.View.OnFamily = func(f catalog.Family) { g.picked = f; g.show() }
	return g
}

func kindNames(kinds []procedure.Kind) []string {
	out := make([]string, len(kinds))
	for i, k := range kinds {
		out[i] = k.Name().String()
	}
	return out
}

// Content is the guide tab.
func (g *GuideTab) Content() fyne.CanvasObject {
	return container.NewBorder(container.NewPadded(g.Kinds), nil, nil, nil, g.View.Content())
}

// Running says whether a countdown is on.
func (g *GuideTab) Running() bool { return g.run != nil }

// Choose selects a procedure, e.g. from the ladder; it changes nothing
// while a run counts.
func (g *GuideTab) Choose(k procedure.Kind) {
	if g.run == nil {
		g.Kinds.SetSelected(k.Name().String())
	}
}

func (g *GuideTab) onKind(name string) {
	if k, ok := procedure.KindNamed(name); ok && g.run == nil {
		g.kind = k
		g.show()
	}
}

// Apply follows the watcher: the phone on show (focus, the card's choice)
// decides the family.
func (g *GuideTab) Apply(s device.State, focus string) {
	d, _ := s.Focus(focus)
	g.View.ApplyState(s, focus)
	if g.run != nil {
		return // the engine follows the phone itself while it counts
	}
	changed := d.Key != g.phone.Key || d.Family != g.phone.Family ||
		(d.Mode == device.ModeRestore) != (g.phone.Mode == device.ModeRestore) // an update began or ended
	g.phone = d
	changed = g.followBusy() || changed
	inRecovery := d.Mode == device.ModeRecovery
	if changed && !inRecovery && g.kind == procedure.AssistedDFU {
		g.Kinds.SetSelected(procedure.DFU.Name().String()) // another phone, or none: the assisted entry no longer applies
	}
	if offered := kindNames(procedure.Offered(inRecovery, g.restart != nil, g.kind)); !equalStrings(offered, g.Kinds.Options) {
		g.Kinds.Options = offered
		g.Kinds.Refresh()
	}
	if changed && !g.View.ShowingVerdict() { // a verdict stays until the user dismisses it
		g.show()
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func (g *GuideTab) family() catalog.Family {
	if g.phone.Family != "" {
		return catalog.Family(g.phone.Family)
	}
	return g.picked
}

// procedure is the chosen procedure for the phone on show (its exact model
// when known) or for the family picked.
func (g *GuideTab) procedure() (procedure.Procedure, bool) {
	if m, ok := catalog.ByProductType(g.phone.ProductType); ok {
		return procedure.ForModel(m, g.kind)
	}
	return procedure.For(g.family(), g.kind)
}

func (g *GuideTab) show() {
	p, ok := g.procedure()
	if !ok {
		return
	}
	g.View.SetProcedure(p, g.phone.Model)
	// Interrupting an update is how a recovery loop begins; a force
	// restart stops a backup half way.
	if c, ok := p.Caution(g.phone.Mode == device.ModeRestore, g.busy); ok {
		g.View.SetUpdating(c.Wait, c.Caution)
	} else {
		g.View.SetUpdating(tr.Text{}, tr.Text{})
	}
	if (p.Kind == procedure.DFU || p.Kind == procedure.AssistedDFU) && g.BackupNote != nil {
		if note := g.BackupNote(); note != "" {
			g.View.Risk.SetText(g.View.Risk.Text + "\n\n" + note)
		}
	}
}
