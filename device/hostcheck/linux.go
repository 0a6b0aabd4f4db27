package hostcheck

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"strings"
	"syscall"

	"unstuck/device"
)

// Paths (for fs.FS, no leading slash) the Linux checks read.
var (
	osReleasePaths = []string{"etc/os-release", "usr/lib/os-release"}
	usbmuxdPaths   = []string{"usr/sbin/usbmuxd", "usr/bin/usbmuxd", "sbin/usbmuxd", "usr/local/sbin/usbmuxd", "usr/local/bin/usbmuxd"}
)

const dpkgStatus = "var/lib/dpkg/status"

// DefaultMuxSocket is where usbmuxd listens on Linux and macOS.
const DefaultMuxSocket = "/var/run/usbmuxd"

// checkLinux runs the Linux checks over p.
func checkLinux(ctx context.Context, p LinuxProbes, in Input) []Check {
	release := readOSRelease(p.Root)
	muxPath, muxVersion := findUsbmuxd(ctx, p)
	return []Check{
		safe("os", "Operating system", func() Check { return linuxOSCheck(p, release) }),
		safe("usb.stack", "USB access", func() Check { return usbStackCheck(in, "sysfs", linuxUSBFix(p.Root, release)) }),
		safe("usb.devices", "iPhones on USB", func() Check { return usbDevicesCheck(in) }),
		safe("linux.usbmuxd", "usbmuxd installed", func() Check { return usbmuxdInstalled(release, muxPath, muxVersion) }),
		safe("linux.usbmuxd-running", "usbmuxd running", func() Check { return usbmuxdRunning(ctx, p, in, muxPath != "") }),
		safe("linux.udev-rules", "Permission rules for recovery and DFU mode", func() Check { return udevCheck(p.Root) }),
		safe("linux.usb-access", "Opening phones in recovery or DFU mode", func() Check { return usbAccessCheck(p, in) }),
		safe("linux.tools", "libimobiledevice tools", func() Check { return toolsCheck(p, release) }),
	}
}

// libusbPaths are where distributions put libusb's shared library.
var libusbPaths = []string{"usr/lib/libusb-1.0.so*", "usr/lib/*/libusb-1.0.so*", "usr/lib64/libusb-1.0.so*", "lib/*/libusb-1.0.so*", "lib64/libusb-1.0.so*"}

// linuxUSBFix is what to do when the USB bus cannot be read, by its cause:
// libusb missing, no USB bus at all (a container, a virtual machine), or
// libusb present on a bus that is there and still failing.
func linuxUSBFix(root fs.FS, release map[string]string) string {
	libusb := false
	for _, pat := range libusbPaths {
		if m, _ := fs.Glob(root, pat); len(m) > 0 {
			libusb = true
			break
		}
	}
	bus, _ := fs.ReadDir(root, "sys/bus/usb/devices")
	switch {
	case !libusb:
		return "Install libusb (" + installHint(release, "libusb-1.0-0") + "), then open Unstuck again."
	case len(bus) == 0:
		return "libusb is installed, but this computer shows no USB bus (/sys/bus/usb is empty): in a container or virtual machine, pass the USB devices through (/dev/bus/usb and /sys/bus/usb), or run Unstuck on the computer the phone is plugged into."
	}
	return "libusb is installed and the USB bus is there, yet listing it failed: unplug the phone, open Unstuck again, and if it persists send the report (its Details hold the error)."
}

// readOSRelease parses os-release(5): KEY=value lines, values maybe quoted.
func readOSRelease(root fs.FS) map[string]string {
	out := map[string]string{}
	for _, path := range osReleasePaths {
		raw, err := readRegular(root, path, maxTextFile)
		if err != nil {
			continue
		}
		// Every line, however long (a bufio.Scanner would stop at 64 KiB).
		for line := range strings.Lines(string(raw)) {
			line = strings.TrimSpace(line)
			key, val, ok := strings.Cut(line, "=")
			if !ok || strings.HasPrefix(line, "#") {
				continue
			}
			out[key] = strings.Trim(val, `"'`)
		}
		return out
	}
	return out
}

