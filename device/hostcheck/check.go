// Package hostcheck checks the computer's side of an iPhone connection: the
// operating system, Apple's device software (Finder, iTunes, the Apple
// Devices app, Apple Mobile Device Service, usbmuxd), and access to the USB
// devices that recovery and DFU mode need. Each check says what it found
// and, when something is wrong, what to do, as tr.Texts whose messages are
// in assets/i18n/host.
package hostcheck

import "unstuck/device/tr"

// Status is the outcome of one check.
type Status string

const (
	OK      Status = "ok"
	Warn    Status = "warn"
	Fail    Status = "fail"
	Unknown Status = "unknown" // the check could not tell
)

// Check is one finding about the computer.
type Check struct {
	ID     string  `json:"id"`    // stable, e.g. "linux.usbmuxd"
	Title  tr.Text `json:"title"` // short, e.g. "usbmuxd"
	Status Status  `json:"status"`
	Found  tr.Text `json:"found"`          // what was seen: versions, paths
	Fix    tr.Text `json:"fix,omitzero"`   // one sentence, when not ok
	Link   string  `json:"link,omitempty"` // the vendor page for the fix
	// Snippet is text to copy as is for the fix: a udev rule, a command.
	Snippet string `json:"snippet,omitempty"`
	// Manager is the Apple app found managing phones here, for the checks
	// that look for one (mac.device-manager, win.itunes,
	// win.apple-devices): what device/handoff offers to open.
	Manager Manager `json:"-"`
}

// Manager is an Apple app that updates and restores an iPhone.
type Manager string

const (
	ManagerFinder       Manager = "finder"        // macOS 10.15 and later
	ManagerITunes       Manager = "itunes"        // on a Mac, or Apple's installer on Windows
	ManagerITunesStore  Manager = "itunes-store"  // the Microsoft Store's iTunes
	ManagerAppleDevices Manager = "apple-devices" // the Apple Devices app on Windows
)

// msg is the host area's message id (without its "host." prefix).
func msg(id string, kv ...any) tr.Text { return tr.Msg("host."+id, kv...) }

// title is the title message of the check id: host.title.<id>.
func title(id string) tr.Text { return msg("title." + id) }

// list is items as one sentence ("a; b."), each a phone's finding.
func list(items []tr.Text) tr.Text {
	if len(items) == 0 {
		return tr.Text{}
	}
	return msg("list.end", "Items", join(items))
}

// join is items one after another as the language separates them ("a; b").
func join(items []tr.Text) tr.Text {
	if len(items) == 0 {
		return tr.Text{}
	}
	out := items[len(items)-1]
	for i := len(items) - 2; i >= 0; i-- {
		out = msg("list.more", "Item", items[i], "Rest", out)
	}
	return out
}
