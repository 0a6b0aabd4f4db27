package cue

import (
	"context"
	"encoding/binary"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"unstuck/device/guide"
)

func TestWAVHeaderDescribesTheSamples(t *testing.T) {
	for _, c := range All {
		b := WAV(c)
		le := binary.LittleEndian
		if string(b[0:4]) != "RIFF" || string(b[8:12]) != "WAVE" || string(b[12:16]) != "fmt " || string(b[36:40]) != "data" {
			t.Fatalf("%s: not a RIFF WAVE header: % x", c, b[:44])
		}
		if int(le.Uint32(b[4:8])) != len(b)-8 || int(le.Uint32(b[40:44])) != len(b)-44 {
			t.Errorf("%s: chunk sizes do not match a %d-byte file", c, len(b))
		}
		if le.Uint32(b[24:28]) != SampleRate || le.Uint16(b[34:36]) != 16 || le.Uint16(b[22:24]) != 1 {
			t.Errorf("%s: format fields % x", c, b[20:36])
		}
		d := time.Duration(len(b)-44) * time.Second / (2 * SampleRate)
		if d < 30*time.Millisecond || d > 600*time.Millisecond {
			t.Errorf("%s lasts %v", c, d)
		}
	}
}

// TestALSAPlaysEveryCue: Debian's aplay, an independent reader of WAV
// files, accepts each cue and plays it to ALSA's null device.
func TestALSAPlaysEveryCue(t *testing.T) {
	if _, err := exec.LookPath("aplay"); err != nil {
		t.Skip("aplay is not installed (make test installs alsa-utils)")
	}
	p, err := NewPlayer(Command{"aplay", "-D", "null", "-q"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	for _, c := range All {
		if err := (Command{"aplay", "-D", "null", "-q"}).Play(context.Background(), filepath.Join(p.dir, string(c)+".wav")); err != nil {
			t.Errorf("%s: %v", c, err)
		}
	}
	// And a damaged file is refused, so the check above can fail.
	bad := filepath.Join(t.TempDir(), "bad.wav")
	os.WriteFile(bad, []byte("RIFF\x00\x00\x00\x00WAVEjunk"), 0o600)
	if err := (Command{"aplay", "-D", "null", "-q"}).Play(context.Background(), bad); err == nil {
		t.Error("aplay accepted a damaged file")
	}
}

// recorder is a Backend that remembers what it played and can be slow.
type recorder struct {
	mu     sync.Mutex
	played []string
	hold   chan struct{} // when set, a play lasts until closed or cancelled
	fail   error
}

func (r *recorder) Play(ctx context.Context, path string) error {
	r.mu.Lock()
	r.played = append(r.played, filepath.Base(path))
	hold, fail := r.hold, r.fail
	r.mu.Unlock()
	if hold != nil {
		select {
		case <-hold:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return fail
}

func (r *recorder) list() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.played...)
}

func TestPlayerNeverBlocksAndMutes(t *testing.T) {
	rec := &recorder{hold: make(chan struct{})}
	p, err := NewPlayer(rec, nil)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	p.Play(Step)
	p.Play(Tick) // replaces the step cue, which is still "playing"
	if time.Since(start) > 100*time.Millisecond {
		t.Error("Play blocked its caller")
	}
	p.SetMuted(true)
	p.Play(Success)
	p.SetMuted(false)
	close(rec.hold)
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	got := rec.list()
	slices.Sort(got)
	if len(got) != 2 || got[0] != "step.wav" || got[1] != "tick.wav" {
		t.Errorf("played %v", got)
	}
	if p.Err() != nil {
		t.Errorf("a replaced cue is not a failure: %v", p.Err())
	}
	if _, err := os.Stat(p.dir); p.dir != "" || err == nil {
		t.Error("Close left the cue files behind")
	}
}

func TestAFailingPlayerGoesQuietAndSaysWhy(t *testing.T) {
	rec := &recorder{fail: errors.New("audio open error: No such file or directory")}
	p, err := NewPlayer(rec, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	p.Play(Step)
	deadline := time.Now().Add(2 * time.Second)
	for p.Err() == nil && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if p.Err() == nil {
		t.Fatal("the failure was not kept")
	}
	p.Play(Tick)
	p.Close()
	if got := rec.list(); len(got) != 1 {
		t.Errorf("played %v after the player failed", got)
	}
}

func TestRealPlayerWithoutASoundCard(t *testing.T) {
	if _, err := exec.LookPath("aplay"); err != nil {
		t.Skip("aplay is not installed")
	}
	// The default ALSA device on a machine with no sound card fails; the
	// error names the player and ALSA's reason.
	err := (Command{"aplay", "-q"}).Play(context.Background(), filepath.Join(t.TempDir(), "none.wav"))
	if err == nil {
		t.Skip("this machine can play sound")
	}
	if msg := err.Error(); len(msg) < len("aplay: ") || msg[:len("aplay")] != "aplay" {
		t.Errorf("error %q does not name the player", msg)
	}
}

func TestCuesFromTicks(t *testing.T) {
	sec := func(f float64) time.Duration { return time.Duration(f * float64(time.Second)) }
	var f For
	var got []Cue
	feed := func(t guide.Tick) {
		if c, ok := f.Next(t); ok {
			got = append(got, c)
		}
	}
	// Get ready: 3 s counted down in 50 ms ticks, then a 5 s step, then the verdict.
	for left := 3.0; left > 0; left -= 0.05 {
		feed(guide.Tick{Phase: guide.PhaseGetReady, StepLeft: sec(left)})
	}
	for left := 5.0; left > 0; left -= 0.05 {
		feed(guide.Tick{Phase: guide.PhaseStep, StepLeft: sec(left), NewStep: left == 5.0})
	}
	feed(guide.Tick{Phase: guide.PhaseStep, StepLeft: sec(2.5), Paused: true})
	feed(guide.Tick{Phase: guide.PhaseDone, Verdict: guide.DFUReached})
	feed(guide.Tick{Phase: guide.PhaseDone, Verdict: guide.DFUReached})
	want := []Cue{Tick, Tick, Step, Tick, Tick, Tick, Success}
	if len(got) != len(want) {
		t.Fatalf("cues %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("cues %v, want %v", got, want)
		}
	}
	for v, want := range map[guide.Verdict]Cue{guide.RecoveryInstead: Failure, guide.NoReconnect: Failure, guide.Restarted: Success} {
		var f For
		if c, ok := f.Next(guide.Tick{Phase: guide.PhaseDone, Verdict: v}); !ok || c != want {
			t.Errorf("%s: %q %v", v, c, ok)
		}
	}
	var g For
	if _, ok := g.Next(guide.Tick{Phase: guide.PhaseDone, Verdict: guide.Cancelled}); ok {
		t.Error("a cancelled run has no verdict sound")
	}
}
