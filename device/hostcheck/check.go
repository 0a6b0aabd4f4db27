// Package hostcheck checks the computer's side of an iPhone connection: the
// operating system, Apple's device software (Finder, iTunes, the Apple
// Devices app, Apple Mobile Device Service, usbmuxd), and access to the USB
// devices that recovery and DFU mode need. Each check says what it found
// and, when something is wrong, what to do.
package hostcheck

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
	ID     string `json:"id"`    // stable, e.g. "linux.usbmuxd"
	Title  string `json:"title"` // short, e.g. "usbmuxd"
	Status Status `json:"status"`
	Found  string `json:"found"`          // what was seen: versions, paths
	Fix    string `json:"fix,omitempty"`  // one sentence, when not ok
	Link   string `json:"link,omitempty"` // the vendor page for the fix
	// Snippet is text to copy as is for the fix: a udev rule, a command.
	Snippet string `json:"snippet,omitempty"`
}
