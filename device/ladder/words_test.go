package ladder

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"unstuck/device"
	"unstuck/device/activity"
	"unstuck/device/hostcheck"
	"unstuck/device/tr"
	"unstuck/device/tr/trtest"
)

// manyInputs are ladders in many states: no phone, each mode, trust
// pending, flaps, slow USB, failing checks, attempts, backups, activities.
func manyInputs() []Input {
	var out []Input
	for _, m := range device.Modes() {
		out = append(out, Input{State: device.State{Devices: []device.Device{{Key: "k", Mode: m}}}})
	}
	trusted := trustedPhone()
	out = append(out, Input{},
		Input{State: device.State{Devices: []device.Device{{Key: "k", Mode: device.ModeNormal, Trust: device.TrustPending,
			Stability: device.Stability{Flaps: 1}}}}},
		Input{State: device.State{Devices: []device.Device{{Key: "k", Mode: device.ModeNormal, Stability: device.Stability{Flaps: 4}}}}},
		Input{State: device.State{Devices: []device.Device{{Key: "k", Mode: device.ModeNormal, USB: device.USBInfo{SpeedMbps: 12}}}}},
		Input{State: device.State{Devices: []device.Device{{Key: "k", Mode: device.ModeNormal, USB: device.USBInfo{SpeedMbps: 480}}}}},
		Input{Host: []hostcheck.Check{{ID: "a", Status: hostcheck.OK}}},
		Input{Host: []hostcheck.Check{{ID: "a", Title: tr.Raw("udev"), Status: hostcheck.Fail, Fix: tr.Raw("add it")}}},
		Input{Host: []hostcheck.Check{{ID: "a", Title: tr.Raw("udev"), Status: hostcheck.Fail, Found: tr.Raw("no rule")}, {ID: "b", Status: hostcheck.Warn}}},
		Input{State: device.State{Devices: []device.Device{{Key: "k", Mode: device.ModeRecovery}}, Timeline: []device.Event{
			{At: now, Kind: device.EventAttempt, Key: "k", From: "dfu", To: "recovery-instead"}}}, BackupSearched: true},
		Input{State: trusted, BackupSearched: true},
		Input{State: trusted, Activity: &activity.Activity{Kind: activity.KindBackup, State: activity.StatePasscode, Advice: tr.Raw("x")}},
		Input{State: trusted, Activity: &activity.Activity{Kind: activity.KindBackup, State: activity.StateStalled, Advice: tr.Raw("x")}},
	)
	for _, age := range []time.Duration{time.Minute, 90 * time.Minute, 5 * time.Hour, 30 * time.Hour, 24 * 9 * time.Hour} {
		out = append(out, Input{State: trusted, BackupSearched: true, Backup: &Backup{Date: now.Add(-age)}})
	}
	for _, system := range []string{"darwin", "windows", "linux", "plan9"} {
		out = append(out, Input{OS: system})
	}
	for i := range out {
		out[i].Now = now
	}
	return out
}

// missing is how tr says a message that is in no catalogue: «id».
var missing = regexp.MustCompile(`«[a-z0-9.-]+»`)

// Every step's words exist in every language: a missing message reads «id».
func TestEveryStepIsSaidInEveryLanguage(t *testing.T) {
	for _, l := range tr.Languages() {
		for _, in := range manyInputs() {
			for _, s := range Evaluate(in) {
				for part, text := range map[string]tr.Text{"title": s.Title, "what": s.What, "detail": s.Detail} {
					if said := text.In(l.Tag); missing.MatchString(said) || part != "detail" && said == "" {
						t.Errorf("%s: %s's %s is %q", l.Tag, s.ID, part, said)
					}
				}
			}
		}
	}
}

// In German the ladder speaks German, with the date, the clock and the
// mode in German, while its JSON stays English.
func TestTheLadderInGerman(t *testing.T) {
	trtest.Speak(t, "de")
	st := device.State{Devices: []device.Device{{Key: "k", Mode: device.ModeRecovery}}, Timeline: []device.Event{
		{At: time.Date(2026, 11, 24, 19, 5, 0, 0, time.Local), Kind: device.EventAttempt, Key: "k", From: "dfu", To: "recovery-instead"}}}
	steps := Evaluate(Input{State: st, Now: now, BackupSearched: true,
		Backup: &Backup{Date: time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC), Complete: true}})
	if s := stepOf(t, steps, StepRestart); s.Detail.String() != "Im Wiederherstellungsmodus kann das iPhone nicht wie gewohnt neu starten: "+
		"Mit einem erzwungenen Neustart (unten) verlässt es ihn." {
		t.Errorf("restart in recovery mode: %q", s.Detail.String())
	}
	dfu := stepOf(t, steps, StepDFU)
	if got := dfu.Detail.String(); !strings.HasPrefix(got, "Versucht um 19:05: ") ||
		!strings.Contains(got, "Neuestes Backup auf diesem Computer: 21. November 2026 (vor 3 Tagen).") {
		t.Errorf("the DFU step: %q", got)
	}
	if dfu.Title.String() != "DFU-Modus und Wiederherstellen: der letzte Ausweg" {
		t.Errorf("the DFU step's title: %q", dfu.Title.String())
	}
	b, err := json.Marshal(dfu)
	if err != nil || !strings.Contains(string(b), `"title":"DFU mode and restore: the last resort"`) || !strings.Contains(string(b), "3 days ago") {
		t.Errorf("the JSON: %s %v", b, err)
	}
	if b, _ := json.Marshal(stepOf(t, Evaluate(Input{Now: now}), StepRestart)); strings.Contains(string(b), "detail") {
		t.Errorf("an empty detail is left out of the JSON: %s", b)
	} // The trust step's detail is the trust state's advice: German on screen,
	// English in JSON (it was the app's language in both).
	pending := device.State{Devices: []device.Device{{Key: "k", Mode: device.ModeNormal, Trust: device.TrustDenied}}}
	trust := stepOf(t, Evaluate(Input{State: pending, Now: now}), StepTrust)
	if b, _ := json.Marshal(trust); trust.Detail.String() != device.TrustDenied.Advice().In("de") ||
		!strings.Contains(string(b), device.TrustDenied.Advice().In("en")) {
		t.Errorf("the trust step: %q, JSON %s", trust.Detail.String(), b)
	}
}
