package watch

import (
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"runtime"
	"strings"
	"testing"

	"unstuck/device"
	"unstuck/device/fixture"
)

func TestMergeBootloaderDevices(t *testing.T) {
	devs, host := merge(snapshot{usb: []device.USBDevice{fixture.IPhoneXOnUSB(device.ModeDFU), fixture.IPhoneXOnUSB(device.ModeRecovery), {Bus: 1, Address: 9, ProductID: 0x0250}}}, nil, nil)
	if len(host) != 0 {
		t.Fatalf("host conditions %v, want none", host)
	}
	if len(devs) != 2 {
		t.Fatalf("got %d devices, want 2 (the keyboard PID must be ignored): %+v", len(devs), devs)
	}
	for _, d := range devs {
		if d.ECID != fixture.XECID || d.CPID != 0x8015 || d.BDID != 0x06 || !d.ChipKnown {
			t.Errorf("%s: identity %x/%x/%x", d.Mode, d.ECID, d.CPID, d.BDID)
		}
		if d.ProductType != "iPhone10,3" || d.Model != "iPhone X (Global)" || d.Family != "side" {
			t.Errorf("%s: model %q %q %q", d.Mode, d.ProductType, d.Model, d.Family)
		}
		if d.Key != "ecid:001c2d3e4f5a6b7c" {
			t.Errorf("key %q", d.Key)
		}
	}
	modes := devs[0].Mode + "," + devs[1].Mode
	if !strings.Contains(string(modes), "dfu") || !strings.Contains(string(modes), "recovery") {
		t.Errorf("modes %s", modes)
	}
}

func TestMergeJoinsUsbmuxdAndUSBByLocation(t *testing.T) {
	usb := device.USBDevice{Bus: 1, Address: 4, Port: "1-4", ProductID: 0x12a8, SpeedMbps: 480, Serial: "00008101000A1B2C3D4E5F60"}
	devs, _ := merge(snapshot{mux: []device.MuxDevice{fixture.IPhone12OnMux()}, usb: []device.USBDevice{usb}}, nil, nil)
	if len(devs) != 1 {
		t.Fatalf("got %d devices, want the two views merged into 1: %+v", len(devs), devs)
	}
	d := devs[0]
	if d.Mode != device.ModeNormal || d.USB.Port != "1-4" || d.USB.SpeedMbps != 480 || d.Model != "iPhone 12" || d.IOSVersion != "17.5.1" {
		t.Errorf("merged device %+v", d)
	}
	if d.Trust != device.TrustPending || d.Trust.Advice().IsZero() {
		t.Errorf("trust %q", d.Trust)
	}
}

func TestMergeUSBOnlyAndUsbmuxdDown(t *testing.T) {
	usb := device.USBDevice{Bus: 2, Address: 7, ProductID: 0x12a8, Serial: "00008101000A1B2C3D4E5F60"}
	devs, host := merge(snapshot{muxErr: errNoUsbmuxd, usb: []device.USBDevice{usb}}, nil, func(device.USBDevice) bool { return true })
	if len(devs) != 1 || devs[0].Mode != device.ModeUSBOnly {
		t.Fatalf("devices %+v, want one usb-only (usbmuxd is down, so no grace)", devs)
	}
	if devs[0].ECID != 0x000A1B2C3D4E5F60 || devs[0].Key != "ecid:000a1b2c3d4e5f60" {
		t.Errorf("identity from the UDID-shaped serial: %+v", devs[0])
	}
	// Windows names its usbmuxd, Apple Mobile Device Service (words.go).
	daemon := "usbmuxd"
	if runtime.GOOS == "windows" {
		daemon = "Apple Mobile Device Service"
	}
	if len(host) != 1 || host[0].Code != device.CondUsbmuxdUnavailable || !strings.Contains(host[0].Message.String(), daemon) {
		t.Errorf("host %+v", host)
	}
	devs, _ = merge(snapshot{usb: []device.USBDevice{usb}}, nil, func(device.USBDevice) bool { return true })
	if len(devs) != 0 {
		t.Errorf("a just-arrived normal-mode phone must wait for usbmuxd: %+v", devs)
	}
}

