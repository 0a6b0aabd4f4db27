package watch

import "errors"

// The watcher's unit tests drive it through fixture's scripted sources:
// plain data behind the two source interfaces. The real sources are tested
// against the usbmuxd simulator and umockdev in their own packages and in
// the end-to-end tests (e2e/).

var errNoUsbmuxd = errors.New("dial unix /var/run/usbmuxd: connect: no such file or directory")
