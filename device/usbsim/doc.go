//go:build !linux || !cgo

// Package usbsim emulates iPhones in DFU, recovery and normal mode on the
// USB bus for tests: a umockdev testbed whose usbdevfs ioctls are answered by
// a custom handler, so libusb, gousb and irecovery see the phone, read its
// iBoot serial string and send it iBoot commands. It needs Linux, cgo and
// libumockdev; on other builds the package is empty.
package usbsim
