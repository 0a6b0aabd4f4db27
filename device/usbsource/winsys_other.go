//go:build !windows

package usbsource

// platformWinUSB: Apple's Windows driver exists only on Windows.
func platformWinUSB() winUSB { return nil }
