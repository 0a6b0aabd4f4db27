// Package device is Unstuck's model of the attached iPhones: the plain
// State value and what it is made of (Device, Mode, Trust, Battery,
// Condition), the timeline of Events, the data the sources report
// (MuxDevice, USBDevice) and the tables that name a phone (UDIDs, USB
// product IDs). It holds no engine: device/watch merges the sources into
// States. It never imports Fyne.
package device

import (
	"time"

	"unstuck/device/tr"
)

// Trust is whether this computer may talk to the running phone.
type Trust string

const (
	TrustTrusted  Trust = "trusted"
	TrustPending  Trust = "pair-dialog-pending" // "Trust This Computer?" is on the phone's screen
	TrustDenied   Trust = "denied"
	TrustPasscode Trust = "passcode-locked"
	TrustUnknown  Trust = "unknown"
)

// trustIDs names each trust state's words in the catalogues
// (assets/i18n): trust.<id>.words and, where something is to be done,
// trust.<id>.advice.
var trustIDs = map[Trust]string{TrustTrusted: "trusted", TrustPending: "pending", TrustDenied: "denied",
	TrustPasscode: "passcode", TrustUnknown: "unknown", "": "unknown"}

// Words says a trust state in plain words, for reports and the CLI; an
// unknown value is said as it is.
func (t Trust) Words() tr.Text {
	if id, ok := trustIDs[t]; ok {
		return tr.Msg("trust." + id + ".words")
	}
	return tr.Raw(string(t))
}

// Advice tells the user what to do about a trust state; zero when nothing
// is needed.
func (t Trust) Advice() tr.Text {
	switch t {
	case TrustPending, TrustDenied, TrustPasscode:
		return tr.Msg("trust." + trustIDs[t] + ".advice")
	}
	return tr.Text{}
}

// Battery is the battery as the phone reports it. The health fields are 0
// when the phone did not give them (see battery.go for the warnings).
type Battery struct {
	Percent  int  `json:"percent"`
	Charging bool `json:"charging"`
	// ExternalPower: the phone is on power (it may be full, so not charging).
	ExternalPower bool `json:"external_power"`
	// CycleCount, DesignCapacity and FullChargeCapacity (both mAh) come from
	// the phone's IORegistry through the diagnostics relay.
	CycleCount         int `json:"cycle_count,omitempty"`
	DesignCapacity     int `json:"design_capacity,omitempty"`
	FullChargeCapacity int `json:"full_charge_capacity,omitempty"`
	// Falling: the level is lower than when it was first read, or than when
	// the phone last left normal mode (an update or a procedure began), and
	// the phone is not charging. Set by the watcher (device/watch).
	Falling bool `json:"falling,omitempty"`
}

// USBInfo is where and how fast the phone is attached.
type USBInfo struct {
	Bus        int    `json:"bus,omitempty"`
	Address    int    `json:"address,omitempty"`
	Port       string `json:"port,omitempty"` // sysfs port path, e.g. 1-2.3
	LocationID uint32 `json:"location_id,omitempty"`
	ProductID  uint16 `json:"product_id,omitempty"`
	SpeedMbps  int    `json:"speed_mbps,omitempty"`
}

// Speed names the USB speed in words, in the language in use.
func (u USBInfo) Speed() string { return u.SpeedText().String() }

// SpeedIn names the USB speed in words in the language tag.
func (u USBInfo) SpeedIn(tag string) string { return u.SpeedText().In(tag) }

// SpeedText names the USB speed as a message; the zero Text when the
// speed was not reported.
func (u USBInfo) SpeedText() tr.Text {
	switch {
	case u.SpeedMbps <= 0:
		return tr.Text{}
	case u.SpeedMbps <= 2:
		return tr.Msg("usb.low")
	case u.SpeedMbps <= 12:
		return tr.Msg("usb.full")
	case u.SpeedMbps <= 480:
		return tr.Msg("usb.high")
	case u.SpeedMbps <= 5000:
		return tr.Msg("usb.super")
	}
	return tr.Msg("usb.super-plus", "Gbps", u.SpeedMbps/1000)
}

// Stability is how steady the connection has been.
type Stability struct {
	FirstSeen time.Time `json:"first_seen"`
	LastSeen  time.Time `json:"last_seen"`
	// Flaps counts the times the phone dropped off and came back in the
	// same mode during the last minute: a sign of a failing cable or port.
	Flaps int `json:"flaps_last_minute"`
}

// Device is one attached (or just departed) Apple device.
type Device struct {
	// Key is the watcher's identity for the phone: "ecid:…" when the ECID is
	// known (it survives reboots and mode changes), else "udid:…" or "usb:…".
	Key  string `json:"key"`
	Mode Mode   `json:"mode"`

	UDID         string `json:"udid,omitempty"`
	ECID         uint64 `json:"-"`
	SerialNumber string `json:"serial_number,omitempty"`
	CPID         uint32 `json:"-"`
	BDID         uint32 `json:"-"`
	// ChipKnown says CPID and BDID were read (BDID 0x00 is a real board ID).
	ChipKnown bool `json:"-"`

	ProductType   string `json:"product_type,omitempty"`
	HardwareModel string `json:"hardware_model,omitempty"`
	Model         string `json:"model,omitempty"`
	Family        string `json:"button_family,omitempty"`
	ActionButton  string `json:"action_button,omitempty"`
	CameraControl string `json:"camera_control,omitempty"`

	DeviceName string   `json:"device_name,omitempty"`
	IOSVersion string   `json:"ios_version,omitempty"`
	IOSBuild   string   `json:"ios_build,omitempty"`
	Trust      Trust    `json:"trust,omitempty"`
	Battery    *Battery `json:"battery,omitempty"`

	USB       USBInfo   `json:"usb"`
	Stability Stability `json:"stability"`

	// Boot is the boot stage the USB serial string shows ("securerom",
	// "iboot"), PWND the exploit tag if any: facts for support staff.
	Boot string `json:"boot_stage,omitempty"`
	PWND string `json:"pwnd,omitempty"`
	// Note is a problem met while reading the phone, in plain words (in
	// English in JSON).
	Note tr.Text `json:"note,omitzero"`
	// MuxID is usbmuxd's number for this connection (0: not through
	// usbmuxd). usbmuxd gives a new one, and the bus a new USB address, each
	// time the phone is plugged in again.
	MuxID int `json:"-"`
}

