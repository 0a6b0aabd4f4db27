package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"strings"
	"testing"

	"unstuck/device"
	"unstuck/device/report/reporttest"
	"unstuck/device/tr"
)

func TestSchemaRoundTrip(t *testing.T) {
	for _, redact := range []bool{false, true} {
		r := Build(fixtureInput(), redact)
		js, err := r.JSON()
		if err != nil {
			t.Fatal(err)
		}
		var top map[string]any
		if err := json.Unmarshal(js, &top); err != nil {
			t.Fatal(err)
		}
		if top["schema_version"] != float64(SchemaVersion) || top["redacted"] != redact {
			t.Errorf("schema_version %v, redacted %v", top["schema_version"], top["redacted"])
		}
		back, err := Parse(js)
		if err != nil {
			t.Fatal(err)
		}
		again, err := back.JSON()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(js, again) {
			t.Errorf("redact=%v: JSON changed in the round trip:\n%s\n---\n%s", redact, js, again)
		}
		if !back.Generated.Equal(r.Generated) || len(back.Devices) != 2 || len(back.Departed) != 1 ||
			len(back.Timeline) != 5 || len(back.HostChecks) != 3 || len(back.Sections) != 1 || back.Sections[0].Items[1].Status != StatusWarn {
			t.Errorf("parsed report lost parts: %+v", back)
		}
	}
}

func TestAttemptsAndDeviceFacts(t *testing.T) {
	r := Build(fixtureInput(), false)
	if len(r.Attempts) != 2 {
		t.Fatalf("attempts: %+v", r.Attempts)
	}
	dfu, fr := r.Attempts[0], r.Attempts[1]
	if dfu.Procedure != "dfu" || dfu.Verdict != "recovery-instead" || dfu.Worked || !strings.Contains(dfu.Advice.In(tr.English), "release the side button sooner") ||
		!strings.Contains(dfu.Seen.In("en"), "9.2 s") || dfu.Phone != "iPhone X (Global)" {
		t.Errorf("dfu attempt: %+v", dfu)
	}
	if fr.Procedure != "force-restart" || fr.Verdict != "restarted" || !fr.Worked {
		t.Errorf("force-restart attempt: %+v", fr)
	}
	x := r.Devices[0]
	if x.Name != "iPhone X (Global)" || x.Mode != device.ModeRecovery || x.ECID != "0x001c2d3e4f5a6b7c" || x.CPID != "0x8015" ||
		x.BDID != "0x06" || x.Flaps != 3 || x.USBSpeed != "USB 2.0 high speed (480 Mb/s)" || x.UDID != phoneX.UDID || x.DeviceName != "Anna's iPhone" {
		t.Errorf("iPhone X facts: %+v", x)
	}
	if b := r.Devices[1].Battery; b == nil || b.Percent != 54 || !b.Charging {
		t.Errorf("battery: %+v", b)
	}
	if !r.HostChecked || r.AppVersion != "1.4.0" {
		t.Errorf("host checked %v, version %q", r.HostChecked, r.AppVersion)
	}
	in := fixtureInput()
	in.Host, in.Version = nil, ""
	if r := Build(in, true); r.HostChecked || r.AppVersion != "unknown" || !strings.Contains(r.Text(), "Computer (checks not run)") {
		t.Errorf("without host checks: checked %v, version %q\n%s", r.HostChecked, r.AppVersion, r.Text())
	}
}

func TestParseRefusesWhatIsNotAReport(t *testing.T) {
	for in, want := range map[string]string{
		`not json`:                            "not an Unstuck report",
		`{"devices": []}`:                     "no schema_version",
		`{"schema_version": 0}`:               "schema_version 0",
		`{"schema_version": 99}`:              "newer Unstuck",
		`{"schema_version": 1, "devices": 5}`: "reading the report",
		``:                                    "not an Unstuck report",
	} {
		if _, err := Parse([]byte(in)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Parse(%q) = %v, want an error with %q", in, err, want)
		}
	}
}

