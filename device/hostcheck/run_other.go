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
		{ID: "os", Title: title("os"), Status: Unknown, Found: msg("other.os", "OS", runtime.GOOS, "Arch", runtime.GOARCH)},
		usbStackCheck(in, "libusb", msg("other.libusb.install")),
		usbDevicesCheck(in),
	}
}