func TestMergePermissionAndUnavailable(t *testing.T) {
	noPerm := device.USBDevice{Bus: 1, Address: 2, ProductID: 0x1227, SerialErr: fmt.Errorf("open: %w", device.ErrUSBPermission)}
	devs, host := merge(snapshot{usb: []device.USBDevice{noPerm}}, nil, nil)
	if len(devs) != 1 || devs[0].Mode != device.ModeDFU || !strings.Contains(devs[0].Note.String(), "permission") {
		t.Errorf("devices %+v: a DFU phone is still shown, with the reason its identity is missing", devs)
	}
	if len(host) != 1 || host[0].Code != device.CondUSBPermission {
		t.Errorf("host %+v", host)
	}
	_, host = merge(snapshot{usbErr: fmt.Errorf("%w: built without cgo", device.ErrUSBUnavailable)}, nil, nil)
	// On Windows the listing is Apple's driver's and normal-mode phones come
	// through the Apple Mobile Device Service: no word of usbmuxd's bus.
	says, never := "through usbmuxd", "Apple's driver"
	if runtime.GOOS == "windows" {
		says, never = "Apple's driver", "usbmuxd"
	}
	if len(host) != 1 || host[0].Code != device.CondUSBUnavailable || !strings.Contains(host[0].Message.String(), says) || strings.Contains(host[0].Message.String(), never) {
		t.Errorf("host %+v", host)
	}
}

func TestMergeGarbageSerial(t *testing.T) {
	devs, _ := merge(snapshot{usb: []device.USBDevice{{Bus: 1, Address: 2, ProductID: 0x1281, Serial: "\x00\xff CPID:zz ECID:[[[ :::"}}}, nil, nil)
	if len(devs) != 1 || devs[0].Mode != device.ModeRecovery || devs[0].Note.IsZero() || devs[0].Key != "usb:1-2" {
		t.Errorf("devices %+v", devs)
	}
}

func TestPortDFUChipFromBDID(t *testing.T) {
	// Port DFU packs the chip and board IDs into BDID (libirecovery).
	serial := "CPID:8120 BDID:0C812000 ECID:000A1B2C3D4E5F60"
	devs, _ := merge(snapshot{usb: []device.USBDevice{{Bus: 1, Address: 2, ProductID: 0xF014, Serial: serial}}}, nil, nil)
	if len(devs) != 1 || devs[0].Mode != device.ModePortDFU || devs[0].CPID != 0x8120 || devs[0].BDID != 0x0C || devs[0].Model != "iPhone 14 Pro" {
		t.Errorf("devices %+v", devs)
	}
}

func TestDeviceJSON(t *testing.T) {
	devs, _ := merge(snapshot{usb: []device.USBDevice{fixture.IPhoneXOnUSB(device.ModeDFU)}}, nil, nil)
	raw, err := json.Marshal(devs[0])
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"mode": "dfu", "cpid": "0x8015", "bdid": "0x06", "ecid": "0x001c2d3e4f5a6b7c", "product_type": "iPhone10,3", "model": "iPhone X (Global)"}
	for k, v := range want {
		if m[k] != v {
			t.Errorf("json %s = %v, want %v (%s)", k, m[k], v, raw)
		}
	}
	if _, ok := m["udid"]; ok {
		t.Errorf("udid must be absent when unknown: %s", raw)
	}
}

// usbmuxd asleep with no phone on USB is normal on Linux: said as
// information, not a problem; with a phone on USB it is a problem. The
// raw error goes to Detail, never into the message.
func TestUsbmuxdDownIsInformationWithoutAPhone(t *testing.T) {
	raw := &net.OpError{Op: "dial", Net: "unix", Err: errors.New("connect: no such file or directory")}
	err := &device.UsbmuxdError{Cause: device.CauseNotRunning, Err: raw}
	quiet := usbmuxdCondition(err, false)
	wantQuiet := device.SeverityProblem
	if runtime.GOOS == "linux" {
		wantQuiet = device.SeverityInfo
	}
	if quiet.Severity != wantQuiet || quiet.Detail != raw.Error() || strings.Contains(quiet.Message.String(), "dial unix") {
		t.Errorf("no phone: %+v", quiet)
	}
	busy := usbmuxdCondition(err, true)
	if busy.Severity != device.SeverityProblem || !busy.Problem() || strings.Contains(busy.Message.String(), "dial unix") {
		t.Errorf("a phone on USB: %+v", busy)
	}
	odd := usbmuxdCondition(&device.UsbmuxdError{Cause: device.CauseUnreadable, Err: errors.New("bad frame")}, false)
	if odd.Severity != device.SeverityProblem || odd.Detail != "bad frame" || strings.Contains(odd.Message.String(), "bad frame") {
		t.Errorf("unreadable: %+v", odd)
	}
	_, host := merge(snapshot{usbErr: fmt.Errorf("%w: no USB bus found on this computer", device.ErrUSBUnavailable)}, nil, nil)
	if len(host) != 1 || host[0].Severity != device.SeverityProblem || !strings.Contains(host[0].Detail, "no USB bus") || strings.Contains(host[0].Message.String(), "no USB bus") {
		t.Errorf("no USB bus: %+v", host)
	}
}
