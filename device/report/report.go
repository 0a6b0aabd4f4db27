// Package report builds Unstuck's diagnostic report: what the computer and
// the phones looked like, what happened and what was tried, in three forms
// (JSON for tools, a self-contained HTML page for people, a short text for
// a support chat) and a zip of all three. Identifiers (UDID, ECID, serial
// number, IMEI, SRNM, the phone's name) are redacted unless asked not to,
// wherever they appear, free text included. Save writes a file atomically.
// Nothing here sends anything anywhere.
package report

import (
	"fmt"
	"time"

	"unstuck/device"
	"unstuck/device/guide"
	"unstuck/device/hostcheck"
	"unstuck/device/procedure"
	"unstuck/device/tr"
)

// SchemaVersion is the version of the JSON layout. It changes when a field
// is renamed or removed or changes meaning; new optional fields keep it.
const SchemaVersion = 1

// Input is everything a report is built from.
type Input struct {
	Version string       // Unstuck's version
	Now     time.Time    // when the report is made
	State   device.State // the watcher's snapshot
	// Host is the computer's checks; nil means they were not run (the
	// report says so), an empty non-nil slice means none applied.
	Host   []hostcheck.Check
	Errors []string // recent errors, oldest first
	// Sections are extra parts (ladder progress, backups, keep-awake...),
	// shown after the built-in ones in every format, in this order.
	Sections []Section
}

// Section is an optional part of the report: a titled list of labelled
// values. It is how new content joins the report without a schema change.
// Its words are Texts: the page and the summary say them in the reader's
// language, the JSON in English.
type Section struct {
	Title tr.Text `json:"title"`
	Note  tr.Text `json:"note,omitzero"` // a sentence under the title
	Items []Item  `json:"items"`
}

// Item is one line of a Section.
type Item struct {
	Label  tr.Text `json:"label"`
	Value  tr.Text `json:"value"`
	Status Status  `json:"status,omitempty"`
}

// Status colours an Item or a host check: ok, warn, fail, or "" for neutral.
type Status string

// Statuses an Item may carry; they match hostcheck's words.
const (
	StatusOK   Status = "ok"
	StatusWarn Status = "warn"
	StatusFail Status = "fail"
)

// Report is the built report; its JSON form is the schema.
type Report struct {
	SchemaVersion int       `json:"schema_version"`
	Generated     time.Time `json:"generated"`
	AppVersion    string    `json:"app_version"`
	// Redacted is true when identifiers were replaced by "…" and a short suffix.
	Redacted bool `json:"redacted"`
	// HostChecked is false when the computer's checks were not run.
	HostChecked bool               `json:"host_checked"`
	HostChecks  []hostcheck.Check  `json:"host_checks"`
	Conditions  []device.Condition `json:"host_conditions,omitempty"`
	Devices     []Phone            `json:"devices"`
	Departed    []Phone            `json:"departed,omitempty"`
	Attempts    []Attempt          `json:"attempts,omitempty"`
	Timeline    []device.Event     `json:"timeline,omitempty"`
	Errors      []string           `json:"errors,omitempty"`
	Sections    []Section          `json:"sections,omitempty"`
}

// Phone is one device's facts as the report shows them.
type Phone struct {
	Name          string          `json:"name"` // the model, or what is known
	Mode          device.Mode     `json:"mode"`
	ModeMeaning   tr.Text         `json:"mode_meaning"`
	ProductType   string          `json:"product_type,omitempty"`
	HardwareModel string          `json:"hardware_model,omitempty"`
	DeviceName    string          `json:"device_name,omitempty"`
	IOSVersion    string          `json:"ios_version,omitempty"`
	IOSBuild      string          `json:"ios_build,omitempty"`
	Trust         device.Trust    `json:"trust,omitempty"`
	Battery       *device.Battery `json:"battery,omitempty"`
	USBSpeed      string          `json:"usb_speed,omitempty"` // in English; the page says usbMbps
	usbMbps       int             // the speed, for the page's words (0 in a parsed report)
	USBPort       string          `json:"usb_port,omitempty"`
	Flaps         int             `json:"flaps_last_minute"`
	FirstSeen     time.Time       `json:"first_seen"`
	LastSeen      time.Time       `json:"last_seen"`
	UDID          string          `json:"udid,omitempty"`
	ECID          string          `json:"ecid,omitempty"`
	SerialNumber  string          `json:"serial_number,omitempty"`
	CPID          string          `json:"cpid,omitempty"`
	BDID          string          `json:"bdid,omitempty"`
	BootStage     string          `json:"boot_stage,omitempty"`
	PWND          string          `json:"pwnd,omitempty"`
	Note          string          `json:"note,omitempty"`
}

