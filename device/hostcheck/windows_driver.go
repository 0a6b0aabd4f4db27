package hostcheck

import "strings"

// Where Windows keeps Apple's USB driver (sources in assets/data/host-compat.tsv):
//
//   - usbaapl64Service is the kernel driver service that iTunes' installer
//     (Apple Mobile Device Support) and the Apple Devices app set up for
//     "Apple Mobile Device USB Driver", usbaapl64.sys: its ImagePath names
//     the file, System32\drivers\usbaapl64.sys.
//   - driverPackages lists the driver store (Windows 8 and later): the Apple
//     Devices app and Windows Update stage usbaapl64.inf there, and Windows
//     installs it from there when a phone is first plugged in.
//
// Without the driver Windows does not see a phone in recovery or DFU mode
// at all (nor, through Apple Mobile Device Service, in normal mode).
const (
	usbaapl64Service = `HKLM\SYSTEM\CurrentControlSet\Services\USBAAPL64`
	driverPackages   = `HKLM\SYSTEM\DriverDatabase\DriverPackages`
	usbaapl64INF     = "usbaapl64.inf_"
)

// windowsUSBDriver says whether Apple's USB driver is installed, and what
// to install when it is not.
func windowsUSBDriver(r Registry, programs map[string]program, packages map[string]storePackage) Check {
	c := Check{ID: "win.usb-driver", Title: title("win.usb-driver")}
	if r == nil {
		c.Status, c.Found = Unknown, msg("win.registry-unread")
		return c
	}
	if image, err := r.String(usbaapl64Service, "ImagePath"); err == nil {
		c.Status = OK
		c.Found = msg("win.driver.installed", "File", driverFile(image))
		return c
	}
	if subs, err := r.SubKeys(driverPackages); err == nil {
		for _, s := range subs {
			if strings.HasPrefix(strings.ToLower(s), usbaapl64INF) {
				c.Status = OK
				c.Found = msg("win.driver.staged", "Package", s)
				return c
			}
		}
	}
	c.Status = Fail
	c.Found = msg("win.driver.missing")
	_, hasDesktop := programs["iTunes"]
	_, hasStore := packages["AppleInc.iTunes"]
	_, hasDevices := packages["AppleInc.AppleDevices"]
	switch {
	case hasDevices || hasStore:
		c.Fix = msg("win.driver.update")
	case hasDesktop:
		c.Fix = msg("win.driver.repair-itunes")
		c.Link = linkAppleDevicesStore
	default:
		c.Fix = msg("win.driver.install")
		c.Link = linkAppleDevicesStore
	}
	return c
}

// driverFile is the file an ImagePath names, or "usbaapl64" when it names none.
func driverFile(image string) string {
	image = strings.TrimSpace(image)
	if image == "" {
		return "usbaapl64"
	}
	return image
}
