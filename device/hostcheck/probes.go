package hostcheck

import (
	"context"
	"errors"
	"io/fs"
	"time"

	"unstuck/device"
)

// Input is what the checks know besides the computer itself: the live
// State of the attached phones (from watch.Watcher). A zero State (Updated
// unset) means no reading was taken, and the USB checks say unknown.
type Input struct {
	State device.State
}

// Probe time limits: every command, dial and service query stops after
// these, so Run never hangs on a wedged daemon.
const (
	commandTimeout = 2 * time.Second
	dialTimeout    = time.Second
	serviceTimeout = 2 * time.Second
)

// CommandRunner runs programs. Run returns standard output.
type CommandRunner interface {
	Run(ctx context.Context, name string, args ...string) ([]byte, error)
	LookPath(name string) (string, error)
}

// Dialer opens and closes a connection, to see whether something answers.
type Dialer interface {
	Dial(ctx context.Context, network, address string) error
}

// DeviceOpener tells whether this user can open a device node for reading
// and writing (what libusb needs).
type DeviceOpener interface {
	CanOpen(path string) error
}

// Registry reads the Windows registry. Keys are full paths with the root
// spelled out: `HKLM\SOFTWARE\...` or `HKCU\Software\...`.
type Registry interface {
	String(key, name string) (string, error)
	Integer(key, name string) (uint64, error)
	SubKeys(key string) ([]string, error)
}

// ServiceManager queries a Windows service by name. A service that is not
// installed gives ErrNotInstalled.
type ServiceManager interface {
	Query(ctx context.Context, name string) (ServiceStatus, error)
}

// ErrNotInstalled is what ServiceManager.Query returns for an unknown service.
var ErrNotInstalled = errors.New("service not installed")

// ServiceStatus is a Windows service's state and start type, as words
// (serviceWords: "running", "stopped"; "automatic", "manual", "disabled").
type ServiceStatus struct {
	State     string
	StartType string
}

// Uname is the kernel's name, release and machine (architecture).
type Uname struct {
	Sysname, Release, Machine string
}

// LinuxProbes is everything checkLinux reads. Root is the file system from
// "/" (paths are given without the leading slash, as fs.FS wants).
type LinuxProbes struct {
	Root    fs.FS
	Cmd     CommandRunner
	Net     Dialer
	Devices DeviceOpener
	Uname   Uname
	// UID is the effective user id (0 is root, who can open anything).
	UID int
	// MuxSocket is usbmuxd's socket path, normally /var/run/usbmuxd.
	MuxSocket string
}

// DarwinProbes is everything checkDarwin reads: files (SystemVersion.plist,
// Info.plist files) under Root and the kernel's Uname.
type DarwinProbes struct {
	Root  fs.FS
	Uname Uname
}

// WindowsProbes is everything checkWindows reads.
type WindowsProbes struct {
	Registry Registry
	Services ServiceManager
	Net      Dialer
	// Arch is the processor architecture, e.g. "AMD64" or "ARM64".
	Arch string
}