// Attempt is a guided procedure that ended, from the timeline.
type Attempt struct {
	At        time.Time `json:"at"`
	Phone     string    `json:"phone,omitempty"`
	Procedure string    `json:"procedure"`      // force-restart, recovery, dfu
	Name      tr.Text   `json:"procedure_name"` // the procedure in words: Force restart, DFU mode
	Verdict   string    `json:"verdict"`        // e.g. dfu-reached
	Result    tr.Text   `json:"result"`         // the verdict in words
	Worked    bool      `json:"worked"`
	Advice    tr.Text   `json:"advice,omitzero"` // what the verdict means
	Seen      tr.Text   `json:"seen,omitzero"`   // what the phone did, with timings
}

// Build makes the report from a snapshot. With redact, every identifier of
// the known phones, and anything shaped like one, is cut to a short suffix.
func Build(in Input, redact bool) Report {
	r := Report{
		SchemaVersion: SchemaVersion,
		Generated:     in.Now.Round(0),
		AppVersion:    in.Version,
		Redacted:      redact,
		HostChecked:   in.Host != nil,
		HostChecks:    append([]hostcheck.Check{}, in.Host...),
		Conditions:    append([]device.Condition(nil), in.State.Host...),
		Devices:       []Phone{},
		Errors:        append([]string(nil), in.Errors...),
	}
	if r.AppVersion == "" {
		r.AppVersion = "unknown"
	}
	for _, d := range in.State.Devices {
		r.Devices = append(r.Devices, phoneOf(d))
	}
	for _, d := range in.State.Departed {
		p := phoneOf(d)
		p.ModeMeaning = tr.Msg("report.departed", "Mode", tr.Msg(d.Mode.MessageID("words")))
		r.Departed = append(r.Departed, p)
	}
	for _, e := range in.State.Timeline {
		e.At = e.At.Round(0)
		r.Timeline = append(r.Timeline, e)
		if e.Kind == device.EventAttempt {
			r.Attempts = append(r.Attempts, attemptOf(e))
		}
	}
	for _, s := range in.Sections {
		s.Items = append([]Item(nil), s.Items...)
		r.Sections = append(r.Sections, s)
	}
	if redact {
		rd := newRedactor(append(append([]device.Device(nil), in.State.Devices...), in.State.Departed...))
		rd.report(&r)
	}
	return r
}

func phoneOf(d device.Device) Phone {
	p := Phone{
		Name: d.Name(), Mode: d.Mode, ModeMeaning: tr.Msg(d.Mode.MessageID("headline")),
		ProductType: d.ProductType, HardwareModel: d.HardwareModel, DeviceName: d.DeviceName,
		IOSVersion: d.IOSVersion, IOSBuild: d.IOSBuild, Trust: d.Trust,
		USBSpeed: d.USB.SpeedIn(tr.English), usbMbps: d.USB.SpeedMbps, USBPort: d.USB.Port, Flaps: d.Stability.Flaps,
		FirstSeen: d.Stability.FirstSeen.Round(0), LastSeen: d.Stability.LastSeen.Round(0),
		UDID: d.UDID, SerialNumber: d.SerialNumber,
		BootStage: d.Boot, PWND: d.PWND, Note: d.Note.In(tr.English),
	}
	if d.Battery != nil {
		b := *d.Battery
		p.Battery = &b
	}
	if d.ECID != 0 {
		p.ECID = device.FormatECID(d.ECID)
	}
	if d.ChipKnown {
		p.CPID = fmt.Sprintf("0x%04x", d.CPID)
		p.BDID = fmt.Sprintf("0x%02x", d.BDID)
	}
	return p
}

func attemptOf(e device.Event) Attempt {
	v := guide.Verdict(e.To)
	return Attempt{At: e.At, Phone: e.Device, Procedure: e.From, Name: procedure.Kind(e.From).Name(), Verdict: e.To, Result: v.Words(),
		Worked: v.Worked(), Advice: v.Advice(), Seen: e.Detail}
}
