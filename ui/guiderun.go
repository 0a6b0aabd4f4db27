package ui

import (
	"context"

	"unstuck/device/cue"
	"unstuck/device/guide"
	"unstuck/device/tr"
)

func (g *GuideTab) start() {
	p, ok := g.procedure()
	if !ok || g.run != nil {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	g.running, g.paused = cancel, false
	if g.phone.Key != "" {
		g.phones.MarkBatteryBaseline(g.phone.Key) // a level that falls from here is warned of
	}
	view, sounds, post := g.View, g.sounds, g.post
	var cues cue.For // ticks arrive in order on the engine's goroutine
	opts := guide.Options{
		Procedure: p, Phone: g.phone.Key, Note: g.phones.Note,
		OnTick: func(t guide.Tick) {
			if c, ok := cues.Next(t); ok && sounds != nil {
				sounds.Play(c)
			}
			post(func() { view.ApplyTick(t) })
		},
	}
	if p.Assisted() && g.restart != nil {
		opts.Reboot = g.restart(g.phone.Key)
	}
	g.run = guide.New(opts)
	run, ended := g.run, make(chan struct{})
	g.ended = ended
	g.tellRunning(true)
	go run.Follow(ctx, g.phones)
	go func() {
		defer close(ended)
		run.Start(ctx)
		cancel()
		post(func() { g.finished(run) })
	}()
}

// finished is the end of run, on the UI goroutine.
func (g *GuideTab) finished(run *guide.Run) {
	if g.run == run {
		g.run, g.running = nil, nil
		g.tellRunning(false)
	}
	if g.sounds != nil && g.sounds.Err() != nil && !g.Sound.Disabled() {
		g.Sound.Text = noSoundWords(g.sounds.Err())
		g.Sound.Disable()
	}
}

func (g *GuideTab) pause() {
	if g.run != nil && !g.paused {
		g.run.Pause()
		g.paused = true
	}
}

func (g *GuideTab) resume() {
	if g.run != nil && g.paused {
		g.run.Resume()
		g.paused = false
	}
}

// Toggle is the Space key: start, pause, resume.
func (g *GuideTab) Toggle() {
	switch {
	case g.run == nil:
		g.start()
	case g.paused:
		g.resume()
	default:
		g.pause()
	}
}

// Stop cancels a running countdown; Ended is closed once its goroutine
// has finished with the screen.
func (g *GuideTab) Stop() {
	g.paused = false
	if g.running != nil {
		g.running()
	}
	if g.run != nil {
		g.tellRunning(false)
	}
	g.run, g.running = nil, nil
}

func (g *GuideTab) stop() { g.Stop() }

// Ended is closed when the last run's goroutine is done (nil before any).
func (g *GuideTab) Ended() <-chan struct{} { return g.ended }

// noSoundWords is the sound cues' label when there is no sound, said briefly; the reason (often a
// long line from the system's player) goes to the log.
func noSoundWords(err error) string {
	if err == nil {
		return tr.T("guide.sound.off")
	}
	return tr.T("guide.sound.unavailable")
}

func (g *GuideTab) tellRunning(on bool) {
	if g.OnRunning != nil {
		g.OnRunning(on)
	}
}