func linuxOSCheck(p LinuxProbes, release map[string]string) Check {
	c := Check{ID: "os", Title: "Operating system", Status: OK}
	name := release["PRETTY_NAME"]
	if name == "" {
		name = strings.TrimSpace(release["NAME"] + " " + release["VERSION_ID"])
	}
	if name == "" {
		name = "Linux (distribution not named in /etc/os-release)"
	}
	kernel := p.Uname.Release
	if kernel == "" {
		kernel = "unknown"
	}
	c.Found = fmt.Sprintf("%s, kernel %s, %s", name, kernel, archName(p.Uname.Machine))
	if release["PRETTY_NAME"] == "" && p.Uname.Release == "" {
		c.Status = Unknown
	}
	return c
}

// debianLike says whether the distribution installs with apt.
func debianLike(release map[string]string) bool {
	ids := release["ID"] + " " + release["ID_LIKE"]
	return strings.Contains(ids, "debian") || strings.Contains(ids, "ubuntu")
}

// installHint names the install command for a Debian package, or says
// to use the distribution's package manager.
func installHint(release map[string]string, debianPackage string) string {
	if debianLike(release) {
		return "sudo apt install " + debianPackage
	}
	return "package " + debianPackage + " or your distribution's equivalent"
}

// findUsbmuxd looks for the usbmuxd program and asks it for its version,
// falling back to dpkg's status file.
func findUsbmuxd(ctx context.Context, p LinuxProbes) (path, version string) {
	if p.Cmd != nil {
		if found, err := p.Cmd.LookPath("usbmuxd"); err == nil {
			path = found
		}
	}
	if path == "" {
		for _, candidate := range usbmuxdPaths {
			if info, err := fs.Stat(p.Root, candidate); err == nil && !info.IsDir() {
				path = "/" + candidate
				break
			}
		}
	}
	if path == "" {
		return "", ""
	}
	if p.Cmd != nil {
		cctx, cancel := context.WithTimeout(ctx, commandTimeout)
		out, err := p.Cmd.Run(cctx, path, "--version")
		cancel()
		if err == nil {
			if f := strings.Fields(string(out)); len(f) >= 2 && f[0] == "usbmuxd" {
				return path, f[1]
			}
		}
	}
	return path, dpkgVersion(p.Root, "usbmuxd")
}

// dpkgVersion reads an installed package's version from dpkg's status file.
func dpkgVersion(root fs.FS, pkg string) string {
	raw, err := readRegular(root, dpkgStatus, maxTextFile)
	if err != nil {
		return ""
	}
	for _, stanza := range strings.Split(string(raw), "\n\n") {
		fields := map[string]string{}
		for _, line := range strings.Split(stanza, "\n") {
			if k, v, ok := strings.Cut(line, ": "); ok {
				fields[k] = v
			}
		}
		if fields["Package"] == pkg && strings.Contains(fields["Status"], "installed") && !strings.Contains(fields["Status"], "not-installed") {
			return fields["Version"]
		}
	}
	return ""
}

func usbmuxdInstalled(release map[string]string, path, version string) Check {
	c := Check{ID: "linux.usbmuxd", Title: "usbmuxd installed"}
	if path == "" {
		c.Status = Fail
		c.Found = "usbmuxd was not found; without it the computer cannot talk to a running iPhone."
		c.Fix = "Install usbmuxd (" + installHint(release, "usbmuxd") + ")."
		c.Link = linkUsbmuxd
		return c
	}
	c.Status = OK
	if version == "" {
		version = "version unknown"
	}
	c.Found = fmt.Sprintf("usbmuxd %s at %s", version, path)
	return c
}

