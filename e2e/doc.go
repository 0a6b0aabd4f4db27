// Package e2e holds Unstuck's end-to-end tests and benchmarks: the real
// watcher over the real sources, with simulated phones on the far side of
// the real protocols (the usbmuxd simulator on a unix socket, umockdev for
// the USB bus), cross-checked with Debian's libimobiledevice tools and
// irecovery. It has no code of its own.
package e2e
