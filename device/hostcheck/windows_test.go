package hostcheck

import (
	"context"
	"errors"
	"net"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"unstuck/device"
	"unstuck/device/tr"
)

var amdsRunning = fakeServices{amdsName: {State: "running", StartType: "automatic"}}

func winProbes(t *testing.T, dump string, services ServiceManager, port error) WindowsProbes {
	return WindowsProbes{Registry: loadRegistry(t, dump), Services: services, Net: fakeDialer{amdsAddress: port}, Arch: "AMD64"}
}

func TestWindowsInstallerITunes(t *testing.T) {
	checks := checkWindows(context.Background(), winProbes(t, "windows-installer-itunes.json", amdsRunning, nil), phoneState(runningPhone("18.2", 480)))
	wantCheck(t, checks, "os", OK, "Windows 10 Home 22H2", "19045.5011", "AMD64")
	wantCheck(t, checks, "win.itunes", OK, "iTunes 12.13.2.3 from Apple's installer")
	wantCheck(t, checks, "win.apple-devices", OK, "iTunes manages")
	wantCheck(t, checks, "win.amds", OK, "Running", "Apple Mobile Device Support 17.0.0.12")
	wantCheck(t, checks, "win.amds-port", OK, "27015")
	wantCheck(t, checks, "compat", Unknown, "no minimum iTunes")
	wantCheck(t, checks, "win.usb-driver", OK, "Apple Mobile Device USB Driver is installed", `System32\Drivers\usbaapl64.sys`, "recovery and DFU")
}

func TestWindowsBothITunes(t *testing.T) {
	checks := checkWindows(context.Background(), winProbes(t, "windows-both-itunes.json", amdsRunning, nil), Input{})
	wantCheck(t, checks, "os", OK, "Windows 11 Pro 23H2", "22631.4317")
	c := wantCheck(t, checks, "win.itunes", Warn, "Two copies", "12.13.2.3", "12132.3.0")
	if c.Link != linkITunesStore {
		t.Errorf("link %q", c.Link)
	}
}

func TestWindowsStoreITunesWithoutRegistryKey(t *testing.T) {
	stopped := fakeServices{amdsName: {State: "stopped", StartType: "manual"}}
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: &os.SyscallError{Syscall: "connect", Err: syscall.ECONNREFUSED}}
	checks := checkWindows(context.Background(), winProbes(t, "windows-store-itunes.json", stopped, refused), phoneState())
	wantCheck(t, checks, "win.itunes", OK, "12132.3.0 from the Microsoft Store")
	wantCheck(t, checks, "win.amds", Fail, "stopped", "version not listed")
	wantCheck(t, checks, "win.amds-port", Fail, "refuses")
	wantCheck(t, checks, "compat", Unknown, "No running iPhone")
}

func TestWindowsAppleDevicesAndDisabledService(t *testing.T) {
	disabled := fakeServices{amdsName: {State: "stopped", StartType: "disabled"}}
	checks := checkWindows(context.Background(), winProbes(t, "windows-apple-devices.json", disabled, errors.New("i/o timeout")), Input{})
	wantCheck(t, checks, "win.apple-devices", OK, "Apple Devices 1.6.0.0")
	wantCheck(t, checks, "win.itunes", OK, "Apple Devices app manages")
	c := wantCheck(t, checks, "win.amds", Fail, "Disabled")
	if c.Fix.String() == "" || c.Link != "" && c.Link != linkAppleDevicesStore {
		t.Errorf("%+v", c)
	}
	wantCheck(t, checks, "win.amds-port", Fail, "i/o timeout")
	wantCheck(t, checks, "win.usb-driver", OK, "driver store", "usbaapl64.inf_amd64_f2e1d6c3b1a0e9d8")
}

func TestWindowsNothingInstalledOnOldWindows(t *testing.T) {
	checks := checkWindows(context.Background(), winProbes(t, "windows-nothing.json", fakeServices{}, syscall.Errno(10061)), Input{})
	wantCheck(t, checks, "os", Warn, "Windows 7", "7601")
	wantCheck(t, checks, "win.itunes", Fail, "Neither")
	wantCheck(t, checks, "win.apple-devices", Fail, "Not installed")
	wantCheck(t, checks, "win.amds", Fail, "not installed")
	wantCheck(t, checks, "win.amds-port", Fail, "refuses")
	c := wantCheck(t, checks, "win.usb-driver", Fail, "not installed", "recovery or DFU")
	if !strings.Contains(c.Fix.String(), "Install Apple Devices") || c.Link != linkAppleDevicesStore {
		t.Errorf("usb driver fix %+v", c)
	}
}

// TestWindowsDriverMissingWithITunes: iTunes is there but its driver is
// not (a damaged install): the fix is to repair iTunes.
func TestWindowsDriverMissingWithITunes(t *testing.T) {
	r := loadRegistry(t, "windows-installer-itunes.json")
	delete(r, `HKLM\SYSTEM\CurrentControlSet\Services\USBAAPL64`)
	checks := checkWindows(context.Background(), WindowsProbes{Registry: r, Services: amdsRunning, Net: fakeDialer{amdsAddress: nil}}, Input{})
	c := wantCheck(t, checks, "win.usb-driver", Fail, "usbaapl64")
	if !strings.Contains(c.Fix.String(), "Repair iTunes") {
		t.Errorf("fix %q", c.Fix.String())
	}
}

// TestWindowsUSBWordsNameNoLibusb: Windows' USB check speaks of Windows,
// never of libusb or cgo (neither is anything a Windows user can act on).
func TestWindowsUSBWordsNameNoLibusb(t *testing.T) {
	for _, st := range []device.State{
		{Updated: time.Now()},
		{Updated: time.Now(), Host: []device.Condition{{Code: device.CondUSBUnavailable, Message: tr.Raw("Unstuck cannot read the USB bus.")}}},
	} {
		for _, c := range checkWindows(context.Background(), WindowsProbes{}, Input{State: st}) {
			all := strings.ToLower(c.Found.String() + " " + c.Fix.String())
			if strings.Contains(all, "libusb") || strings.Contains(all, "cgo") {
				t.Errorf("%s: %q / %q", c.ID, c.Found.String(), c.Fix.String())
			}
		}
	}
}

func TestWindowsHungServiceManagerTimesOut(t *testing.T) {
	start := time.Now()
	checks := checkWindows(context.Background(), winProbes(t, "windows-apple-devices.json", hangingServices{}, nil), Input{})
	if took := time.Since(start); took > serviceTimeout+time.Second {
		t.Errorf("took %v", took)
	}
	wantCheck(t, checks, "win.amds", Unknown, "Could not ask")
	// No probes at all: unknowns, no panic.
	none := checkWindows(context.Background(), WindowsProbes{}, Input{})
	wantCheck(t, none, "os", Unknown)
	wantCheck(t, none, "win.amds", Unknown)
	wantCheck(t, none, "win.amds-port", Unknown)
}