// usbmuxdRunning dials usbmuxd's socket. A missing socket with no running
// iPhone attached is normal: udev starts usbmuxd with the first phone and
// it exits with the last (39-usbmuxd.rules). A socket that refuses is not.
func usbmuxdRunning(ctx context.Context, p LinuxProbes, in Input, installed bool) Check {
	c := Check{ID: "linux.usbmuxd-running", Title: "usbmuxd running"}
	socket := p.MuxSocket
	if socket == "" {
		socket = DefaultMuxSocket
	}
	var err error
	if p.Net == nil {
		err = errors.New("no way to dial")
	} else {
		dctx, cancel := context.WithTimeout(ctx, dialTimeout)
		err = p.Net.Dial(dctx, "unix", socket)
		cancel()
	}
	restart := "Restart it with sudo systemctl restart usbmuxd, or unplug and replug the iPhone."
	if err == nil {
		return misbehaving(c, socket, in.State, restart)
	}
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		c.Status = Fail
		c.Found = socket + " exists but refuses connections: usbmuxd stopped or hung."
		c.Fix = restart
		return c
	case errors.Is(err, syscall.EACCES) || errors.Is(err, fs.ErrPermission):
		c.Status = Fail
		c.Found = socket + " exists but this user may not connect to it."
		c.Fix = "Check the socket's permissions (ls -l " + socket + "); " + restart
		return c
	case !errors.Is(err, syscall.ENOENT) && !errors.Is(err, fs.ErrNotExist):
		c.Status = Fail
		c.Found = "Could not connect to " + socket + ": " + plainDialError(err)
		c.Fix = restart
		return c
	}
	// No socket.
	if !installed {
		c.Status, c.Found = Unknown, "usbmuxd is not installed (see above), so it is not running."
		return c
	}
	if phone := runningPhoneOnUSB(in); phone != "" {
		c.Status = Fail
		c.Found = phone + " is connected, but usbmuxd is not running (no " + socket + ")."
		c.Fix = "Start it with sudo systemctl start usbmuxd, then unplug and replug the iPhone."
		return c
	}
	if rule := usbmuxdUdevRule(p.Root); rule != "" {
		c.Status = OK
		c.Found = "Not running, which is normal with no iPhone connected: " + rule + " starts it when one is plugged in."
		return c
	}
	c.Status = Warn
	c.Found = "Not running, and no udev rule (39-usbmuxd.rules) was found to start it when an iPhone is plugged in."
	c.Fix = "Reinstall usbmuxd to restore its udev rule, or start it by hand with sudo usbmuxd."
	c.Link = linkUsbmuxd
	return c
}

// misbehaving: usbmuxd takes connections on socket; it passes unless the
// watcher found that it then does not answer, or answers garbage.
func misbehaving(c Check, socket string, s device.State, restart string) Check {
	cond, ok := s.Condition(device.CondUsbmuxdUnavailable)
	if !ok || (cond.Cause != device.CauseNotAnswering && cond.Cause != device.CauseUnreadable) {
		c.Status, c.Found = OK, "usbmuxd answers on "+socket+"."
		return c
	}
	c.Status, c.Found, c.Fix = Fail, socket+" takes connections, but: "+cond.Message, restart
	return c
}

// plainDialError drops Go's "dial unix" prefix from a dial error.
func plainDialError(err error) string {
	var op *net.OpError
	if errors.As(err, &op) && op.Err != nil {
		return op.Err.Error()
	}
	return err.Error()
}

// runningPhoneOnUSB names an attached phone that usbmuxd should serve.
func runningPhoneOnUSB(in Input) string {
	for _, d := range in.State.Devices {
		switch d.Mode {
		case device.ModeNormal, device.ModeRestore, device.ModeUSBOnly:
			return d.Name()
		}
	}
	return ""
}

