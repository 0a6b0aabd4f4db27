package muxsim

import (
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

// probeTimeout bounds the dial that asks whether a socket is served.
const probeTimeout = time.Second

// listenSocket listens on path. A socket file there that something answers
// on (another simulator, a real usbmuxd) is refused; a stale one, with
// nothing listening, is replaced. The listener does not unlink the file on
// close: removeSocket does, while it is still this listener's.
func listenSocket(path string) (*net.UnixListener, fs.FileInfo, error) {
	if fi, err := os.Lstat(path); err == nil && fi.Mode()&fs.ModeSocket != 0 {
		c, err := net.DialTimeout("unix", path, probeTimeout)
		switch {
		case err == nil:
			c.Close()
			return nil, nil, fmt.Errorf("something is already serving %s (another simulator, or usbmuxd): stop it or choose another socket", path)
		case errors.Is(err, syscall.ECONNREFUSED):
			_ = os.Remove(path) // stale: its server is gone
		default:
			return nil, nil, fmt.Errorf("cannot tell whether %s is in use: %w", path, err)
		}
	}
	ln, err := net.ListenUnix("unix", &net.UnixAddr{Name: path, Net: "unix"})
	if err != nil {
		return nil, nil, fmt.Errorf("simulator socket: %w", err)
	}
	ln.SetUnlinkOnClose(false)
	fi, err := os.Lstat(path)
	if err != nil {
		ln.Close()
		return nil, nil, fmt.Errorf("simulator socket: %w", err)
	}
	return ln, fi, nil
}

// removeSocket removes path if it is still the socket file ours was; one
// that another server has put there since is left alone.
func removeSocket(path string, ours fs.FileInfo) {
	if fi, err := os.Lstat(path); err == nil && os.SameFile(fi, ours) {
		_ = os.Remove(path)
	}
}

// noUnixSockets tells the error of a system without unix sockets: EAFNOSUPPORT,
// which Windows spells WSAEAFNOSUPPORT (10047) before Windows 10 1803 and
// under Wine.
func noUnixSockets(err error) bool {
	var errno syscall.Errno
	return errors.As(err, &errno) && (errno == syscall.EAFNOSUPPORT || uintptr(errno) == 10047)
}

// UnixSocketsWork tells whether this system can make a unix socket at all.
// Where it cannot, New serves loopback TCP, so tests of the socket file
// itself have nothing to test there.
func UnixSocketsWork() bool {
	dir, err := os.MkdirTemp("", "mxprobe")
	if err != nil {
		return false
	}
	defer os.Remove(dir)
	path := filepath.Join(dir, "p.sock")
	ln, err := net.Listen("unix", path)
	if err != nil {
		return !noUnixSockets(err)
	}
	ln.Close()
	_ = os.Remove(path)
	return true
}
