// Package e2e holds Unstuck's end-to-end tests and benchmarks: the real
// watcher over the real sources, with simulated phones on the far side of
// the real protocols (the usbmuxd simulator on a unix socket, umockdev for
// the USB bus), cross-checked with Debian's libimobiledevice tools and
// irecovery; and the real unstuckctl binary, built from cmd/unstuckctl. It
// sits at the top level so that device/ never depends on cmd/, not even in
// tests. The phones are device/fixture's. It has no code of its own.
package e2e