// allFormats renders a report in every format, the zip's entries included,
// with HTML entities decoded so an escaped identifier is still found.
func allFormats(t *testing.T, r Report) map[string]string {
	t.Helper()
	js, err := r.JSON()
	if err != nil {
		t.Fatal(err)
	}
	page, err := r.HTML()
	if err != nil {
		t.Fatal(err)
	}
	z, err := r.Zip()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{"json": jsonStrings(t, js), "html": html.UnescapeString(string(page)), "text": r.Text()}
	files := reporttest.Unzip(t, z)
	if len(files) != 3 {
		t.Errorf("zip holds %d files", len(files))
	}
	for name, b := range files {
		out["zip:"+name] = html.UnescapeString(b)
	}
	for _, name := range []string{"zip:report.json", "zip:report.html", "zip:report.txt"} {
		if out[name] == "" {
			t.Errorf("zip has no %s", name)
		}
	}
	return out
}

// jsonStrings decodes every string in a JSON document (so \u escapes do
// not hide an identifier) and joins them with the raw text.
func jsonStrings(t *testing.T, js []byte) string {
	var v any
	if err := json.Unmarshal(js, &v); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.Write(js)
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			b.WriteString("\n" + v)
		case []any:
			for _, e := range v {
				walk(e)
			}
		case map[string]any:
			for _, e := range v {
				walk(e)
			}
		}
	}
	walk(v)
	return b.String()
}

func TestRedactionInEveryFormat(t *testing.T) {
	r := Build(fixtureInput(), true)
	for format, text := range allFormats(t, r) {
		low := strings.ToLower(text)
		for _, id := range identifierForms(phoneX, phone15, departed) {
			if strings.Contains(low, strings.ToLower(id)) {
				t.Errorf("%s: identifier %q is in the redacted report", format, id)
			}
		}
		// What support needs is still there.
		for _, keep := range []string{"iPhone X (Global)", "iPhone 15 Pro", "recovery mode instead of DFU", "16.7.10", "…6E8F", "…5F60"} {
			if !strings.Contains(text, keep) {
				t.Errorf("%s: %q is missing from the redacted report", format, keep)
			}
		}
	}
	if r.Devices[0].DeviceName != NameHidden || r.Devices[0].UDID != "…6E8F" || r.Devices[0].ECID != "…6B7C" || r.Departed[0].DeviceName != NameHidden {
		t.Errorf("identifier fields: %+v", r.Devices[0])
	}
	if got := r.Devices[1].UDID; got != "…5F60" {
		t.Errorf("iPhone 15 UDID shown as %q", got)
	}
}

func TestNoRedactKeepsIdentifiers(t *testing.T) {
	r := Build(fixtureInput(), false)
	for format, text := range allFormats(t, r) {
		for i, id := range []string{phoneX.UDID, phone15.UDID, "0x001c2d3e4f5a6b7c", "F2LX81MNJCLF", "Anna's iPhone"} {
			if i > 1 && strings.HasSuffix(format, "text") || strings.HasSuffix(format, ".txt") && i > 1 {
				continue // the summary names a phone by its UDID only
			}
			if !strings.Contains(text, id) {
				t.Errorf("%s: %q missing without redaction", format, id)
			}
		}
	}
}

func TestRedactorFindsUnknownIdentifierShapes(t *testing.T) {
	rd := newRedactor(nil)
	for in, want := range map[string]string{
		"/var/lib/lockdown/0123456789abcdef0123456789abcdef01234567.plist": "/var/lib/lockdown/…4567.plist",
		"pair record 00008101-001A2B3C4D5E6F70 missing":                    "pair record …6F70 missing",
		"serial SDOM:01 SRNM:[DX3ABCD1EFGH] IMEI:[356741082954417]":        "serial SDOM:01 SRNM:[…EFGH] IMEI:[…4417]",
		"ecid 0x0011223344556677 seen":                                     "ecid …6677 seen",
		"phone 490154203237518 rang":                                       "phone …7518 rang",
		"Serial number: unknown":                                           "Serial number: unknown",
	} {
		if got := rd.text(in); got != want {
			t.Errorf("text(%q) = %q, want %q", in, got, want)
		}
	}
	// Ordinary facts pass untouched.
	for _, s := range []string{"iOS 16.7.10 (20H350)", "USB 2.0 high speed (480 Mb/s)", "CPID 0x8015, BDID 0x06", "2026-11-24 20:31:00 CET", "dfu-reached"} {
		if got := rd.text(s); got != s {
			t.Errorf("text(%q) changed to %q", s, got)
		}
	}
}

