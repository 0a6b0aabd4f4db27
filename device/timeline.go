package device

import (
	"time"

	"unstuck/device/tr"
)

// EventKind names what happened.
type EventKind string

const (
	EventAttached     EventKind = "attached"
	EventDetached     EventKind = "detached"
	EventModeChanged  EventKind = "mode-changed"
	EventTrustChanged EventKind = "trust-changed"
	EventHost         EventKind = "host"     // a host condition appeared or cleared
	EventObserved     EventKind = "observed" // a note from a procedure or an action
	// EventAttempt is a guided procedure that ended: From is the procedure
	// kind ("dfu"), To its verdict ("dfu-reached"), Detail what was seen.
	EventAttempt EventKind = "attempt"
	// EventActivity is a phone's backup, update or restore changing
	// state (device/activity): From and To are the old and new state
	// ("working", "stalled"; "none" when nothing was going on), Detail
	// says it in words ("Backup: no progress for 25 minutes").
	EventActivity EventKind = "activity"
)

// Event is one entry of the timeline.
type Event struct {
	At     time.Time `json:"at"`
	Kind   EventKind `json:"kind"`
	Key    string    `json:"key,omitempty"`    // the device's Key, if about a device
	Device string    `json:"device,omitempty"` // its name at the time
	From   string    `json:"from,omitempty"`
	To     string    `json:"to,omitempty"`
	Detail tr.Text   `json:"detail,omitzero"`
}

// Timeline is a bounded, append-only log of events; the oldest fall off.
// It is not safe for concurrent use; the watcher owns one.
type Timeline struct {
	max    int
	events []Event
}

// DefaultTimelineSize is how many events a watcher keeps.
const DefaultTimelineSize = 500

// NewTimeline makes a timeline that keeps the last max events.
func NewTimeline(max int) *Timeline {
	if max <= 0 {
		max = DefaultTimelineSize
	}
	return &Timeline{max: max}
}

// Add appends an event, dropping the oldest past the bound.
func (t *Timeline) Add(e Event) {
	t.events = append(t.events, e)
	if over := len(t.events) - t.max; over > 0 {
		// Shift in place so the backing array does not grow without bound.
		n := copy(t.events, t.events[over:])
		clear(t.events[n:])
		t.events = t.events[:n]
	}
}

// Events returns a copy, oldest first.
func (t *Timeline) Events() []Event { return append([]Event(nil), t.events...) }

// Len is the number of events kept.
func (t *Timeline) Len() int { return len(t.events) }

// Rekey moves past events from one device key to another: the watcher
// learned that two keys are one phone.
func (t *Timeline) Rekey(from, to string) {
	for i := range t.events {
		if t.events[i].Key == from {
			t.events[i].Key = to
		}
	}
}
