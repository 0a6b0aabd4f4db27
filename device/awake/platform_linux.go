package awake

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
)

// LinuxInhibitor tries logind over D-Bus first and systemd-inhibit second.
type LinuxInhibitor struct {
	Logind   Logind
	Fallback Child
}

// Default is this system's way of keeping the computer awake.
func Default() Inhibitor {
	return LinuxInhibitor{Fallback: SystemdInhibit()}
}

// Acquire takes the lock from logind, or through systemd-inhibit when
// logind cannot be reached directly.
func (li LinuxInhibitor) Acquire(ctx context.Context, why string) (Lock, error) {
	lock, err := li.Logind.Acquire(ctx, why)
	if err == nil {
		return lock, nil
	}
	if ctx.Err() != nil {
		return nil, fmt.Errorf("%w: %v", ErrCannotKeepAwake, err)
	}
	lock, err2 := li.Fallback.Acquire(ctx, why)
	if err2 == nil {
		return lock, nil
	}
	if errors.Is(err2, exec.ErrNotFound) {
		return nil, fmt.Errorf("%w: no logind and no systemd-inhibit (%v)", ErrCannotKeepAwake, err)
	}
	return nil, fmt.Errorf("%w: %v; %v", ErrCannotKeepAwake, err, err2)
}

// Held lists the sleep locks Unstuck holds right now, as logind sees them.
func Held(ctx context.Context) ([]Inhibition, error) {
	return Logind{}.Held(ctx)
}
