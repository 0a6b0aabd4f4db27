package main

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"unstuck/device"
	"unstuck/device/catalog"
	"unstuck/device/cue"
	"unstuck/device/guide"
	"unstuck/device/procedure"
	"unstuck/device/watch"
	"unstuck/ui"
)

// guideController connects the guide screen to the countdown engine and
// the watcher. Its methods run on the UI goroutine; the engine runs on its
// own and reaches the view only through fyne.Do.
type guideController struct {
	view    *ui.GuideView
	watcher *watch.Watcher
	kinds   *widget.RadioGroup
	sound   *widget.Check
	player  *cue.Player // nil when this computer has no sound player
	// reboot restarts the phone with the key mid-sequence, for the
	// assisted DFU entry; nil leaves that choice out.
	reboot func(key string) func(context.Context) error

	kind    procedure.Kind
	picked  catalog.Family // from the picker, when no phone is attached
	phone   device.Device  // the phone being guided ("" key: none)
	running context.CancelFunc
	run     *guide.Run
	paused  bool
	// ended is closed when the last run's goroutine has finished with the
	// screen (tests wait on it).
	ended chan struct{}
	// onRunning is told when a run starts and ends (on the UI goroutine).
	onRunning func(bool)
	// backupNote answers "is there a backup of this phone?", shown with
	// the risk of the procedures whose way forward erases (nil: not asked).
	backupNote func() string
}

var kindNames = map[string]procedure.Kind{
	"Force restart": procedure.ForceRestart,
	"Recovery mode": procedure.Recovery,
	"DFU mode":      procedure.DFU,
	assistedName:    procedure.AssistedDFU,
}

// assistedName is the choice offered while the phone is in recovery mode.
const assistedName = "DFU, Unstuck helps"

var (
	plainKinds   = []string{"Force restart", "Recovery mode", "DFU mode"}
	withAssisted = []string{"Force restart", "Recovery mode", "DFU mode", assistedName}
)

// newGuideController makes the guide tab. player plays the sound cues; nil
// (no sound on this computer) leaves them out, saying why in noSound.
func newGuideController(w *watch.Watcher, reboot func(string) func(context.Context) error, player *cue.Player, noSound error, prefs fyne.Preferences) *guideController {
	g := &guideController{view: ui.NewGuideView(), watcher: w, kind: procedure.ForceRestart, picked: catalog.Side, player: player, reboot: reboot}
	g.sound = widget.NewCheck("Sound cues", func(on bool) {
		if g.player != nil {
			g.player.SetMuted(!on)
		}
		if prefs != nil {
			prefs.SetBool(soundPref, on)
		}
	})
	switch {
	case player == nil:
		g.sound.Text = "Sound cues: " + noSoundWords(noSound)
		g.sound.Disable()
	case prefs != nil:
		g.sound.SetChecked(prefs.BoolWithFallback(soundPref, true))
	default:
		g.sound.SetChecked(true)
	}
	g.kinds = widget.NewRadioGroup(plainKinds, g.onKind)
	// The sound switch sits beside Start: with the assisted entry offered,
	// the four choices fill the top row.
	g.view.Extras.Add(g.sound)
	g.kinds.Horizontal = true
	g.kinds.Required = true // a second tap on the chosen procedure must not clear it
	g.kinds.SetSelected("Force restart")
	g.view.OnStart = g.start
	g.view.OnPause = g.pause
	g.view.OnResume = g.resume
	g.view.OnTryAgain = func() { g.stop(); g.show() }
	g.view.OnFamily = func(f catalog.Family) { g.picked = f; g.show() }
	return g
}

// Content is the guide tab: the procedure choice above the guide screen.
func (g *guideController) Content() fyne.CanvasObject {
	return container.NewBorder(container.NewPadded(g.kinds), nil, nil, nil, g.view.Content())
}

// choose selects a procedure, e.g. from the ladder; it changes nothing
// while a run counts.
func (g *guideController) choose(k procedure.Kind) {
	for name, kind := range kindNames {
		if kind == k && g.run == nil {
			g.kinds.SetSelected(name)
		}
	}
}

func (g *guideController) onKind(name string) {
	if k, ok := kindNames[name]; ok && g.run == nil {
		g.kind = k
		g.show()
	}
}

