package hostcheck

import (
	"context"
	"fmt"
	"io/fs"
	"strings"

	"unstuck/device/safeplist"
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
		safe("os", "Operating system", func() Check { return darwinOSCheck(p, mac, macErr) }),
		safe("usb.stack", "USB access", func() Check {
			return usbStackCheck(in, "libusb", "Install libusb (brew install libusb), then open Unstuck again.")
		}),
		safe("usb.devices", "iPhones on USB", func() Check { return usbDevicesCheck(in) }),
		safe("mac.device-manager", "Finder or iTunes", func() Check { return macDeviceManager(p, parsed, versionOK) }),
		safe("mac.mobiledevice", "Apple device support (MobileDevice)", func() Check { return macMobileDevice(p) }),
		safe("compat", "This iPhone and this Mac", func() Check { return macCompat(in, version, parsed, versionOK) }),
	}
	return checks
}

func darwinOSCheck(p DarwinProbes, mac map[string]string, err error) Check {
	c := Check{ID: "os", Title: "Operating system"}
	if err != nil || mac["ProductVersion"] == "" {
		c.Status = Unknown
		c.Found = "Could not read the macOS version from /" + systemVersionPlist
		if err != nil {
			c.Found += ": " + err.Error()
		}
		return c
	}
	name := mac["ProductName"]
	if name == "" {
		name = "macOS"
	}
	c.Status = OK
	c.Found = strings.TrimSpace(fmt.Sprintf("%s %s (build %s) on %s", name, mac["ProductVersion"], mac["ProductBuildVersion"], archName(p.Uname.Machine)))
	return c
}

func macDeviceManager(p DarwinProbes, version []int, versionOK bool) Check {
	c := Check{ID: "mac.device-manager", Title: "Finder or iTunes"}
	itunes, itErr := readPlistStrings(p.Root, iTunesInfoPlist)
	itunesVersion := itunes["CFBundleShortVersionString"]
	if itunesVersion == "" {
		itunesVersion = itunes["CFBundleVersion"]
	}
	switch {
	case !versionOK:
		c.Status = Unknown
		c.Found = "The macOS version is not known, so it is not clear whether Finder or iTunes manages the phone."
	case compareVersions(version, finderSince) >= 0:
		c.Status = OK
		c.Found = "Finder manages the iPhone on this Mac (macOS 10.15 and later)."
		if itErr == nil && itunesVersion != "" {
			c.Found += " iTunes " + itunesVersion + " is also installed; Finder is the one to use."
		}
	case itErr == nil && itunesVersion != "":
		c.Status = OK
		c.Found = "iTunes " + itunesVersion + " manages the iPhone on this Mac (macOS 10.14 and earlier)."
	default:
		c.Status = Fail
		c.Found = "This macOS manages phones through iTunes, but iTunes was not found at /Applications/iTunes.app."
		c.Fix = "Install iTunes from Apple, or update macOS."
		c.Link = linkITunesApple
	}
	return c
}

func macMobileDevice(p DarwinProbes) Check {
	c := Check{ID: "mac.mobiledevice", Title: "Apple device support (MobileDevice)"}
	for _, path := range []string{mobileDeviceCurrent, mobileDeviceOlder} {
		info, err := readPlistStrings(p.Root, path)
		if err != nil {
			continue
		}
		if v := info["CFBundleVersion"]; v != "" {
			c.Status = OK
			c.Found = "MobileDevice " + v + " (/" + path + ")"
			return c
		}
	}
	c.Status = Warn
	c.Found = "The MobileDevice framework was not found in /Library/Apple/System/Library/PrivateFrameworks or /System/Library/PrivateFrameworks."
	c.Fix = "Connect the iPhone and click Install if the Mac offers a software update for it, or update macOS."
	c.Link = linkAppleSoftwareMacOS
	return c
}

// macCompat compares the Mac's version with the macOS released alongside
// each attached phone's iOS (host-compat.tsv).
func macCompat(in Input, version string, host []int, hostOK bool) Check {
	c := Check{ID: "compat", Title: "This iPhone and this Mac"}
	phones := phonesWithIOS(in)
	if len(phones) == 0 {
		nc := noPhoneForCompat()
		nc.Title = c.Title
		return nc
	}
	var found []string
	var statuses []Status
	for _, d := range phones {
		major := iosMajor(d.IOSVersion)
		row, ok := compatFor(major)
		switch {
		case !ok || row.MacOS == "":
			statuses = append(statuses, Unknown)
			found = append(found, fmt.Sprintf("%s runs iOS %s: no source says which macOS came with it", d.Name(), d.IOSVersion))
		case !hostOK:
			statuses = append(statuses, Unknown)
			found = append(found, fmt.Sprintf("%s runs iOS %s, released with macOS %s %s; this Mac's version is not known", d.Name(), d.IOSVersion, row.MacOS, row.MacOSName))
		default:
			need, _ := parseVersion(row.MacOS)
			if compareVersions(host, need) >= 0 {
				statuses = append(statuses, OK)
				found = append(found, fmt.Sprintf("%s runs iOS %s; this Mac runs macOS %s, as new as macOS %s %s that came with it", d.Name(), d.IOSVersion, version, row.MacOS, row.MacOSName))
			} else {
				statuses = append(statuses, Warn)
				found = append(found, fmt.Sprintf("%s runs iOS %s, which came out with macOS %s %s; this Mac runs the older macOS %s", d.Name(), d.IOSVersion, row.MacOS, row.MacOSName, version))
			}
		}
	}
	c.Status = worst(statuses...)
	c.Found = strings.Join(found, "; ") + "."
	if c.Status == Warn {
		c.Fix = "The Mac may say \"A software update is required to connect to your iPhone\": click Install, or update macOS first."
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
func archName(machine string) string {
	switch strings.ToLower(machine) {
	case "arm64", "aarch64":
		return "ARM 64-bit (arm64)"
	case "x86_64", "amd64":
		return "Intel/AMD 64-bit (x86_64)"
	case "":
		return "an unknown architecture"
	}
	return machine
}
