//go:build !linux && !darwin && !windows

package awake

import (
	"context"
	"fmt"
	"runtime"
)

// unsupported is the Inhibitor of systems Unstuck has no lock for.
type unsupported struct{}

func (unsupported) Acquire(context.Context, string) (Lock, error) {
	return nil, fmt.Errorf("%w: not supported on %s", ErrCannotKeepAwake, runtime.GOOS)
}

// Default is this system's way of keeping the computer awake: none here.
func Default() Inhibitor { return unsupported{} }

// Held is not available on this system.
func Held(context.Context) ([]Inhibition, error) {
	return nil, ErrUnknownHere
}
