package diagnose

import (
	"context"
	"strings"
	"testing"
	"time"

	"unstuck/device"
	"unstuck/device/activity"
	"unstuck/device/awake"
	"unstuck/device/backup"
	"unstuck/device/hostcheck"
	"unstuck/device/ladder"
	"unstuck/device/report"
	"unstuck/device/tr"
)

const (
	attachedUDID = "00008030-001A2B3C4D5E6F70"
	otherUDID    = "9f2c3b0d0e1a2b3c4d5e6f708192a3b4c5d6e7f8"
)

var now = time.Date(2026, 11, 24, 21, 0, 0, 0, time.UTC)

func state() device.State {
	return device.State{Devices: []device.Device{{Key: "ecid:001a2b3c4d5e6f70", Mode: device.ModeNormal, UDID: attachedUDID,
		ECID: 0x001A2B3C4D5E6F70, Trust: device.TrustTrusted, DeviceName: "Anna's iPhone", ProductType: "iPhone12,1"}}}
}

func backups() *backup.Result {
	return &backup.Result{Searched: []string{"/home/anna/Backup"}, Backups: []backup.Backup{
		{UDID: attachedUDID, DeviceName: "Anna's iPhone", ProductType: "iPhone12,1", IOSVersion: "18.1", Date: now.Add(-72 * time.Hour), Complete: true, SizeBytes: 5 << 30},
		{UDID: otherUDID, DeviceName: "Ben's iPhone", ProductType: "iPhone10,3", IOSVersion: "16.7", Date: now.Add(-400 * time.Hour), SizeBytes: 1 << 30, Missing: []tr.Text{tr.Raw("Status.plist")}},
	}}
}

func TestLadderMatchesTheAttachedPhonesBackup(t *testing.T) {
	in := Ladder(state(), "", nil, backups(), nil, nil, now)
	if !in.BackupSearched || in.Backup == nil || !in.Backup.Date.Equal(now.Add(-72*time.Hour)) || !in.Backup.Complete {
		t.Fatalf("ladder input %+v", in)
	}
	var dfu ladder.Step
	for _, s := range ladder.Evaluate(in) {
		if s.ID == ladder.StepDFU {
			dfu = s
		}
	}
	if !strings.Contains(dfu.Detail.String(), "3 days ago") {
		t.Errorf("DFU step: %q", dfu.Detail.String())
	}
	// With no backup folder on this computer (Linux) nothing was searched.
	if in := Ladder(state(), "", nil, &backup.Result{}, nil, nil, now); in.BackupSearched {
		t.Errorf("no folders searched, yet: %+v", in)
	}
	// A phone in recovery mode has no UDID to match: the question stays open.
	rec := device.State{Devices: []device.Device{{Key: "ecid:1", Mode: device.ModeRecovery}}}
	if in := Ladder(rec, "", nil, backups(), nil, nil, now); in.BackupSearched || in.Backup != nil {
		t.Errorf("recovery phone: %+v", in)
	}
}

