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
	"unstuck/device/tr"
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
		safe("os", func() Check { return linuxOSCheck(p, release) }),
		safe("usb.stack", func() Check { return usbStackCheck(in, "sysfs", linuxUSBFix(p.Root, release)) }),
		safe("usb.devices", func() Check { return usbDevicesCheck(in) }),
		safe("linux.usbmuxd", func() Check { return usbmuxdInstalled(release, muxPath, muxVersion) }),
		safe("linux.usbmuxd-running", func() Check { return usbmuxdRunning(ctx, p, in, muxPath != "") }),
		safe("linux.udev-rules", func() Check { return udevCheck(p.Root) }),
		safe("linux.usb-access", func() Check { return usbAccessCheck(p, in) }),
		safe("linux.tools", func() Check { return toolsCheck(p, release) }),
	}
}

// libusbPaths are where distributions put libusb's shared library.
var libusbPaths = []string{"usr/lib/libusb-1.0.so*", "usr/lib/*/libusb-1.0.so*", "usr/lib64/libusb-1.0.so*", "lib/*/libusb-1.0.so*", "lib64/libusb-1.0.so*"}

// linuxUSBFix is what to do when the USB bus cannot be read, by its cause:
// libusb missing, no USB bus at all (a container, a virtual machine), or
// libusb present on a bus that is there and still failing.
func linuxUSBFix(root fs.FS, release map[string]string) tr.Text {
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
		return msg("linux.libusb.install", "Install", installHint(release, "libusb-1.0-0"))
	case len(bus) == 0:
		return msg("linux.libusb.no-bus")
	}
	return msg("linux.libusb.failed")
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
	c := Check{ID: "os", Title: title("os"), Status: OK}
	name := tr.Raw(release["PRETTY_NAME"])
	if name.IsZero() {
		name = tr.Raw(strings.TrimSpace(release["NAME"] + " " + release["VERSION_ID"]))
	}
	if name.IsZero() {
		name = msg("linux.os.unnamed")
	}
	kernel := tr.Raw(p.Uname.Release)
	if kernel.IsZero() {
		kernel = msg("unknown")
	}
	c.Found = msg("linux.os", "Name", name, "Kernel", kernel, "Arch", archName(p.Uname.Machine))
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
func installHint(release map[string]string, debianPackage string) tr.Text {
	if debianLike(release) {
		return tr.Raw("sudo apt install " + debianPackage)
	}
	return msg("linux.package", "Package", debianPackage)
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
	c := Check{ID: "linux.usbmuxd", Title: title("linux.usbmuxd")}
	if path == "" {
		c.Status = Fail
		c.Found = msg("linux.usbmuxd.missing")
		c.Fix = msg("linux.usbmuxd.install", "Install", installHint(release, "usbmuxd"))
		c.Link = linkUsbmuxd
		return c
	}
	c.Status = OK
	v := tr.Raw(version)
	if version == "" {
		v = msg("version-unknown")
	}
	c.Found = msg("linux.usbmuxd.found", "Version", v, "Path", path)
	return c
}

// usbmuxdRunning dials usbmuxd's socket. A missing socket with no running
// iPhone attached is normal: udev starts usbmuxd with the first phone and
// it exits with the last (39-usbmuxd.rules). A socket that refuses is not.
func usbmuxdRunning(ctx context.Context, p LinuxProbes, in Input, installed bool) Check {
	c := Check{ID: "linux.usbmuxd-running", Title: title("linux.usbmuxd-running")}
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
	restart := msg("linux.usbmuxd.restart")
	if err == nil {
		return misbehaving(c, socket, in.State, restart)
	}
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		c.Status = Fail
		c.Found = msg("linux.usbmuxd.refused", "Socket", socket)
		c.Fix = restart
		return c
	case errors.Is(err, syscall.EACCES) || errors.Is(err, fs.ErrPermission):
		c.Status = Fail
		c.Found = msg("linux.usbmuxd.denied", "Socket", socket)
		c.Fix = msg("linux.usbmuxd.check-permissions", "Socket", socket, "Restart", restart)
		return c
	case !errors.Is(err, syscall.ENOENT) && !errors.Is(err, fs.ErrNotExist):
		c.Status = Fail
		c.Found = msg("linux.usbmuxd.dial-failed", "Socket", socket, "Error", plainDialError(err))
		c.Fix = restart
		return c
	}
	// No socket.
	if !installed {
		c.Status, c.Found = Unknown, msg("linux.usbmuxd.not-installed")
		return c
	}
	if phone := runningPhoneOnUSB(in); phone != "" {
		c.Status = Fail
		c.Found = msg("linux.usbmuxd.phone-but-stopped", "Name", phone, "Socket", socket)
		c.Fix = msg("linux.usbmuxd.start")
		return c
	}
	if rule := usbmuxdUdevRule(p.Root); rule != "" {
		c.Status = OK
		c.Found = msg("linux.usbmuxd.asleep", "Rule", rule)
		return c
	}
	c.Status = Warn
	c.Found = msg("linux.usbmuxd.no-rule")
	c.Fix = msg("linux.usbmuxd.reinstall")
	c.Link = linkUsbmuxd
	return c
}

// misbehaving: usbmuxd takes connections on socket; it passes unless the
// watcher found that it then does not answer, or answers garbage.
func misbehaving(c Check, socket string, s device.State, restart tr.Text) Check {
	cond, ok := s.Condition(device.CondUsbmuxdUnavailable)
	if !ok || (cond.Cause != device.CauseNotAnswering && cond.Cause != device.CauseUnreadable) {
		c.Status, c.Found = OK, msg("linux.usbmuxd.answers", "Socket", socket)
		return c
	}
	c.Status, c.Found, c.Fix = Fail, msg("linux.usbmuxd.takes-but", "Socket", socket, "Problem", cond.Message), restart
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
	c := Check{ID: "linux.usb-access", Title: title("linux.usb-access")}
	var found []tr.Text
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
			found = append(found, msg("linux.access.opens", "Name", d.Name(), "Mode", modeWords(d.Mode), "Node", node))
		} else {
			statuses = append(statuses, Fail)
			found = append(found, msg("linux.access.refused", "Name", d.Name(), "Mode", modeWords(d.Mode), "Node", node, "Error", err.Error()))
		}
	}
	if len(found) > 0 {
		c.Status = worst(statuses...)
		c.Found = list(found)
		if c.Status == Fail {
			c.Fix = msg("linux.access.fix")
			c.Snippet = suggestedUdevRule
		}
		return c
	}
	if cond, ok := in.State.Condition(device.CondUSBPermission); ok {
		c.Status, c.Found = Fail, cond.Message
		c.Fix = msg("linux.access.fix")
		c.Snippet = suggestedUdevRule
		return c
	}
	if p.UID == 0 {
		c.Status, c.Found = OK, msg("linux.access.root")
		return c
	}
	c.Status = Unknown
	c.Found = msg("linux.access.none")
	return c
}

// toolsCheck looks for libimobiledevice's command-line tools, which
// support staff ask for; Unstuck itself does not need them.
func toolsCheck(p LinuxProbes, release map[string]string) Check {
	c := Check{ID: "linux.tools", Title: title("linux.tools")}
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
		c.Status, c.Found = OK, msg("linux.tools.found", "Tools", strings.Join(have, ", "))
		return c
	}
	c.Status = Warn
	c.Found = msg("linux.tools.missing", "Tools", strings.Join(missing, ", "))
	c.Fix = msg("linux.tools.install", "Install", installHint(release, strings.Join(packages, " ")))
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
