// Package handoff chooses and opens the Apple tool that updates a phone in
// recovery mode: Finder on macOS 10.15 and later, iTunes on older macOS,
// the Apple Devices app (else iTunes) on Windows, the Microsoft Store page
// of Apple Devices when Windows has neither. Unstuck never updates,
// restores or erases a phone itself; it opens the tool and says to choose
// Update. Identifiers and their sources are in assets/data/handoff.tsv.
package handoff

import (
	"unstuck/device/hostcheck"
	"unstuck/device/tr"
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
// do in the tool once it is open. Its words are in
// assets/i18n/ladder/<tag>.json (ladder.handoff.*).
type Offer struct {
	Tool   Tool
	Button tr.Text // "Open Finder"; zero for NoTool
	Then   tr.Text // one or two sentences
}

// Name is the tool's name as the language writes it ("Finder", "访达");
// for NoTool, all three.
func Name(t Tool) tr.Text {
	switch t {
	case Finder:
		return tr.Msg("ladder.tool.finder")
	case ITunes, ITunesStore:
		return tr.Msg("ladder.tool.itunes")
	case AppleDevices, GetAppleDevices:
		return tr.Msg("ladder.tool.apple-devices")
	}
	return tr.Msg("ladder.tool.any")
}

// thenIn names the words for what to do in each tool that opens
// (ladder.handoff.then.<name>), before choosing Update.
var thenIn = map[Tool]string{Finder: "finder", ITunes: "itunes", ITunesStore: "itunes", AppleDevices: "apple-devices"}

// offer is the button and the words for t.
func offer(t Tool) Offer {
	if then, ok := thenIn[t]; ok {
		return Offer{t, tr.Msg("ladder.handoff.open", "Tool", Name(t)),
			tr.Msg("ladder.join", "First", tr.Msg("ladder.handoff.then."+then), "Second", tr.Msg("ladder.handoff.choose-update"))}
	}
	if t == GetAppleDevices {
		return Offer{t, tr.Msg("ladder.handoff.get-apple-devices"), tr.Msg("ladder.handoff.then.get-apple-devices")}
	}
	return Offer{NoTool, tr.Text{}, tr.Msg("ladder.handoff.no-tool")}
}

// Choose picks the tool for this system (goos as runtime.GOOS) from the
// computer's checks (hostcheck.Run). Before the checks end (nil) a Mac is
// offered Finder, which every macOS since 10.15 (2019) has.
func Choose(goos string, checks []hostcheck.Check) Offer {
	switch goos {
	case "darwin":
		if macUsesITunes(checks) {
			return offer(ITunes)
		}
		return offer(Finder)
	case "windows":
		if checks == nil {
			return Offer{NoTool, tr.Text{}, tr.Msg("ladder.handoff.checking")}
		}
		return offer(windowsTool(checks))
	}
	return offer(NoTool)
}

// macUsesITunes: the Mac's check found iTunes managing the phone (macOS
// 10.14 and earlier), or found it missing where it should be (Fail).
// Unknown or not checked: Finder.
func macUsesITunes(checks []hostcheck.Check) bool {
	c, ok := find(checks, "mac.device-manager")
	return ok && (c.Status == hostcheck.Fail || c.Status != hostcheck.Unknown && c.Manager == hostcheck.ManagerITunes)
}

// windowsTool is the app this PC has to update a phone with: Apple
// Devices, else iTunes (the Store's or the installer's), else the Store
// page of Apple Devices.
func windowsTool(checks []hostcheck.Check) Tool {
	if c, ok := find(checks, "win.apple-devices"); ok && c.Status == hostcheck.OK && c.Manager == hostcheck.ManagerAppleDevices {
		return AppleDevices
	}
	if c, ok := find(checks, "win.itunes"); ok && (c.Status == hostcheck.OK || c.Status == hostcheck.Warn) {
		switch c.Manager {
		case hostcheck.ManagerITunes:
			return ITunes
		case hostcheck.ManagerITunesStore:
			return ITunesStore
		}
	}
	return GetAppleDevices
}

func find(checks []hostcheck.Check, id string) (hostcheck.Check, bool) {
	for _, c := range checks {
		if c.ID == id {
			return c, true
		}
	}
	return hostcheck.Check{}, false
}
