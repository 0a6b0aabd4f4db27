//go:build linux

package hostcheck

import (
	"context"
	"os"
	"os/exec"
	"strings"
)

// execRunner runs real programs; the caller's context bounds each one.
type execRunner struct{}

func (execRunner) Run(ctx context.Context, name string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Stdin = nil
	cmd.WaitDelay = commandTimeout
	return cmd.Output()
}

func (execRunner) LookPath(name string) (string, error) { return exec.LookPath(name) }

// nodeOpener opens a device node read-write and closes it, which is what
// libusb does before it can talk to the device.
type nodeOpener struct{}

func (nodeOpener) CanOpen(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	return f.Close()
}

// muxSocketPath honours go-ios' USBMUXD_SOCKET_ADDRESS ("UNIX:///path"), as
// the live watcher does, else the standard socket.
func muxSocketPath() string {
	addr := os.Getenv("USBMUXD_SOCKET_ADDRESS")
	if rest, ok := strings.CutPrefix(addr, "UNIX://"); ok && rest != "" {
		return rest
	}
	if rest, ok := strings.CutPrefix(addr, "unix://"); ok && rest != "" {
		return rest
	}
	if strings.HasPrefix(addr, "/") {
		return addr
	}
	return DefaultMuxSocket
}
