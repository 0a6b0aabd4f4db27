package awake

import (
	"context"
	"os"
)

// Default is this system's way of keeping the computer awake: caffeinate,
// told to stop by itself if Unstuck exits.
func Default() Inhibitor {
	return Caffeinate(os.Getpid())
}

// Held is not available on macOS yet (pmset -g assertions would tell).
func Held(context.Context) ([]Inhibition, error) {
	return nil, ErrUnknownHere
}