func TestCollectAddsTheSectionsAndRedactsThem(t *testing.T) {
	host := []hostcheck.Check{{ID: "os", Title: tr.Raw("Operating system"), Status: hostcheck.OK, Found: tr.Raw("Debian 12")}}
	in := Collect(context.Background(), Options{Version: "test", State: state(), Host: host, Backups: backups(),
		Ticked: map[string]bool{ladder.StepRestart: true}, Awake: &awake.Status{Enabled: true, Held: true, Why: tr.Raw("Keeping this computer awake"), Method: "logind"}, Now: now})
	titles := []string{}
	for _, s := range in.Sections {
		titles = append(titles, s.Title.In("en"))
	}
	if strings.Join(titles, "|") != "Troubleshooting steps|Backups on this computer|Keeping the computer awake" {
		t.Fatalf("sections %q", titles)
	}
	if got := in.Sections[0].Items[1]; got.Status != report.StatusOK || !strings.HasPrefix(got.Value.In("en"), "done") {
		t.Errorf("ticked restart step: %+v", got)
	}
	if len(in.Sections[1].Items) != 2 || in.Sections[1].Items[1].Status != report.StatusWarn {
		t.Errorf("backups: %+v", in.Sections[1].Items)
	}
	r := report.Build(in, true)
	text := r.Text()
	html, _ := r.HTML()
	js, _ := r.JSON()
	for _, secret := range []string{attachedUDID, otherUDID, "Anna's iPhone", "Ben's iPhone", "Anna&#39;s iPhone"} {
		for name, out := range map[string]string{"text": text, "html": string(html), "json": string(js)} {
			if strings.Contains(out, secret) {
				t.Errorf("%s report shows %q", name, secret)
			}
		}
	}
	if !strings.Contains(string(js), "Troubleshooting steps") || !strings.Contains(string(js), "through logind") {
		t.Error("the sections are not in the JSON report")
	}
}

// Without checks or a scan given, Collect runs them on this computer.
func TestCollectRunsTheChecks(t *testing.T) {
	in := Collect(context.Background(), Options{Now: now})
	if len(in.Host) == 0 {
		t.Errorf("no host checks: %+v", in.Host)
	}
	if len(in.Sections) != 2 {
		t.Errorf("sections %+v", in.Sections)
	}
}

// TestLadderFindsTheBackupOfThePhoneOnShow: with two phones attached, the
// backup matched is the chosen phone's.
func TestLadderFindsTheBackupOfThePhoneOnShow(t *testing.T) {
	s := state()
	s.Devices = append(s.Devices, device.Device{Key: "udid:" + otherUDID, Mode: device.ModeNormal, UDID: otherUDID})
	in := Ladder(s, "udid:"+otherUDID, nil, backups(), nil, nil, now)
	if in.Phone != "udid:"+otherUDID || in.Backup == nil || !in.Backup.Date.Equal(now.Add(-400*time.Hour)) || in.Backup.Complete {
		t.Errorf("ladder input for the second phone: %+v %+v", in.Phone, in.Backup)
	}
	if in := Ladder(s, "", nil, backups(), nil, nil, now); in.Phone != s.Devices[0].Key || in.Backup == nil || !in.Backup.Complete {
		t.Errorf("ladder input with no choice: %+v %+v", in.Phone, in.Backup)
	}
}

// The report's part names no folder (a backup folder is named by the UDID).
func TestActivitySectionStaysRedacted(t *testing.T) {
	d := state().Devices[0]
	a := activity.Activity{Kind: activity.KindBackup, State: activity.StateStalled, Advice: tr.Raw("No progress for 30 minutes."), BackupDir: "/b/" + d.UDID}
	sec := activitySection(device.State{Devices: []device.Device{d}}, map[string]activity.Activity{d.Key: a}, now)
	if len(sec.Items) != 1 || sec.Items[0].Value.In("en") != "backup stalled: No progress for 30 minutes." || sec.Items[0].Status != "fail" {
		t.Errorf("section %+v", sec)
	}
	if d.UDID == "" || strings.Contains(sec.Items[0].Value.In("en")+sec.Items[0].Label.In("en"), d.UDID) {
		t.Errorf("the UDID %q in the report: %+v", d.UDID, sec)
	}
}

