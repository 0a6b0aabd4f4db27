package report

import (
	"html"
	"regexp"
	"slices"
	"strings"
	"testing"

	"unstuck/device"
	"unstuck/device/hostcheck"
	"unstuck/device/tr"
	"unstuck/device/tr/trtest"
)

// The JSON, which support staff and their tools read, is English, keys and
// values, whatever language the app or the CLI speaks; so is the copy the
// page embeds.
func TestJSONIsEnglishInAnyLanguage(t *testing.T) {
	want, err := Build(fixtureInput(), true).JSON()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(want), "Connected: the iPhone is running normally") ||
		!strings.Contains(string(want), "It left the computer; it was last seen in normal mode.") {
		t.Errorf("no English mode meanings in the JSON:\n%s", want)
	}
	trtest.Speak(t, "en")
	for _, tag := range append(languageTags(), tr.Pseudo) {
		tr.Use(tag)
		r := Build(fixtureInput(), true)
		got, err := r.JSON()
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Errorf("%s: the JSON changed:\n%s", tag, got)
		}
		page, err := r.HTMLIn(tag)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(html.UnescapeString(string(page)), string(want[:len(want)-1])) {
			t.Errorf("%s: the page does not embed the English JSON", tag)
		}
	}
}

// The page and the summary are in the language asked for, whatever the
// current one: headings, labels, dates, mode meanings; and a message
// missing from that language's catalogue would show as «id».
func TestPageAndSummaryInTheLanguageAsked(t *testing.T) {
	r := Build(fixtureInput(), true)
	for tag, want := range map[string][]string{
		"de": {`<html lang="de">`, "<h2>Was versucht wurde</h2>", "<h2>Dieser Computer</h2>", "24. November 2026",
			tr.In("de", "mode.recovery.headline"), "Bericht von Unstuck 1.4.0, 24. November 2026, 20:31 CET (Kennungen gekürzt)",
			"Pair records: Warnung", "3-mal getrennt", "Zuletzt gesehen im Modus: normaler Modus", "(Name ausgeblendet)",
			"<h2>Schritte zur Fehlerbehebung</h2>", "vertraut diesem Computer", "<th>Neustart erzwingen</th>", "- 3. Aktualisieren (behält deine Daten): offen (Warnung)"},
		"ja": {`<html lang="ja">`, "<h2>試したこと</h2>", "2026年11月24日", tr.In("ja", "mode.recovery.headline"),
			"Unstuck 1.4.0 レポート、2026年11月24日 20:31 CET（識別情報は短縮済み）"},
	} {
		page, err := r.HTMLIn(tag)
		if err != nil {
			t.Fatal(err)
		}
		both := html.UnescapeString(string(page)) + "\n" + r.TextIn(tag)
		for _, w := range want {
			if !strings.Contains(both, html.UnescapeString(w)) {
				t.Errorf("%s: no %q in the page or the summary:\n%s", tag, w, both)
			}
		}
		for _, en := range []string{"What was tried", "This computer</h2>", "November 2026", "<h2>Troubleshooting steps", "(keeps your data): to do", "trusts this computer"} {
			if strings.Contains(both, en) && !(tag == "de" && en == "November 2026") {
				t.Errorf("%s: English %q in the page or the summary", tag, en)
			}
		}
	}
}

// Every message the page and the summary say is in the catalogue, in
// every way a report can be: a missing one shows as «id».
func TestReportSaysNoMissingMessage(t *testing.T) {
	for i, in := range reportVariants() {
		for _, redact := range []bool{true, false} {
			r := Build(in, redact)
			for _, tag := range append(languageTags(), tr.Pseudo) {
				page, err := r.HTMLIn(tag)
				if err != nil {
					t.Fatal(err)
				}
				if s := string(page) + r.TextIn(tag); strings.Contains(s, "«") {
					t.Errorf("variant %d, %s: a message is missing: %s", i, tag, regexp.MustCompile(`«[^»]*»`).FindString(s))
				}
			}
		}
	}
}

// reportVariants are the fixture and reports that take the other paths:
// empty, checks not run, many attempts, checks of every status, items of
// every status, every kind of event.
func reportVariants() []Input {
	many, odd := fixtureInput(), fixtureInput()
	for range 6 {
		many.State.Timeline = append(many.State.Timeline, many.State.Timeline[2])
	}
	odd.Host = []hostcheck.Check{{Title: tr.Raw("a"), Status: hostcheck.Fail}, {Title: tr.Raw("b"), Status: hostcheck.Unknown, Fix: tr.Raw("c")}}
	odd.State.Host = append(odd.State.Host, device.Condition{Message: tr.Raw("d"), Severity: device.SeverityInfo, Detail: "e"})
	odd.Sections = append(odd.Sections, Section{Title: tr.Raw("f")}, Section{Title: tr.Raw("g"), Items: []Item{{Label: tr.Raw("h"), Value: tr.Raw("i"), Status: StatusFail}}})
	for _, k := range eventKinds {
		odd.State.Timeline = append(odd.State.Timeline, device.Event{Kind: k, From: "trusted", To: "dfu"})
	}
	notRun := fixtureInput()
	notRun.Host = nil
	fine := fixtureInput()
	fine.Host, fine.State.Host = fine.Host[:1], nil
	return []Input{fixtureInput(), {}, {Host: []hostcheck.Check{}}, many, odd, notRun, fine}
}

