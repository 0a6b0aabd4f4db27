package guide

import (
	"testing"
	"time"
)

// TestCountdownWait: the countdown sleeps a tick, or less when a step ends
// or the assisted reboot is due sooner; never less while paused.
func TestCountdownWait(t *testing.T) {
	const ms = time.Millisecond
	cases := []struct {
		name                         string
		left, elapsed                time.Duration
		paused, assisted, rebootSent bool
		rebootAt, want               time.Duration
	}{
		{name: "a tick", left: time.Second, elapsed: time.Second, want: 50 * ms},
		{name: "the step ends first", left: 20 * ms, want: 20 * ms},
		{name: "the step ends in a tick", left: 50 * ms, want: 50 * ms},
		{name: "the grace is over", left: -5 * ms, want: 50 * ms},
		{name: "paused near a step's end", left: 20 * ms, paused: true, want: 50 * ms},
		{name: "the reboot is due first", left: time.Second, elapsed: 2 * time.Second, assisted: true, rebootAt: 2*time.Second + 10*ms, want: 10 * ms},
		{name: "the step ends before the reboot", left: 20 * ms, assisted: true, rebootAt: 30 * ms, want: 20 * ms},
		{name: "the reboot was sent", left: time.Second, assisted: true, rebootSent: true, rebootAt: 10 * ms, want: 50 * ms},
		{name: "the reboot is past", left: time.Second, elapsed: time.Second, assisted: true, rebootAt: 10 * ms, want: 50 * ms},
		{name: "paused before the reboot", left: time.Second, paused: true, assisted: true, rebootAt: 10 * ms, want: 50 * ms},
		{name: "not assisted", left: time.Second, rebootAt: 10 * ms, want: 50 * ms},
	}
	r := New(Options{Every: 50 * ms})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cd := &countdown{r: r, paused: c.paused, assisted: c.assisted, rebootSent: c.rebootSent, rebootAt: c.rebootAt}
			if got := cd.wait(c.left, c.elapsed); got != c.want {
				t.Errorf("wait %v, want %v", got, c.want)
			}
		})
	}
}