// A report made while the phone backs up leads its steps with the wait,
// numbered 0, and says what the phone is doing.
func TestReportWaitsWhileThePhoneBacksUp(t *testing.T) {
	s := state()
	acts := map[string]activity.Activity{s.Devices[0].Key: {Kind: activity.KindBackup, State: activity.StateWorking, Advice: tr.Raw("Still working: 1.0 MB backed up in the last 5 minutes.")}}
	in := Collect(context.Background(), Options{State: s, Host: []hostcheck.Check{}, Backups: backups(), Activities: acts, Now: now})
	r := report.Build(in, true)
	var steps, still *report.Section
	for i := range r.Sections {
		switch r.Sections[i].Title.In("en") {
		case "Troubleshooting steps":
			steps = &r.Sections[i]
		case "Still working?":
			still = &r.Sections[i]
		}
	}
	if steps == nil || still == nil {
		t.Fatalf("sections %+v", r.Sections)
	}
	if first := steps.Items[0]; !strings.HasPrefix(first.Label.In("en"), "0. Wait: it is still working") || !strings.Contains(first.Value.In("en"), "now: Still working: 1.0 MB") {
		t.Errorf("first step %+v", first)
	}
	if len(still.Items) != 1 || still.Items[0].Value.In("en") != "backup working: Still working: 1.0 MB backed up in the last 5 minutes." {
		t.Errorf("still working: %+v", still.Items)
	}
	if in := Collect(context.Background(), Options{State: s, Host: []hostcheck.Check{}, Backups: backups(), Now: now}); len(in.Sections) != 2 {
		t.Errorf("no activities given, yet %d sections", len(in.Sections))
	}
}

// The "Still working?" part lists how the activity went, from the
// timeline's activity events, with their times, in the report's words and
// redacted like the rest; the JSON timeline keeps the state codes.
func TestReportListsTheActivitysHistory(t *testing.T) {
	s := state()
	d := s.Devices[0]
	for i, e := range []struct{ from, to, words string }{
		{"none", "working", "Backup: still working"}, {"working", "stalled", "Backup: no progress for 25 minutes"}, {"stalled", "done", "Backup finished"},
	} {
		s.Timeline = append(s.Timeline, device.Event{At: now.Add(time.Duration(i-3) * time.Hour), Kind: device.EventActivity, Key: d.Key, Device: d.DeviceName, From: e.from, To: e.to, Detail: tr.Raw(e.words)})
	}
	acts := map[string]activity.Activity{d.Key: {Kind: activity.KindBackup, State: activity.StateDone, Advice: tr.Raw("The backup finished at 20:00.")}}
	r := report.Build(Collect(context.Background(), Options{State: s, Host: []hostcheck.Check{}, Backups: backups(), Activities: acts, Now: now}), true)
	var items []report.Item
	for _, sec := range r.Sections {
		if sec.Title.In("en") == "Still working?" {
			items = sec.Items
		}
	}
	if len(items) != 4 {
		t.Fatalf("items %+v", items)
	}
	at := now.Add(-2 * time.Hour).Local().Format("15:04:05")
	if h := items[2]; !strings.HasPrefix(h.Label.In("en"), at+" ") || h.Value.In("en") != "Backup: no progress for 25 minutes" || h.Status != report.StatusFail {
		t.Errorf("the stall: %+v", h)
	}
	for _, it := range items {
		if strings.Contains(it.Label.In("en"), "Anna") {
			t.Errorf("the phone's name in a redacted report: %+v", it)
		}
	}
	if e := r.Timeline[1]; e.Kind != device.EventActivity || e.From != "working" || e.To != "stalled" {
		t.Errorf("the JSON timeline: %+v", e)
	}
}