// Relinked says that d, the same phone as old in the same mode, came on a
// new connection (a new usbmuxd number or USB address): it dropped off
// and came back between two readings.
func Relinked(old, d Device) bool {
	if old.Mode != d.Mode {
		return false
	}
	newMux := old.MuxID != 0 && d.MuxID != 0 && old.MuxID != d.MuxID
	newAddress := old.USB.Address != 0 && d.USB.Address != 0 && (old.USB.Bus != d.USB.Bus || old.USB.Address != d.USB.Address)
	return newMux || newAddress
}

// Name is the best human name for the device: its model, else its product
// type, else the catalogue's words for an Apple device in the current
// language.
func (d Device) Name() string {
	switch {
	case d.Model != "":
		return d.Model
	case d.ProductType != "":
		return d.ProductType
	}
	return tr.T("cli.device.unnamed")
}

// Condition is a problem on the computer's side that limits what Unstuck can see.
// Code and Cause are what it is; the Message may word the same condition
// differently from one reading to the next (an error's detail). The
// Message is said in the reader's language, in English in JSON.
type Condition struct {
	Code    string  `json:"code"`
	Cause   string  `json:"cause,omitempty"` // for usbmuxd: CauseNotRunning…
	Message tr.Text `json:"message"`
	// Severity says whether it needs fixing: SeverityInfo is a normal
	// condition said for understanding (usbmuxd asleep with no phone).
	Severity Severity `json:"severity"`
	// Detail is the raw error text behind the message, for a Details fold
	// and the report's appendix, never the headline.
	Detail string `json:"detail,omitempty"`
}

// Severity of a host condition.
type Severity string

const (
	SeverityInfo    Severity = "info"    // normal here: nothing to fix
	SeverityProblem Severity = "problem" // limits what Unstuck can see: fix it
)

// Problem says the condition needs fixing (an unset severity counts).
func (c Condition) Problem() bool { return c.Severity != SeverityInfo }

// Problems are the host conditions that need fixing.
func (s State) Problems() []Condition {
	var out []Condition
	for _, c := range s.Host {
		if c.Problem() {
			out = append(out, c)
		}
	}
	return out
}

// Same says whether two conditions are the same problem, whatever the wording.
func (c Condition) Same(o Condition) bool { return c.Code == o.Code && c.Cause == o.Cause }

// Codes of host conditions.
const (
	CondUsbmuxdUnavailable = "usbmuxd-unavailable"
	CondUSBPermission      = "usb-no-permission"
	CondUSBUnavailable     = "usb-unavailable"
)

// State is one snapshot of everything Unstuck knows. It is a value: the
// watcher publishes a fresh copy on every change and never mutates it after.
type State struct {
	Seq      uint64      `json:"seq"`
	Updated  time.Time   `json:"updated"`
	Devices  []Device    `json:"devices"`
	Departed []Device    `json:"departed,omitempty"` // left within the last minute, newest first
	Host     []Condition `json:"host,omitempty"`
	// USBWatch is how the USB bus is watched ("" before it is read or
	// without a USB source).
	USBWatch USBWatch `json:"usb_watch,omitempty"`
	Timeline []Event  `json:"timeline,omitempty"`
}

// USBWatch is how the watcher learns that the USB bus changed.
type USBWatch string

const (
	// USBEvents: the kernel announces each USB device that comes or goes
	// (Linux uevents); the bus is re-read then, and every 30 s to be safe.
	USBEvents USBWatch = "events"
	// USBPolled: the bus is re-read every 150 ms (no events to listen to).
	USBPolled USBWatch = "polled"
)

// Find returns the attached device with the given key.
func (s State) Find(key string) (Device, bool) {
	for _, d := range s.Devices {
		if d.Key == key {
			return d, true
		}
	}
	return Device{}, false
}

// Focus is the phone on show: the attached device with the given key, else
// the first attached device; ok is false when none is attached. Every tab,
// report and action about "the phone" picks it here, so with two phones
// they agree; pass the key the user chose ("" when they chose none).
func (s State) Focus(key string) (d Device, ok bool) {
	if d, ok := s.Find(key); ok {
		return d, true
	}
	if len(s.Devices) > 0 {
		return s.Devices[0], true
	}
	return Device{}, false
}

// Condition returns the host condition with the given code.
func (s State) Condition(code string) (Condition, bool) {
	for _, c := range s.Host {
		if c.Code == code {
			return c, true
		}
	}
	return Condition{}, false
}
