package hostcheck

import (
	"context"
	"fmt"
	"io/fs"
	"strings"

	"unstuck/device/safeplist"
	"unstuck/device/tr"
)

// Where macOS keeps the files the Mac checks read (paths for fs.FS, no
// leading slash). The MobileDevice framework moved from /System to
// /Library/Apple/System on current macOS (peers.md 3.1).
const (
	systemVersionPlist  = "System/Library/CoreServices/SystemVersion.plist"
	iTunesInfoPlist     = "Applications/iTunes.app/Contents/Info.plist"
	mobileDeviceCurrent = "Library/Apple/System/Library/PrivateFrameworks/MobileDevice.framework/Versions/A/Resources/Info.plist"
	mobileDeviceOlder   = "System/Library/PrivateFrameworks/MobileDevice.framework/Versions/A/Resources/Info.plist"
	linkITunesApple     = "https://www.apple.com/itunes/"
)

// finderSince is the first macOS that manages phones in Finder (Wikipedia
// iTunes, in host-compat.tsv's header).
var finderSince = []int{10, 15}

// checkDarwin runs the Mac checks over p.
func checkDarwin(_ context.Context, p DarwinProbes, in Input) []Check {
	mac, macErr := readPlistStrings(p.Root, systemVersionPlist)
	version := mac["ProductVersion"]
	parsed, versionOK := parseVersion(version)
	checks := []Check{
		safe("os", func() Check { return darwinOSCheck(p, mac, macErr) }),
		safe("usb.stack", func() Check { return usbStackCheck(in, "libusb", msg("mac.libusb.install")) }),
		safe("usb.devices", func() Check { return usbDevicesCheck(in) }),
		safe("mac.device-manager", func() Check { return macDeviceManager(p, parsed, versionOK) }),
		safe("mac.mobiledevice", func() Check { return macMobileDevice(p) }),
		safe("compat", func() Check { return macCompat(in, version, parsed, versionOK) }),
	}
	return checks
}

func darwinOSCheck(p DarwinProbes, mac map[string]string, err error) Check {
	c := Check{ID: "os", Title: title("os")}
	if err != nil || mac["ProductVersion"] == "" {
		c.Status = Unknown
		c.Found = msg("mac.os.unread", "Path", "/"+systemVersionPlist)
		if err != nil {
			c.Found = msg("mac.os.unread-error", "Path", "/"+systemVersionPlist, "Error", err.Error())
		}
		return c
	}
	name := mac["ProductName"]
	if name == "" {
		name = "macOS"
	}
	c.Status = OK
	c.Found = msg("os.version", "Name", name, "Version", mac["ProductVersion"], "Build", mac["ProductBuildVersion"], "Arch", archName(p.Uname.Machine))
	return c
}

func macDeviceManager(p DarwinProbes, version []int, versionOK bool) Check {
	c := Check{ID: "mac.device-manager", Title: title("mac.device-manager")}
	itunes, itErr := readPlistStrings(p.Root, iTunesInfoPlist)
	itunesVersion := itunes["CFBundleShortVersionString"]
	if itunesVersion == "" {
		itunesVersion = itunes["CFBundleVersion"]
	}
	switch {
	case !versionOK:
		c.Status = Unknown
		c.Found = msg("mac.manager.unknown")
	case compareVersions(version, finderSince) >= 0:
		c.Status = OK
		c.Found, c.Manager = msg("mac.manager.finder"), ManagerFinder
		if itErr == nil && itunesVersion != "" {
			c.Found = msg("mac.manager.finder.itunes-too", "Version", itunesVersion)
		}
	case itErr == nil && itunesVersion != "":
		c.Status = OK
		c.Found, c.Manager = msg("mac.manager.itunes", "Version", itunesVersion), ManagerITunes
	default:
		c.Status = Fail
		c.Found = msg("mac.manager.no-itunes")
		c.Fix = msg("mac.manager.install-itunes")
		c.Link = linkITunesApple
	}
	return c
}

func macMobileDevice(p DarwinProbes) Check {
	c := Check{ID: "mac.mobiledevice", Title: title("mac.mobiledevice")}
	for _, path := range []string{mobileDeviceCurrent, mobileDeviceOlder} {
		info, err := readPlistStrings(p.Root, path)
		if err != nil {
			continue
		}
		if v := info["CFBundleVersion"]; v != "" {
			c.Status = OK
			c.Found = tr.Rawf("MobileDevice %s (/%s)", v, path)
			return c
		}
	}
	c.Status = Warn
	c.Found = msg("mac.mobiledevice.missing")
	c.Fix = msg("mac.mobiledevice.fix")
	c.Link = linkAppleSoftwareMacOS
	return c
}

// macCompat compares the Mac's version with the macOS released alongside
// each attached phone's iOS (host-compat.tsv).
func macCompat(in Input, version string, host []int, hostOK bool) Check {
	c := Check{ID: "compat", Title: title("compat.mac")}
	phones := phonesWithIOS(in)
	if len(phones) == 0 {
		nc := noPhoneForCompat()
		nc.Title = c.Title
		return nc
	}
	var found []tr.Text
	var statuses []Status
	for _, d := range phones {
		major := iosMajor(d.IOSVersion)
		row, ok := compatFor(major)
		switch {
		case !ok || row.MacOS == "":
			statuses = append(statuses, Unknown)
			found = append(found, msg("mac.compat.no-source", "Name", d.Name(), "IOS", d.IOSVersion))
		case !hostOK:
			statuses = append(statuses, Unknown)
			found = append(found, msg("mac.compat.mac-unknown", "Name", d.Name(), "IOS", d.IOSVersion, "MacOS", row.macOS()))
		default:
			need, _ := parseVersion(row.MacOS)
			if compareVersions(host, need) >= 0 {
				statuses = append(statuses, OK)
				found = append(found, msg("mac.compat.ok", "Name", d.Name(), "IOS", d.IOSVersion, "Version", version, "MacOS", row.macOS()))
			} else {
				statuses = append(statuses, Warn)
				found = append(found, msg("mac.compat.older", "Name", d.Name(), "IOS", d.IOSVersion, "Version", version, "MacOS", row.macOS()))
			}
		}
	}
	c.Status = worst(statuses...)
	c.Found = list(found)
	if c.Status == Warn {
		c.Fix = msg("mac.compat.fix")
		c.Link = linkAppleSoftwareMacOS
	}
	return c
}

// plistLimits bound the host's plists read here: SystemVersion.plist and
// framework Info.plists are a few kilobytes, iTunes's Info.plist some
// 30 KB with a few hundred values, nesting 4 levels.
var plistLimits = safeplist.Limits{MaxBytes: 1 << 20, MaxDepth: 32, MaxValues: 1 << 14}

// readPlistStrings reads a property list's top-level string values.
func readPlistStrings(root fs.FS, path string) (map[string]string, error) {
	if root == nil {
		return nil, fmt.Errorf("no file system to read %s", path)
	}
	raw, err := readRegular(root, path, int64(plistLimits.MaxBytes))
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := safeplist.Decode(raw, &m, plistLimits); err != nil {
		return nil, fmt.Errorf("/%s is not a property list: %w", path, err)
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		if s, ok := v.(string); ok {
			out[k] = s
		}
	}
	return out, nil
}

// archName turns a kernel machine name into words.
func archName(machine string) tr.Text {
	switch strings.ToLower(machine) {
	case "arm64", "aarch64":
		return msg("arch.arm64")
	case "x86_64", "amd64":
		return msg("arch.x86_64")
	case "":
		return msg("arch.unknown")
	}
	return tr.Raw(machine)
}
