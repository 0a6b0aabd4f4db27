package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"

	"unstuck/device/single"
)

// oneCopy makes this the one running copy of the app for this user (the
// demo is a copy of its own, so a real copy never stops it). When another
// is running it is asked to show its window and quit is true. With no way
// to tell (no config directory, a copy that does not answer), the app runs
// anyway, and in is nil.
func oneCopy(demo bool, stderr io.Writer) (in *single.Instance, quit bool) {
	name := "unstuck"
	if demo {
		name = "unstuck-demo"
	}
	dir, err := os.UserConfigDir()
	if err == nil {
		in, err = single.Start(filepath.Join(dir, "unstuck"), name)
	}
	switch {
	case errors.Is(err, single.ErrShown):
		fmt.Fprintln(stderr, "unstuck: Unstuck is already open: its window was brought to the front.")
		return nil, true
	case err != nil:
		fmt.Fprintln(stderr, "unstuck: opening anyway, cannot tell whether another copy is open:", err)
		return nil, false
	}
	return in, false
}

// showOnAsk brings the window forward each time a later copy asks, until
// ctx ends.
func showOnAsk(ctx context.Context, in *single.Instance, w fyne.Window) {
	if in == nil {
		return
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-in.Shows():
			fyne.Do(func() { w.Show(); w.RequestFocus() })
		}
	}
}
