//go:build !windows && !darwin

package cue

// System is the desktop's own player: PipeWire's pw-play, PulseAudio's
// paplay, or ALSA's aplay, whichever is installed first in that order.
func System() (Backend, error) {
	return firstCommand(Command{"pw-play"}, Command{"paplay"}, Command{"aplay", "-q"})
}
