package usbsource

import (
	"fmt"
	"io"
	"os"

	"golang.org/x/sys/unix"
)

// openUevents binds a NETLINK_KOBJECT_UEVENT socket to the kernel's
// multicast group (1; udev's re-broadcasts go to group 2). The socket is
// non-blocking so that the Go runtime polls it and Close ends a Read.
func openUevents() (io.ReadCloser, error) {
	fd, err := unix.Socket(unix.AF_NETLINK, unix.SOCK_DGRAM|unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC, unix.NETLINK_KOBJECT_UEVENT)
	if err != nil {
		return nil, fmt.Errorf("opening the kernel's device event socket: %w", err)
	}
	if err := unix.Bind(fd, &unix.SockaddrNetlink{Family: unix.AF_NETLINK, Groups: 1}); err != nil {
		unix.Close(fd)
		return nil, fmt.Errorf("listening to the kernel's device events: %w", err)
	}
	// A burst (a hub with many ports) must not overflow the queue; an
	// overflow only costs the events until the next resync (ENOBUFS ends
	// the Read loop and the watcher reopens).
	_ = unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_RCVBUF, 1<<20)
	return os.NewFile(uintptr(fd), "uevent"), nil
}
