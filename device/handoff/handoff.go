// Package handoff chooses and opens the Apple tool that updates a phone in
// recovery mode: Finder on macOS 10.15 and later, iTunes on older macOS,
// the Apple Devices app (else iTunes) on Windows, the Microsoft Store page
// of Apple Devices when Windows has neither. Unstuck never updates,
// restores or erases a phone itself; it opens the tool and says to choose
// Update. Identifiers and their sources are in assets/data/handoff.tsv.
package handoff

import (
	"unstuck/device/hostcheck"
)

// Tool is the program the hand-off opens.
type Tool string

const (
	Finder          Tool = "finder"
	ITunes          Tool = "itunes"       // iTunes on a Mac, or Apple's installer's iTunes on Windows
	ITunesStore     Tool = "itunes-store" // iTunes from the Microsoft Store
	AppleDevices    Tool = "apple-devices"
	GetAppleDevices Tool = "get-apple-devices" // the Microsoft Store page of Apple Devices
	NoTool          Tool = ""                  // this system has none (Linux), or the checks have not ended
)

// Offer is what the hand-off shows: a button (none for NoTool) and what to
// do in the tool once it is open.
type Offer struct {
	Tool   Tool
	Button string // "Open Finder"; "" for NoTool
	Then   string // one or two sentences
}

const chooseUpdate = "When it says there is a problem with the iPhone, click Update, not Restore."

// Choose picks the tool for this system (goos as runtime.GOOS) from the
// computer's checks (hostcheck.Run). Before the checks end (nil) a Mac is
// offered Finder, which every macOS since 10.15 (2019) has.
func Choose(goos string, checks []hostcheck.Check) Offer {
	switch goos {
	case "darwin":
		if c, ok := find(checks, "mac.device-manager"); ok && c.Status != hostcheck.Unknown && c.Manager == hostcheck.ManagerITunes ||
			ok && c.Status == hostcheck.Fail {
			return Offer{ITunes, "Open iTunes", "In iTunes, click the phone's icon near the top left. " + chooseUpdate}
		}
		return Offer{Finder, "Open Finder", "In Finder, click the iPhone in the sidebar. " + chooseUpdate}
	case "windows":
		if checks == nil {
			return Offer{NoTool, "", "Checking which Apple app this PC has..."}
		}
		if c, ok := find(checks, "win.apple-devices"); ok && c.Status == hostcheck.OK && c.Manager == hostcheck.ManagerAppleDevices {
			return Offer{AppleDevices, "Open Apple Devices", "In Apple Devices, click the iPhone. " + chooseUpdate}
		}
		if c, ok := find(checks, "win.itunes"); ok && (c.Status == hostcheck.OK || c.Status == hostcheck.Warn) &&
			(c.Manager == hostcheck.ManagerITunes || c.Manager == hostcheck.ManagerITunesStore) {
			t := ITunes
			if c.Manager == hostcheck.ManagerITunesStore {
				t = ITunesStore
			}
			return Offer{t, "Open iTunes", "In iTunes, click the phone's icon near the top left. " + chooseUpdate}
		}
		return Offer{GetAppleDevices, "Get Apple Devices from the Microsoft Store",
			"This PC has no Apple app that can update an iPhone. Apple Devices is free: install it, open it, and " +
				"when it says there is a problem with the iPhone, click Update, not Restore."}
	}
	return Offer{NoTool, "", "Updating the phone needs a Mac (Finder) or a Windows PC (the Apple Devices app or iTunes): " +
		"Apple makes no tool for this system. Connect the phone to one of those and choose Update, not Restore."}
}

func find(checks []hostcheck.Check, id string) (hostcheck.Check, bool) {
	for _, c := range checks {
		if c.ID == id {
			return c, true
		}
	}
	return hostcheck.Check{}, false
}
