// Package awake keeps the computer from sleeping while an iPhone updates or
// restores, waits in recovery or DFU mode, or while the user follows a
// procedure. It holds the operating system's own sleep inhibitor: logind's
// Inhibit over D-Bus on Linux (with systemd-inhibit as a fallback), a
// caffeinate child on macOS, and SetThreadExecutionState on Windows.
//
// Reason turns a device.State into a plain sentence and a yes/no; a Keeper
// owns the lock, takes it once, lets it go when the reason ends, takes it
// again if the system dropped it, and reports its Status for the GUI. Held
// asks logind, from another process such as unstuckctl, whether Unstuck is
// keeping the computer awake right now.
package awake

import (
	"context"
	"errors"

	"unstuck/device/tr"
)

// Who is the name Unstuck gives the system when it asks to stay awake;
// logind lists it as the inhibitor's "who".
const Who = "Unstuck"

// Names of the ways a lock can be held, as Status.Method reports them.
const (
	MethodLogind         = "logind"
	MethodSystemdInhibit = "systemd-inhibit"
	MethodCaffeinate     = "caffeinate"
	MethodThreadState    = "SetThreadExecutionState"
)

// ErrCannotKeepAwake is wrapped by every error that means no lock could be
// taken at all; its text is what the user sees first.
var ErrCannotKeepAwake = errors.New("cannot keep this computer awake")

// ErrUnknownHere means this operating system offers no way for another
// process to see Unstuck's lock.
var ErrUnknownHere = errors.New("whether Unstuck keeps this computer awake is not visible from here on this system")

// Inhibitor takes the system's sleep lock.
type Inhibitor interface {
	// Acquire takes the lock, saying why in plain words. It returns once the
	// lock is held or it failed, or when ctx ends.
	Acquire(ctx context.Context, why string) (Lock, error)
}

// Lock is one held sleep lock.
type Lock interface {
	// Method names the mechanism: MethodLogind, MethodSystemdInhibit, ...
	Method() string
	// Lost is closed when the system dropped the lock without Release
	// being called (logind went away, the helper process died). It is nil
	// for a mechanism that cannot lose the lock.
	Lost() <-chan struct{}
	// Release lets the computer sleep again. It is safe to call twice.
	Release() error
}

// Status is what the GUI and the CLI show about keeping the computer awake.
type Status struct {
	// Enabled is the user's switch; when false nothing is held.
	Enabled bool `json:"enabled"`
	// Held says the lock is held right now.
	Held bool `json:"held"`
	// Why is the sentence shown while held (or wanted), e.g. "Keeping this
	// computer awake while your iPhone updates".
	Why tr.Text `json:"why,omitzero"`
	// Method is how the lock is held, when it is.
	Method string `json:"method,omitempty"`
	// Err is the last failure to take the lock: the system's error text,
	// or a message (English in JSON).
	Err tr.Text `json:"error,omitzero"`
}

// Inhibition is one sleep lock as logind lists it.
type Inhibition struct {
	What string `json:"what"` // "sleep:idle"
	Who  string `json:"who"`  // "Unstuck"
	Why  string `json:"why"`
	Mode string `json:"mode"` // "block" or "delay"
	UID  uint32 `json:"uid"`
	PID  uint32 `json:"pid"`
}
