//go:build !linux && !darwin && !windows

package hostcheck

import (
	"context"
	"runtime"
)

// runPlatform on systems Unstuck has no checks for reports the USB facts
// and says so.
func runPlatform(_ context.Context, in Input) []Check {
	return []Check{
		{ID: "os", Title: "Operating system", Status: Unknown,
			Found: "No computer checks exist for " + runtime.GOOS + " (" + runtime.GOARCH + ")."},
		usbStackCheck(in, "libusb", "Install libusb, then open Unstuck again."),
		usbDevicesCheck(in),
	}
}