// Apply follows the watcher: the phone on show decides the family.
func (g *guideController) Apply(s device.State) {
	g.view.ApplyState(s)
	if g.run != nil {
		return // the engine follows the phone itself while it counts
	}
	var d device.Device
	if len(s.Devices) > 0 {
		d = s.Devices[0]
	}
	changed := d.Key != g.phone.Key || d.Family != g.phone.Family
	g.phone = d
	inRecovery := d.Mode == device.ModeRecovery && g.reboot != nil
	if changed && !inRecovery && g.kind == procedure.AssistedDFU {
		g.kinds.SetSelected("DFU mode") // another phone, or none: the assisted entry no longer applies
	}
	g.offerAssisted(inRecovery)
	if changed {
		g.show()
	}
}

// offerAssisted adds or removes the assisted DFU entry, which starts from
// recovery mode only. While it is the chosen procedure it stays, so its
// verdict stays on screen after the same phone has left recovery mode.
func (g *guideController) offerAssisted(on bool) {
	if on == (len(g.kinds.Options) == len(withAssisted)) || (!on && g.kind == procedure.AssistedDFU) {
		return
	}
	g.kinds.Options = plainKinds
	if on {
		g.kinds.Options = withAssisted
	}
	g.kinds.Refresh()
}

func (g *guideController) family() catalog.Family {
	if g.phone.Family != "" {
		return catalog.Family(g.phone.Family)
	}
	return g.picked
}

// procedure is the chosen procedure for the phone on show (its exact model
// when known) or for the family picked.
func (g *guideController) procedure() (procedure.Procedure, bool) {
	if m, ok := catalog.ByProductType(g.phone.ProductType); ok {
		return procedure.ForModel(m, g.kind)
	}
	return procedure.For(g.family(), g.kind)
}

func (g *guideController) show() {
	p, ok := g.procedure()
	if !ok {
		return
	}
	g.view.SetProcedure(p, g.phone.Model)
	if (p.Kind == procedure.DFU || p.Kind == procedure.AssistedDFU) && g.backupNote != nil {
		if note := g.backupNote(); note != "" {
			g.view.Risk.SetText(p.Risk + "\n\n" + note)
		}
	}
}

func (g *guideController) start() {
	p, ok := g.procedure()
	if !ok || g.run != nil {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	g.running, g.paused = cancel, false
	if g.phone.Key != "" {
		g.watcher.MarkBatteryBaseline(g.phone.Key) // a level that falls from here is warned of
	}
	view, player := g.view, g.player
	var cues cue.For // ticks arrive in order on the engine's goroutine
	opts := guide.Options{
		Procedure: p, Phone: g.phone.Key, Note: g.watcher.Note,
		OnTick: func(t guide.Tick) {
			if c, ok := cues.Next(t); ok && player != nil {
				player.Play(c)
			}
			fyne.Do(func() { view.ApplyTick(t) })
		},
	}
	if p.Assisted() && g.reboot != nil {
		opts.Reboot = g.reboot(g.phone.Key)
	}
	g.run = guide.New(opts)
	run, ended := g.run, make(chan struct{})
	g.ended = ended
	g.tellRunning(true)
	go run.Follow(ctx, g.watcher)
	go func() {
		defer close(ended)
		run.Start(ctx)
		cancel()
		fyne.Do(func() {
			if g.run == run {
				g.run, g.running = nil, nil
				g.tellRunning(false)
			}
			if player != nil && player.Err() != nil && !g.sound.Disabled() {
				g.sound.Text = "Sound cues: " + noSoundWords(player.Err())
				g.sound.Disable()
			}
		})
	}()
}

func (g *guideController) pause() {
	if g.run != nil && !g.paused {
		g.run.Pause()
		g.paused = true
	}
}

func (g *guideController) resume() {
	if g.run != nil && g.paused {
		g.run.Resume()
		g.paused = false
	}
}

// toggle is the Space key: start, pause, resume.
func (g *guideController) toggle() {
	switch {
	case g.run == nil:
		g.start()
	case g.paused:
		g.resume()
	default:
		g.pause()
	}
}

func (g *guideController) stop() {
	g.paused = false
	if g.running != nil {
		g.running()
	}
	if g.run != nil {
		g.tellRunning(false)
	}
	g.run, g.running = nil, nil
}

// soundPref is the preference that remembers whether the cues are on.
const soundPref = "guide.sound"

// noSoundWords says briefly that there is no sound; the reason (often a
// long line from the system's player) goes to the log.
func noSoundWords(err error) string {
	if err == nil {
		return "off"
	}
	return "unavailable here"
}

func (g *guideController) tellRunning(on bool) {
	if g.onRunning != nil {
		g.onRunning(on)
	}
}
