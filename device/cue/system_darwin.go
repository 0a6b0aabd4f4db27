//go:build darwin

package cue

// System is macOS's afplay.
func System() (Backend, error) { return firstCommand(Command{"afplay"}) }