// A redacted page in German holds no identifier either, in its sections
// too (an item naming the phones' identifiers and name inside a message).
func TestRedactedInGerman(t *testing.T) {
	in := fixtureInput()
	in.Sections = append(in.Sections, Section{Title: tr.Msg("activity.report.backups"), Items: []Item{{
		Label: tr.Msg("report.section.when-phone", "When", tr.Raw("20:31:00"), "Phone", phoneX.DeviceName),
		Value: tr.Msg("report.section.step-value", "Status", tr.Msg("activity.report.status.done"),
			"Detail", tr.Rawf("%s %x %s", phone15.UDID, phoneX.ECID, phoneX.SerialNumber))}}})
	r := Build(in, true)
	page, err := r.HTMLIn("de")
	if err != nil {
		t.Fatal(err)
	}
	all := strings.ToLower(html.UnescapeString(string(page)) + r.TextIn("de"))
	for _, id := range identifierForms(phoneX, phone15, departed) {
		if strings.Contains(all, strings.ToLower(id)) {
			t.Errorf("identifier %q is in the German report", id)
		}
	}
}

// In the pseudo-language every word of the page and the summary is in
// [brackets] but data: names, versions, identifiers, paths, the system's
// words (Raw texts). The sections' words and the timeline's messages are
// checked like the page's own.
func TestPseudoLanguageLeavesOnlyDataUnbracketed(t *testing.T) {
	in := fixtureInput()
	in.Sections[0].Items[0].Status = StatusFail
	r := Build(in, true)
	page, err := r.HTMLIn(tr.Pseudo)
	if err != nil {
		t.Fatal(err)
	}
	s := regexp.MustCompile(`(?s)<style>.*?</style>|<details class="support">.*?</details>|<pre>.*?</pre>`).ReplaceAllString(string(page), "")
	var lines []string
	for _, m := range regexp.MustCompile(`>([^<]*)<`).FindAllStringSubmatch(s, -1) {
		lines = append(lines, html.UnescapeString(m[1]))
	}
	lines = append(lines, strings.Split(r.TextIn(tr.Pseudo), "\n")...)
	data := pseudoData(r)
	checked := 0
	for _, line := range lines {
		rest := line
		for _, d := range data {
			rest = strings.ReplaceAll(rest, d, " ")
		}
		for inner := regexp.MustCompile(`\[[^\[\]]*\]`); inner.MatchString(rest); checked++ {
			rest = inner.ReplaceAllString(rest, " ")
		}
		for _, w := range regexp.MustCompile(`\p{L}{2,}`).FindAllString(rest, -1) {
			if !slices.Contains([]string{"iOS", "USB", "UDID", "ECID", "CPID", "BDID", "PWND", "CET"}, w) {
				t.Errorf("%q is not bracketed in %q", w, line)
			}
		}
	}
	if checked < 60 {
		t.Errorf("only %d bracketed messages", checked)
	}
}

// pseudoData is the report's data, as the pseudo-language says it, longest
// first: the plain strings, and the Texts that are no message (Raw); a
// message's words are checked.
func pseudoData(r Report) []string {
	var d []string
	raw := func(ts ...tr.Text) {
		for _, t := range ts {
			if t.ID() == "" {
				d = append(d, say(tr.Pseudo, t))
			}
		}
	}
	for _, p := range append(append([]Phone{}, r.Devices...), r.Departed...) {
		if p.DeviceName != NameHidden { // the page says that in words
			d = append(d, p.DeviceName)
		}
		d = append(d, p.Name, p.ProductType, p.HardwareModel, p.IOSVersion, p.IOSBuild, p.USBPort,
			p.UDID, p.ECID, p.SerialNumber, p.CPID, p.BDID, p.BootStage, p.PWND, p.Note)
		raw(p.Trust.Words())
	}
	for _, a := range r.Attempts {
		d = append(d, a.Phone)
		raw(a.Seen, a.Name, a.Result, a.Advice)
	}
	for _, e := range r.Timeline {
		w := eventIn(tr.Pseudo, e)
		d = append(d, e.Device, w.From, w.To)
		raw(e.Detail)
	}
	for _, c := range r.HostChecks {
		d = append(d, c.Link)
		raw(c.Title, c.Found, c.Fix)
		d = append(d, strings.Split(c.Snippet, "\n")...)
	}
	for _, c := range r.Conditions {
		d = append(d, c.Detail)
		raw(c.Message)
	}
	d = append(append(d, r.AppVersion), r.Errors...)
	d = slices.DeleteFunc(d, func(s string) bool { return s == "" })
	slices.SortFunc(d, func(a, b string) int { return len(b) - len(a) })
	return d
}

func languageTags() []string {
	var tags []string
	for _, l := range tr.Languages() {
		tags = append(tags, l.Tag)
	}
	return tags
}
