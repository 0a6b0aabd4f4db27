package hostcheck

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"syscall"

	"unstuck/device/tr"
)

// Registry keys and names the Windows checks read (peers.md 3.2).
const (
	winCurrentVersion = `HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion`
	// appxRepository lists the current user's installed Store packages by
	// full name, e.g. AppleInc.iTunes_12129.3.50031.0_x64__nzyj5cx40ttqa.
	appxRepository = `HKCU\Software\Classes\Local Settings\Software\Microsoft\Windows\CurrentVersion\AppModel\Repository\Packages`
	amdsName       = "Apple Mobile Device Service"
	amdsAddress    = "127.0.0.1:27015"
)

var uninstallKeys = []string{
	`HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall`,
	`HKLM\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall`,
	`HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall`,
}

// checkWindows runs the Windows checks over p.
func checkWindows(ctx context.Context, p WindowsProbes, in Input) []Check {
	programs := installedPrograms(p.Registry)
	packages := storePackages(p.Registry)
	return []Check{
		safe("os", func() Check { return windowsOSCheck(p) }),
		safe("usb.stack", func() Check { return usbStackCheck(in, "Windows", msg("win.usb.fix")) }),
		safe("win.usb-driver", func() Check { return windowsUSBDriver(p.Registry, programs, packages) }),
		safe("usb.devices", func() Check { return usbDevicesCheck(in) }),
		safe("win.itunes", func() Check { return windowsITunes(programs, packages) }),
		safe("win.apple-devices", func() Check { return windowsAppleDevices(programs, packages) }),
		safe("win.amds", func() Check { return windowsAMDS(ctx, p, programs) }),
		safe("win.amds-port", func() Check { return windowsAMDSPort(ctx, p) }),
		safe("compat", func() Check { return windowsCompat(in, programs, packages) }),
	}
}

func windowsOSCheck(p WindowsProbes) Check {
	c := Check{ID: "os", Title: title("os")}
	if p.Registry == nil {
		c.Status, c.Found = Unknown, msg("win.registry-unread")
		return c
	}
	product, _ := p.Registry.String(winCurrentVersion, "ProductName")
	display, _ := p.Registry.String(winCurrentVersion, "DisplayVersion")
	buildText, _ := p.Registry.String(winCurrentVersion, "CurrentBuildNumber")
	ubr, ubrErr := p.Registry.Integer(winCurrentVersion, "UBR")
	build, buildErr := strconv.Atoi(strings.TrimSpace(buildText))
	if product == "" && buildErr != nil {
		c.Status, c.Found = Unknown, msg("win.os.unread", "Key", winCurrentVersion)
		return c
	}
	// Windows 11 still says "Windows 10" in ProductName; build 22000 and
	// later is Windows 11.
	if buildErr == nil && build >= 22000 {
		product = strings.Replace(product, "Windows 10", "Windows 11", 1)
	}
	full := buildText
	if ubrErr == nil {
		full = fmt.Sprintf("%s.%d", buildText, ubr)
	}
	c.Found = msg("os.version", "Name", product, "Version", display, "Build", full, "Arch", p.Arch)
	c.Status = OK
	if buildErr == nil && build < 10240 { // 10240 is Windows 10's first build
		c.Status = Warn
		c.Fix = msg("win.os.old")
	}
	return c
}

// program is an Uninstall entry: a desktop program with its version.
type program struct{ name, version, key string }

