package cue

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Backend plays one WAV file and returns when it has finished.
type Backend interface {
	Play(ctx context.Context, wavPath string) error
}

// Player plays cues without ever blocking its caller: a cue that arrives
// while another still plays replaces it, and a muted player plays nothing.
// Once the system's player fails, the failure is logged once and kept in
// Err; later cues are dropped so a machine without sound stays quiet.
type Player struct {
	backend Backend
	log     *slog.Logger
	dir     string // where the cue files are written, once

	mu     sync.Mutex
	muted  bool
	cancel context.CancelFunc // the cue playing now
	err    error
	wg     sync.WaitGroup
}

// maxCue bounds one playback: no cue is longer than half a second, so a
// player that hangs is stopped.
const maxCue = 3 * time.Second

// NewPlayer writes the cue files to a private temporary folder and plays
// them through backend (nil: the system's player, see System).
func NewPlayer(backend Backend, log *slog.Logger) (*Player, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if backend == nil {
		b, err := System()
		if err != nil {
			return nil, err
		}
		backend = b
	}
	dir, err := os.MkdirTemp("", "unstuck-cues-")
	if err != nil {
		return nil, fmt.Errorf("sound cues: %w", err)
	}
	for _, c := range All {
		if err := os.WriteFile(filepath.Join(dir, string(c)+".wav"), WAV(c), 0o600); err != nil {
			os.RemoveAll(dir)
			return nil, fmt.Errorf("sound cues: %w", err)
		}
	}
	return &Player{backend: backend, log: log, dir: dir}, nil
}

// SetMuted turns the sounds off or on; muting stops a cue that is playing.
func (p *Player) SetMuted(m bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.muted = m
	if m && p.cancel != nil {
		p.cancel()
	}
}

// Muted says whether the sounds are off.
func (p *Player) Muted() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.muted
}

// Err is the failure that silenced the player, if any.
func (p *Player) Err() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.err
}

// Play starts a cue and returns at once.
func (p *Player) Play(c Cue) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.muted || p.err != nil || p.dir == "" {
		return
	}
	if p.cancel != nil {
		p.cancel()
	}
	ctx, cancel := context.WithTimeout(context.Background(), maxCue)
	p.cancel = cancel
	path := filepath.Join(p.dir, string(c)+".wav")
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		defer cancel()
		err := p.backend.Play(ctx, path)
		if err == nil || ctx.Err() != nil && !errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return // played, or replaced by the next cue
		}
		p.mu.Lock()
		if p.err == nil {
			p.err = err
			p.log.Warn("sound cues are off: the system's player failed", "err", err)
		}
		p.mu.Unlock()
	}()
}

// Close stops any cue, waits for the player to finish and removes the files.
func (p *Player) Close() error {
	p.mu.Lock()
	if p.cancel != nil {
		p.cancel()
	}
	dir := p.dir
	p.dir = ""
	p.mu.Unlock()
	p.wg.Wait()
	if dir == "" {
		return nil
	}
	return os.RemoveAll(dir)
}