// usbmuxdUdevRule finds the rule file that starts usbmuxd on plug-in.
func usbmuxdUdevRule(root fs.FS) string {
	for _, dir := range udevRuleDirs {
		entries, err := fs.ReadDir(root, dir)
		if err != nil {
			continue
		}
		for _, e := range entries {
			if !strings.HasSuffix(e.Name(), ".rules") {
				continue
			}
			raw, err := readRegular(root, dir+"/"+e.Name(), maxTextFile)
			if err == nil && strings.Contains(string(raw), "usbmuxd") && strings.Contains(string(raw), "5ac/") {
				return "/" + dir + "/" + e.Name()
			}
		}
	}
	return ""
}

// usbAccessCheck opens the device node of each phone in recovery or DFU
// mode, the way libusb will.
func usbAccessCheck(p LinuxProbes, in Input) Check {
	c := Check{ID: "linux.usb-access", Title: "Opening phones in recovery or DFU mode"}
	var found []string
	var statuses []Status
	for _, d := range in.State.Devices {
		if !d.Mode.BootloaderMode() || d.USB.Bus == 0 || d.USB.Address == 0 {
			continue
		}
		node := fmt.Sprintf("/dev/bus/usb/%03d/%03d", d.USB.Bus, d.USB.Address)
		err := errors.New("no way to open device nodes")
		if p.Devices != nil {
			err = p.Devices.CanOpen(node)
		}
		if err == nil {
			statuses = append(statuses, OK)
			found = append(found, fmt.Sprintf("%s (%s mode): %s opens", d.Name(), d.Mode, node))
		} else {
			statuses = append(statuses, Fail)
			found = append(found, fmt.Sprintf("%s (%s mode): %s does not open: %v", d.Name(), d.Mode, node, err))
		}
	}
	if len(found) > 0 {
		c.Status = worst(statuses...)
		c.Found = strings.Join(found, "; ") + "."
		if c.Status == Fail {
			c.Fix = "Install the udev rule from the check above, then unplug and replug the phone."
			c.Snippet = suggestedUdevRule
		}
		return c
	}
	if cond, ok := in.State.Condition(device.CondUSBPermission); ok {
		c.Status, c.Found = Fail, cond.Message
		c.Fix = "Install the udev rule from the check above, then unplug and replug the phone."
		c.Snippet = suggestedUdevRule
		return c
	}
	if p.UID == 0 {
		c.Status, c.Found = OK, "Unstuck runs as root, which may open any USB device."
		return c
	}
	c.Status = Unknown
	c.Found = "No phone in recovery or DFU mode is connected to try; the rule check above says whether one will open."
	return c
}

// toolsCheck looks for libimobiledevice's command-line tools, which
// support staff ask for; Unstuck itself does not need them.
func toolsCheck(p LinuxProbes, release map[string]string) Check {
	c := Check{ID: "linux.tools", Title: "libimobiledevice tools"}
	tools := []struct{ name, debianPackage string }{
		{"idevice_id", "libimobiledevice-utils"}, {"ideviceinfo", "libimobiledevice-utils"}, {"irecovery", "irecovery"},
	}
	var have, missing []string
	var packages []string
	for _, t := range tools {
		if p.Cmd == nil {
			missing = append(missing, t.name)
			continue
		}
		if path, err := p.Cmd.LookPath(t.name); err == nil {
			have = append(have, path)
		} else {
			missing = append(missing, t.name)
			if !contains(packages, t.debianPackage) {
				packages = append(packages, t.debianPackage)
			}
		}
	}
	if len(missing) == 0 {
		c.Status, c.Found = OK, "Found "+strings.Join(have, ", ")+"."
		return c
	}
	c.Status = Warn
	c.Found = "Not found: " + strings.Join(missing, ", ") + ". Unstuck works without them; support staff often ask for their output."
	c.Fix = "Install them (" + installHint(release, strings.Join(packages, " ")) + ")."
	c.Link = linkLibimobiledevice
	return c
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