// installedPrograms reads the Apple entries of the Uninstall keys.
func installedPrograms(r Registry) map[string]program {
	out := map[string]program{}
	if r == nil {
		return out
	}
	for _, root := range uninstallKeys {
		subs, err := r.SubKeys(root)
		if err != nil {
			continue
		}
		for _, sub := range subs {
			key := root + `\` + sub
			name, err := r.String(key, "DisplayName")
			if err != nil {
				continue
			}
			switch name {
			case "iTunes", "Apple Mobile Device Support", "Apple Application Support (64-bit)", "Apple Application Support (32-bit)":
				version, _ := r.String(key, "DisplayVersion")
				if _, dup := out[name]; !dup {
					out[name] = program{name: name, version: version, key: key}
				}
			}
		}
	}
	return out
}

// storePackage is a Microsoft Store (AppX) package.
type storePackage struct{ name, version, fullName string }

// storePackages lists the current user's Apple Store packages by name.
func storePackages(r Registry) map[string]storePackage {
	out := map[string]storePackage{}
	if r == nil {
		return out
	}
	subs, err := r.SubKeys(appxRepository)
	if err != nil {
		return out
	}
	for _, full := range subs {
		parts := strings.Split(full, "_")
		if len(parts) < 2 || !strings.HasPrefix(parts[0], "AppleInc.") {
			continue
		}
		out[parts[0]] = storePackage{name: parts[0], version: parts[1], fullName: full}
	}
	return out
}

func windowsITunes(programs map[string]program, packages map[string]storePackage) Check {
	c := Check{ID: "win.itunes", Title: title("win.itunes")}
	desktop, hasDesktop := programs["iTunes"]
	store, hasStore := packages["AppleInc.iTunes"]
	_, hasDevices := packages["AppleInc.AppleDevices"]
	switch {
	case hasDesktop && hasStore:
		c.Status = Warn
		c.Found, c.Manager = msg("win.itunes.both", "Installer", desktop.version, "Store", store.version), ManagerITunes
		c.Fix = msg("win.itunes.keep-one")
		c.Link = linkITunesStore
	case hasDesktop:
		c.Status = OK
		c.Found, c.Manager = msg("win.itunes.installer", "Version", desktop.version), ManagerITunes
	case hasStore:
		c.Status = OK
		c.Found, c.Manager = msg("win.itunes.store", "Version", store.version), ManagerITunesStore
	case hasDevices:
		c.Status = OK
		c.Found = msg("win.itunes.devices-instead")
	default:
		c.Status = Fail
		c.Found = msg("win.itunes.neither")
		c.Fix = msg("win.itunes.install")
		c.Link = linkAppleDevicesStore
	}
	return c
}

func windowsAppleDevices(programs map[string]program, packages map[string]storePackage) Check {
	c := Check{ID: "win.apple-devices", Title: title("win.apple-devices")}
	if pkg, ok := packages["AppleInc.AppleDevices"]; ok {
		c.Status = OK
		c.Found, c.Manager = msg("win.devices.installed", "Version", pkg.version), ManagerAppleDevices
		return c
	}
	_, hasDesktop := programs["iTunes"]
	_, hasStore := packages["AppleInc.iTunes"]
	if hasDesktop || hasStore {
		c.Status = OK
		c.Found = msg("win.devices.itunes-instead")
		return c
	}
	c.Status = Fail
	c.Found = msg("win.devices.neither")
	c.Fix = msg("win.devices.install")
	c.Link = linkAppleDevicesStore
	return c
}

func windowsAMDS(ctx context.Context, p WindowsProbes, programs map[string]program) Check {
	c := Check{ID: "win.amds", Title: title("win.amds")}
	version := msg("win.amds.version-unlisted")
	if support, ok := programs["Apple Mobile Device Support"]; ok && support.version != "" {
		version = tr.Raw("Apple Mobile Device Support " + support.version)
	}
	if p.Services == nil {
		c.Status, c.Found = Unknown, msg("win.amds.no-manager")
		return c
	}
	qctx, cancel := context.WithTimeout(ctx, serviceTimeout)
	st, err := p.Services.Query(qctx, amdsName)
	cancel()
	switch {
	case errors.Is(err, ErrNotInstalled):
		c.Status = Fail
		c.Found = msg("win.amds.missing")
		c.Fix = msg("win.amds.install")
		c.Link = linkAppleDevicesStore
	case err != nil:
		c.Status = Unknown
		c.Found = msg("win.amds.query-failed", "Error", err.Error())
	case st.State == "running":
		c.Status = OK
		c.Found = msg("win.amds.running", "Start", serviceWord("start", st.StartType), "Version", version)
	case st.StartType == "disabled":
		c.Status = Fail
		c.Found = msg("win.amds.disabled", "Version", version)
		c.Fix = msg("win.amds.enable")
	default:
		c.Status = Fail
		c.Found = msg("win.amds.stopped", "State", serviceWord("state", st.State), "Start", serviceWord("start", st.StartType), "Version", version)
		c.Fix = msg("win.amds.start")
	}
	return c
}

// windowsAMDSPort dials the service's port: the service can run yet not
// answer when it hangs.
func windowsAMDSPort(ctx context.Context, p WindowsProbes) Check {
	c := Check{ID: "win.amds-port", Title: title("win.amds-port")}
	if p.Net == nil {
		c.Status, c.Found = Unknown, msg("win.port.no-dialer")
		return c
	}
	dctx, cancel := context.WithTimeout(ctx, dialTimeout)
	err := p.Net.Dial(dctx, "tcp", amdsAddress)
	cancel()
	switch {
	case err == nil:
		c.Status, c.Found = OK, msg("win.port.answers")
	case errors.Is(err, syscall.ECONNREFUSED) || isWSARefused(err):
		c.Status = Fail
		c.Found = msg("win.port.refused")
		c.Fix = msg("win.port.restart")
	default:
		c.Status = Fail
		c.Found = msg("win.port.silent", "Error", plainDialError(err))
		c.Fix = msg("win.port.firewall")
	}
	return c
}

// serviceWords are the ServiceStatus words the catalogue says:
// host.win.<kind>.<word>.
var serviceWords = map[string][]string{
	"state": {"running", "stopped", "starting", "stopping", "paused", "unknown"},
	"start": {"automatic", "manual", "disabled", "unknown"},
}

// serviceWord says a service's state or start type (kind "state" or
// "start"); a word the catalogue lacks is said as it is.
func serviceWord(kind, word string) tr.Text {
	for _, w := range serviceWords[kind] {
		if w == word {
			return msg("win." + kind + "." + word)
		}
	}
	return tr.Raw(word)
}

// isWSARefused spots Windows' WSAECONNREFUSED (10061), which is not
// syscall.ECONNREFUSED on Windows.
func isWSARefused(err error) bool {
	var errno syscall.Errno
	return errors.As(err, &errno) && uintptr(errno) == 10061
}

// windowsCompat reports the iTunes side of compatibility: Apple publishes
// no minimum iTunes per iOS release that we could find, so the table says
// unknown unless a row says otherwise.
func windowsCompat(in Input, programs map[string]program, packages map[string]storePackage) Check {
	c := Check{ID: "compat", Title: title("compat.pc")}
	phones := phonesWithIOS(in)
	if len(phones) == 0 {
		nc := noPhoneForCompat()
		nc.Title = c.Title
		return nc
	}
	host := ""
	if d, ok := programs["iTunes"]; ok {
		host = d.version
	} else if s, ok := packages["AppleInc.iTunes"]; ok {
		host = s.version
	}
	var found []tr.Text
	var statuses []Status
	for _, d := range phones {
		row, ok := compatFor(iosMajor(d.IOSVersion))
		need, needOK := parseVersion(row.ITunes)
		have, haveOK := parseVersion(host)
		switch {
		case !ok || !needOK:
			statuses = append(statuses, Unknown)
			found = append(found, msg("win.compat.no-minimum", "Name", d.Name(), "IOS", d.IOSVersion))
		case !haveOK:
			statuses = append(statuses, Unknown)
			found = append(found, msg("win.compat.pc-unknown", "Name", d.Name(), "IOS", d.IOSVersion, "Need", row.ITunes))
		case compareVersions(have, need) >= 0:
			statuses = append(statuses, OK)
			found = append(found, msg("win.compat.ok", "Name", d.Name(), "IOS", d.IOSVersion, "Have", host, "Need", row.ITunes))
		default:
			statuses = append(statuses, Warn)
			found = append(found, msg("win.compat.older", "Name", d.Name(), "IOS", d.IOSVersion, "Have", host, "Need", row.ITunes))
		}
	}
	c.Status = worst(statuses...)
	c.Found = list(found)
	if c.Status == Warn {
		c.Fix = msg("win.compat.update")
		c.Link = linkAppleDevicesStore
	} else if c.Status == Unknown {
		c.Fix = msg("win.compat.keep-current")
		c.Link = linkAppleDevicesStore
	}
	return c
}