// Every word of the sections diagnose writes is a catalogue message (a
// missing one reads «activity.report...»), for every step status and risk.
func TestSectionsComeFromTheCatalogue(t *testing.T) {
	var steps []ladder.Step
	for _, st := range []ladder.Status{ladder.ToDo, ladder.Now, ladder.Done, ladder.CheckedOK, ladder.NotApplicable} {
		for _, r := range []ladder.Risk{ladder.RiskNone, ladder.RiskKeepsData, ladder.RiskErases} {
			steps = append(steps, ladder.Step{Title: tr.Raw("x"), Status: st, Risk: r})
		}
	}
	secs := []report.Section{ladderSection(steps), backupSection(*backups(), now), backupSection(backup.Result{}, now),
		backupSection(backup.Result{Searched: []string{"/b"}}, now), awakeSection(awake.Status{}), awakeSection(awake.Status{Enabled: true}),
		awakeSection(awake.Status{Enabled: true, Held: true, Why: tr.Raw("w"), Method: "m"}), activitySection(device.State{}, nil, now),
		activitySection(everyActivity())}
	for _, sec := range secs {
		words := []tr.Text{sec.Title, sec.Note}
		for _, it := range sec.Items {
			words = append(words, it.Label, it.Value)
		}
		for _, l := range tr.Languages() {
			for _, w := range words {
				if s := w.In(l.Tag); strings.Contains(s, "«") {
					t.Errorf("%s, %s: %q", l.Tag, sec.Title.In("en"), s)
				}
			}
		}
	}
	if got := backupSection(backup.Result{Searched: []string{"/b", "/c"}}, now).Note.In("en"); got != "No backups found in 2 folder(s)." {
		t.Errorf("note %q", got)
	}
}

// everyActivity is a phone for each kind and state of activity, with their
// changes in the timeline: activitySection's every path.
func everyActivity() (device.State, map[string]activity.Activity, time.Time) {
	var s device.State
	acts := map[string]activity.Activity{}
	kinds := []activity.Kind{activity.KindNone, activity.KindBackup, activity.KindUpdate, activity.KindRestore}
	states := []activity.State{activity.StateNone, activity.StateWorking, activity.StatePreparing, activity.StatePasscode,
		activity.StateSlow, activity.StateStalled, activity.StateInterrupted, activity.StateDone}
	for _, k := range kinds {
		for _, st := range states {
			key := string(k) + "/" + string(st)
			s.Devices = append(s.Devices, device.Device{Key: key, ProductType: "iPhone10,3"})
			acts[key] = activity.Activity{Kind: k, State: st}
			s.Timeline = append(s.Timeline, device.Event{At: now.Add(-48 * time.Hour), Kind: device.EventActivity, Key: key, To: string(st)})
		}
	}
	return s, acts, now
}

// A German report says diagnose's sections in German: titles, the ladder's
// steps, what the phone is doing; the JSON stays English.
func TestSectionsInGerman(t *testing.T) {
	s := state()
	acts := map[string]activity.Activity{s.Devices[0].Key: {Kind: activity.KindBackup, State: activity.StateWorking}}
	r := report.Build(Collect(context.Background(), Options{State: s, Host: []hostcheck.Check{}, Backups: backups(), Activities: acts, Now: now}), true)
	got := r.TextIn("de")
	for _, w := range []string{"Schritte zur Fehlerbehebung:", "Backups auf diesem Computer:", "Läuft es noch?:", "Backup (läuft)"} {
		if !strings.Contains(got, w) {
			t.Errorf("no %q in the German summary:\n%s", w, got)
		}
	}
	for _, en := range []string{"Troubleshooting steps", "backup working", "to do"} {
		if strings.Contains(got, en) {
			t.Errorf("English %q in the German summary:\n%s", en, got)
		}
	}
	if js, err := r.JSON(); err != nil || !strings.Contains(string(js), `"value": "backup working"`) {
		t.Errorf("the JSON is not English (%v):\n%s", err, js)
	}
}

// The keep-awake part says the keeper's own words in the reader's language
// and the system's error text as it is.
func TestAwakeErrorsInGerman(t *testing.T) {
	lost := awakeSection(awake.Status{Enabled: true, Err: tr.Msg("report.awake.lost")}).Items[0]
	if got := lost.Value.In("de"); got != "das System hat die Sperre gegen den Ruhezustand aufgehoben; sie wird neu gesetzt" || lost.Status != report.StatusWarn {
		t.Errorf("lost lock: %q %q", got, lost.Status)
	}
	if got := awakeSection(awake.Status{Enabled: true, Err: tr.Raw("dbus: no reply")}).Items[0].Value.In("de"); got != "dbus: no reply" {
		t.Errorf("system error: %q", got)
	}
}
