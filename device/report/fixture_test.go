package report

import (
	"fmt"
	"strings"
	"time"

	"unstuck/device"
	"unstuck/device/hostcheck"
	"unstuck/device/tr"
)

// Two attached phones and one that left, with their identifiers also in
// keys, notes, timeline details, host checks and errors.
var (
	phoneX = device.Device{
		Key: "ecid:001c2d3e4f5a6b7c", Mode: device.ModeRecovery,
		UDID: "3a1f5e9c0b7d2e4f6a8c1b3d5e7f9a0c2b4d6e8f", ECID: 0x001c2d3e4f5a6b7c,
		SerialNumber: "F2LX81MNJCLF", CPID: 0x8015, BDID: 0x06, ChipKnown: true,
		ProductType: "iPhone10,3", HardwareModel: "D22AP", Model: "iPhone X (Global)",
		DeviceName: "Anna's iPhone", IOSVersion: "16.7.10", IOSBuild: "20H350",
		USB:       device.USBInfo{Bus: 1, Address: 4, Port: "1-2", SpeedMbps: 480},
		Stability: device.Stability{Flaps: 3},
		Boot:      "iboot",
		Note:      tr.Raw("USB serial: CPID:8015 ECID:001C2D3E4F5A6B7C SRNM:[F2LX81MNJCLF] IMEI:[356741082954417]"),
	}
	phone15 = device.Device{
		Key: "ecid:000a1b2c3d4e5f60", Mode: device.ModeNormal,
		UDID: "00008130-000A1B2C3D4E5F60", ECID: 0x000a1b2c3d4e5f60,
		SerialNumber: "HX9Q2W7LM4", CPID: 0x8130, BDID: 4, ChipKnown: true,
		ProductType: "iPhone16,1", Model: "iPhone 15 Pro", DeviceName: "Ben’s work phone",
		IOSVersion: "17.5.1", IOSBuild: "21F90", Trust: device.TrustTrusted,
		Battery: &device.Battery{Percent: 54, Charging: true},
	}
	departed = device.Device{
		Key: "udid:9f8e7d6c5b4a39281706f5e4d3c2b1a098765432", Mode: device.ModeNormal,
		UDID: "9f8e7d6c5b4a39281706f5e4d3c2b1a098765432", ProductType: "iPhone12,1",
		Model: "iPhone 11", DeviceName: "iPhone", SerialNumber: "C39ZK1Q2N72J",
	}
)

func fixtureInput() Input {
	at := time.Date(2026, 11, 24, 20, 31, 0, 0, time.FixedZone("CET", 3600))
	x, p15 := phoneX, phone15
	x.Stability.FirstSeen, x.Stability.LastSeen = at.Add(-5*time.Minute), at
	p15.Stability.FirstSeen, p15.Stability.LastSeen = at.Add(-2*time.Minute), at
	gone := departed
	gone.Stability.LastSeen = at.Add(-30 * time.Second)
	return Input{
		Version: "1.4.0",
		Now:     at,
		State: device.State{
			Devices:  []device.Device{x, p15},
			Departed: []device.Device{gone},
			Host:     []device.Condition{{Code: device.CondUSBPermission, Message: tr.Raw("No permission to read USB devices")}},
			Timeline: []device.Event{
				{At: at.Add(-5 * time.Minute), Kind: device.EventAttached, Key: phoneX.Key, Device: "iPhone X (Global)", To: "normal"},
				{At: at.Add(-4 * time.Minute), Kind: device.EventModeChanged, Key: phoneX.Key, Device: "iPhone X (Global)", From: "normal", To: "recovery",
					Detail: tr.Raw("ECID 7931044990446460 (0x1c2d3e4f5a6b7c) came back in recovery")},
				{At: at.Add(-3 * time.Minute), Kind: device.EventAttempt, Key: phoneX.Key, Device: "iPhone X (Global)", From: "dfu", To: "recovery-instead",
					Detail: tr.Raw("DFU mode: the phone went to recovery mode instead of DFU; recovery mode appeared instead of DFU 9.2 s after the last step began")},
				{At: at.Add(-2 * time.Minute), Kind: device.EventAttempt, Key: phone15.Key, Device: "iPhone 15 Pro", From: "force-restart", To: "restarted",
					Detail: tr.Raw("Force restart: the phone restarted; came back as 00008130000a1b2c3d4e5f60")},
				{At: at.Add(-time.Minute), Kind: device.EventDetached, Key: departed.Key, Device: "iPhone 11", From: "normal"},
			},
		},
		Host: []hostcheck.Check{
			{ID: "linux.usbmuxd", Title: tr.Raw("usbmuxd"), Status: hostcheck.OK, Found: tr.Raw("usbmuxd 1.1.1 running")},
			{ID: "linux.pair", Title: tr.Raw("Pair records"), Status: hostcheck.Warn,
				Found: tr.Raw("/var/lib/lockdown/00008130-000A1B2C3D4E5F60.plist is unreadable; also " + strings.ToUpper(departed.UDID) + ".plist"),
				Fix:   tr.Raw("Run Unstuck as a member of the plugdev group."), Link: "https://example.invalid/plugdev"},
			{ID: "linux.udev-rules", Title: tr.Raw("Permission rules"), Status: hostcheck.Warn, Found: tr.Raw("no rule for 05ac:1227."),
				Fix: tr.Raw("Save the rule below."), Snippet: `SUBSYSTEM=="usb", ATTR{idVendor}=="05ac", MODE="0660"`},
		},
		Errors: []string{
			"lockdown: reading HX9Q2W7LM4 failed",
			fmt.Sprintf("usb: %s does not answer", "Anna's iPhone"),
		},
		Sections: []Section{{Title: tr.Msg("activity.report.steps"), Note: tr.Msg("activity.report.steps.note"),
			Items: []Item{{Label: tr.Msg("guide.kind.force-restart"), Value: tr.Msg("activity.report.status.done"), Status: StatusOK},
				{Label: tr.Msg("report.section.step", "Rung", 3, "Title", tr.Msg("ladder.handoff.update"), "Risk", tr.Msg("activity.report.risk.keeps-data")),
					Value: tr.Msg("activity.report.status.to-do"), Status: StatusWarn}}}},
	}
}

// identifierForms lists every way the fixture's identifiers may be written.
func identifierForms(devs ...device.Device) []string {
	var out []string
	for _, d := range devs {
		if d.UDID != "" {
			out = append(out, d.UDID, strings.ReplaceAll(d.UDID, "-", ""))
		}
		if d.ECID != 0 {
			out = append(out, fmt.Sprintf("%016x", d.ECID), fmt.Sprintf("%x", d.ECID), fmt.Sprintf("%d", d.ECID))
		}
		if d.SerialNumber != "" {
			out = append(out, d.SerialNumber)
		}
		if d.DeviceName != "" && d.DeviceName != "iPhone" {
			out = append(out, d.DeviceName)
		}
	}
	return append(out, "356741082954417") // the IMEI in phoneX's note
}