func TestTextIsShort(t *testing.T) {
	in := fixtureInput()
	for i := 0; i < 40; i++ {
		in.State.Timeline = append(in.State.Timeline, in.State.Timeline[2])
		in.Errors = append(in.Errors, "usbmuxd: connection refused")
	}
	txt := Build(in, true).Text()
	lines := strings.Split(strings.TrimSpace(txt), "\n")
	if len(lines) > 25 {
		t.Errorf("summary has %d lines:\n%s", len(lines), txt)
	}
	for _, want := range []string{"Unstuck 1.4.0 report, 24 November 2026 20:31 CET (identifiers shortened)",
		"Phone: iPhone X (Global), iOS 16.7.10 (20H350); recovery mode", "dropped and came back 3 times",
		"Tried (last 5 of 42)", "Pair records: warning", "No permission to read USB devices", "Troubleshooting steps:",
		"- 3. Update (keeps your data): to do (warning)", "Recent errors:", "Left: iPhone 11"} {
		if !strings.Contains(txt, want) {
			t.Errorf("summary lacks %q:\n%s", want, txt)
		}
	}
	if strings.Contains(txt, "usbmuxd 1.1.1 running") {
		t.Errorf("the summary lists checks that passed:\n%s", txt)
	}
}

func TestEmptyReport(t *testing.T) {
	r := Build(Input{}, true)
	for format, text := range allFormats(t, r) {
		if strings.Contains(text, "<no value>") || strings.Contains(text, "%!") {
			t.Errorf("%s renders a hole:\n%s", format, text)
		}
	}
	if txt := r.Text(); !strings.Contains(txt, "Phone: none connected") || !strings.Contains(txt, "Computer: checks not run") {
		t.Errorf("empty summary:\n%s", txt)
	}
}

// A normal condition is not reported as a failure, and the raw error text
// stays out of the line that says what is wrong.
func TestReportTellsNormalFromProblems(t *testing.T) {
	in := fixtureInput()
	in.State.Host = []device.Condition{{Code: device.CondUsbmuxdUnavailable, Severity: device.SeverityInfo,
		Message: tr.Raw("usbmuxd is not running. On Linux that is normal while no iPhone in normal mode is plugged in."),
		Detail:  "dial unix /var/run/usbmuxd: connect: no such file or directory"}}
	r := Build(in, false)
	raw, err := r.HTML()
	html := string(raw)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(html, `class="fail">usbmuxd is not running`) || !strings.Contains(html, `class="info">usbmuxd is not running`) {
		t.Errorf("html shows a normal condition as a failure")
	}
	txt := r.Text()
	for _, line := range strings.Split(txt, "\n") {
		if strings.Contains(line, "usbmuxd is not running") && (strings.Contains(line, "dial unix") || !strings.Contains(line, "Normal here")) {
			t.Errorf("text line %q", line)
		}
	}
	if !strings.Contains(txt, "  Details: dial unix") {
		t.Errorf("the details are missing:\n%s", txt)
	}
}

// The text summary shows every step of a section (the whole ladder), no
// section without items, and words, not internal values.
func TestTextShowsEveryStepInWords(t *testing.T) {
	in := fixtureInput()
	var steps []Item
	for i := range 8 {
		steps = append(steps, Item{Label: tr.Rawf("%d. Step", i+1), Value: tr.Raw("to do")})
	}
	in.Sections = []Section{{Title: tr.Msg("activity.report.steps"), Items: steps}, {Title: tr.Msg("activity.report.backups")}}
	p := phone15
	p.Trust = device.TrustPending
	in.State.Devices = append(in.State.Devices, p)
	txt := Build(in, true).Text()
	for i := range 8 {
		if !strings.Contains(txt, fmt.Sprintf("- %d. Step: to do", i+1)) {
			t.Errorf("step %d is missing:\n%s", i+1, txt)
		}
	}
	if strings.Contains(txt, "more\n") || strings.Contains(txt, "Backups on this computer") {
		t.Errorf("a cut ladder or an empty section:\n%s", txt)
	}
	for _, id := range []string{"recovery-instead", "pair-dialog-pending", "no-reconnect"} {
		if strings.Contains(txt, id) {
			t.Errorf("the summary shows the internal value %q:\n%s", id, txt)
		}
	}
	if !strings.Contains(txt, "the phone went to recovery mode instead of DFU") || !strings.Contains(txt, "asking whether to trust this computer") {
		t.Errorf("the words are missing:\n%s", txt)
	}
}
