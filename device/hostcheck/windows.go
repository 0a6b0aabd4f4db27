package hostcheck

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"syscall"
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
		safe("os", "Operating system", func() Check { return windowsOSCheck(p) }),
		safe("usb.stack", "USB access", func() Check {
			return usbStackCheck(in, "Windows", "Restart the PC and open Unstuck again; if the USB devices still cannot be read, send the report (its Details hold the error).")
		}),
		safe("win.usb-driver", "Apple's USB driver", func() Check { return windowsUSBDriver(p.Registry, programs, packages) }),
		safe("usb.devices", "iPhones on USB", func() Check { return usbDevicesCheck(in) }),
		safe("win.itunes", "iTunes", func() Check { return windowsITunes(programs, packages) }),
		safe("win.apple-devices", "Apple Devices app", func() Check { return windowsAppleDevices(programs, packages) }),
		safe("win.amds", "Apple Mobile Device Service", func() Check { return windowsAMDS(ctx, p, programs) }),
		safe("win.amds-port", "Apple Mobile Device Service answers", func() Check { return windowsAMDSPort(ctx, p) }),
		safe("compat", "This iPhone and this PC", func() Check { return windowsCompat(in, programs, packages) }),
	}
}

func windowsOSCheck(p WindowsProbes) Check {
	c := Check{ID: "os", Title: "Operating system"}
	if p.Registry == nil {
		c.Status, c.Found = Unknown, "The registry could not be read."
		return c
	}
	product, _ := p.Registry.String(winCurrentVersion, "ProductName")
	display, _ := p.Registry.String(winCurrentVersion, "DisplayVersion")
	buildText, _ := p.Registry.String(winCurrentVersion, "CurrentBuildNumber")
	ubr, ubrErr := p.Registry.Integer(winCurrentVersion, "UBR")
	build, buildErr := strconv.Atoi(strings.TrimSpace(buildText))
	if product == "" && buildErr != nil {
		c.Status, c.Found = Unknown, `Could not read the Windows version from `+winCurrentVersion+`.`
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
	c.Found = strings.TrimSpace(fmt.Sprintf("%s %s (build %s) on %s", product, display, full, p.Arch))
	c.Status = OK
	if buildErr == nil && build < 10240 { // 10240 is Windows 10's first build
		c.Status = Warn
		c.Fix = "iTunes and Apple Devices are made for Windows 10 and 11; update Windows to connect a current iPhone."
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
	c := Check{ID: "win.itunes", Title: "iTunes"}
	desktop, hasDesktop := programs["iTunes"]
	store, hasStore := packages["AppleInc.iTunes"]
	_, hasDevices := packages["AppleInc.AppleDevices"]
	switch {
	case hasDesktop && hasStore:
		c.Status = Warn
		c.Found = fmt.Sprintf("Two copies: iTunes %s from Apple's installer and iTunes %s from the Microsoft Store.", desktop.version, store.version)
		c.Fix = "Keep one: uninstall the installer's iTunes in Settings > Apps; the Microsoft Store one updates itself."
		c.Link = linkITunesStore
	case hasDesktop:
		c.Status = OK
		c.Found = fmt.Sprintf("iTunes %s from Apple's installer.", desktop.version)
	case hasStore:
		c.Status = OK
		c.Found = fmt.Sprintf("iTunes %s from the Microsoft Store.", store.version)
	case hasDevices:
		c.Status = OK
		c.Found = "iTunes is not installed; the Apple Devices app manages the iPhone instead."
	default:
		c.Status = Fail
		c.Found = "Neither iTunes nor the Apple Devices app is installed, so Windows has nothing to update or restore an iPhone with."
		c.Fix = "Install Apple Devices from the Microsoft Store (or iTunes, on Windows versions without it)."
		c.Link = linkAppleDevicesStore
	}
	return c
}

func windowsAppleDevices(programs map[string]program, packages map[string]storePackage) Check {
	c := Check{ID: "win.apple-devices", Title: "Apple Devices app"}
	if pkg, ok := packages["AppleInc.AppleDevices"]; ok {
		c.Status = OK
		c.Found = "Apple Devices " + pkg.version + " from the Microsoft Store manages the iPhone; iTunes keeps only podcasts and audiobooks."
		return c
	}
	_, hasDesktop := programs["iTunes"]
	_, hasStore := packages["AppleInc.iTunes"]
	if hasDesktop || hasStore {
		c.Status = OK
		c.Found = "Not installed; iTunes manages the iPhone."
		return c
	}
	c.Status = Fail
	c.Found = "Not installed, and iTunes is not installed either."
	c.Fix = "Install Apple Devices from the Microsoft Store."
	c.Link = linkAppleDevicesStore
	return c
}

func windowsAMDS(ctx context.Context, p WindowsProbes, programs map[string]program) Check {
	c := Check{ID: "win.amds", Title: "Apple Mobile Device Service"}
	version := "version not listed"
	if support, ok := programs["Apple Mobile Device Support"]; ok && support.version != "" {
		version = "Apple Mobile Device Support " + support.version
	}
	if p.Services == nil {
		c.Status, c.Found = Unknown, "The service manager could not be asked."
		return c
	}
	qctx, cancel := context.WithTimeout(ctx, serviceTimeout)
	st, err := p.Services.Query(qctx, amdsName)
	cancel()
	switch {
	case errors.Is(err, ErrNotInstalled):
		c.Status = Fail
		c.Found = "The service is not installed; it comes with iTunes and the Apple Devices app."
		c.Fix = "Install (or repair) Apple Devices from the Microsoft Store, then restart the PC."
		c.Link = linkAppleDevicesStore
	case err != nil:
		c.Status = Unknown
		c.Found = "Could not ask Windows about the service: " + err.Error()
	case st.State == "running":
		c.Status = OK
		c.Found = fmt.Sprintf("Running (start: %s); %s.", st.StartType, version)
	case st.StartType == "disabled":
		c.Status = Fail
		c.Found = fmt.Sprintf("Disabled; %s.", version)
		c.Fix = "Open Services, set Apple Mobile Device Service's startup type to Automatic, and click Start."
	default:
		c.Status = Fail
		c.Found = fmt.Sprintf("Installed but %s (start: %s); %s.", st.State, st.StartType, version)
		c.Fix = "Open Services, select Apple Mobile Device Service and click Start (or Restart)."
	}
	return c
}

// windowsAMDSPort dials the service's port: the service can run yet not
// answer when it hangs.
func windowsAMDSPort(ctx context.Context, p WindowsProbes) Check {
	c := Check{ID: "win.amds-port", Title: "Apple Mobile Device Service answers"}
	if p.Net == nil {
		c.Status, c.Found = Unknown, "No way to try the port."
		return c
	}
	dctx, cancel := context.WithTimeout(ctx, dialTimeout)
	err := p.Net.Dial(dctx, "tcp", amdsAddress)
	cancel()
	switch {
	case err == nil:
		c.Status, c.Found = OK, "Port 27015 on this PC answers."
	case errors.Is(err, syscall.ECONNREFUSED) || isWSARefused(err):
		c.Status = Fail
		c.Found = "Port 27015 refuses connections: the service is not listening."
		c.Fix = "Restart Apple Mobile Device Service in Services, or restart the PC."
	default:
		c.Status = Fail
		c.Found = "Port 27015 does not answer: " + plainDialError(err)
		c.Fix = "Restart Apple Mobile Device Service in Services, and allow it through any firewall on this PC."
	}
	return c
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
	c := Check{ID: "compat", Title: "This iPhone and this PC"}
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
	var found []string
	var statuses []Status
	for _, d := range phones {
		row, ok := compatFor(iosMajor(d.IOSVersion))
		need, needOK := parseVersion(row.ITunes)
		have, haveOK := parseVersion(host)
		switch {
		case !ok || !needOK:
			statuses = append(statuses, Unknown)
			found = append(found, fmt.Sprintf("%s runs iOS %s: Apple names no minimum iTunes for it", d.Name(), d.IOSVersion))
		case !haveOK:
			statuses = append(statuses, Unknown)
			found = append(found, fmt.Sprintf("%s runs iOS %s, which came with iTunes %s; this PC's iTunes version is not known", d.Name(), d.IOSVersion, row.ITunes))
		case compareVersions(have, need) >= 0:
			statuses = append(statuses, OK)
			found = append(found, fmt.Sprintf("%s runs iOS %s; iTunes %s is as new as iTunes %s that came with it", d.Name(), d.IOSVersion, host, row.ITunes))
		default:
			statuses = append(statuses, Warn)
			found = append(found, fmt.Sprintf("%s runs iOS %s, which came with iTunes %s; this PC has the older %s", d.Name(), d.IOSVersion, row.ITunes, host))
		}
	}
	c.Status = worst(statuses...)
	c.Found = strings.Join(found, "; ") + "."
	if c.Status == Warn {
		c.Fix = "Update iTunes (or install Apple Devices) from the Microsoft Store before connecting this iPhone."
		c.Link = linkAppleDevicesStore
	} else if c.Status == Unknown {
		c.Fix = "Keep iTunes or Apple Devices up to date through the Microsoft Store."
		c.Link = linkAppleDevicesStore
	}
	return c
}
