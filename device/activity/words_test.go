package activity

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"unstuck/device"
	"unstuck/device/tr"
	"unstuck/device/tr/trtest"
)

// The advice and the timeline's words are messages: said in German when
// German is chosen, in English in JSON whatever the language.
func TestAdviceInGerman(t *testing.T) {
	trtest.Speak(t, "de")
	now := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	d := device.Device{Key: "ecid:1", Mode: device.ModeRestore}
	d.Stability.FirstSeen = now.Add(-65 * time.Minute)
	a, ok := modeActivity(d, nil, now, Default)
	if !ok || a.State != StateStalled {
		t.Fatalf("%+v", a)
	}
	if got := a.Advice.String(); !strings.HasPrefix(got, "Es wird seit 1 Stunde 5 Minuten aktualisiert oder wiederhergestellt") {
		t.Errorf("German advice %q", got)
	}
	if got := ChangeWords(None, a, now).String(); got != "Aktualisierung: seit 1 Stunde 5 Minuten kein Fortschritt" {
		t.Errorf("German timeline words %q", got)
	}
	if got := ChangeWords(Activity{Kind: KindUpdate}, Activity{Kind: KindUpdate, State: StateInterrupted, Advice: sayFellBack()}, now).In("ja"); got != "アップデート：停止、リカバリモードに戻りました" {
		t.Errorf("Japanese timeline words %q", got)
	}
	raw, err := json.Marshal(a)
	if err != nil || !strings.Contains(string(raw), `"advice":"It has been in restore mode for 1 hour 5 minutes, much longer than usual.`) {
		t.Errorf("JSON %s (%v): not English", raw, err)
	}
}

// Every sentence the package can say is in every language's catalogue
// (a missing one reads «id»).
func TestEveryAdviceIsInTheCatalogue(t *testing.T) {
	now := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	var texts []tr.Text
	for _, gone := range []time.Duration{10 * time.Second, 2 * time.Minute, 40 * time.Minute, 2 * time.Hour} {
		for _, m := range []device.Mode{device.ModeRestore, device.ModeRecovery, device.ModeNormal} {
			d := device.Device{Key: "k", Mode: m}
			from := device.ModeNormal
			if m == device.ModeNormal {
				from = device.ModeRestore
			}
			ev := []device.Event{{At: now.Add(-gone), Kind: device.EventModeChanged, Key: "k", From: string(from), To: string(m)}}
			if a, ok := modeActivity(d, ev, now, Default); ok {
				texts = append(texts, a.Advice, ChangeWords(None, a, now))
			}
		}
	}
	texts = append(texts, sayFellBack(), sayDone(now), say("earlier"), say("disk-full"), say("phone-sending"),
		tr.Plural("activity.phone-uploading", 3), say("back-up-now"), say("left-during-update"))
	for _, k := range []Kind{KindNone, KindBackup, KindUpdate, KindRestore} {
		for _, s := range []State{StateNone, StateWorking, StatePreparing, StatePasscode, StateSlow, StateStalled, StateInterrupted, StateDone} {
			for _, p := range []string{"", ProblemDiskFull, ProblemPasscodeTimeout} {
				texts = append(texts, ChangeWords(Activity{Kind: KindBackup}, Activity{Kind: k, State: s, Problem: p}, now))
			}
		}
	}
	for _, tag := range []string{"en", "es", "pt-BR", "fr", "de", "zh-Hans", "ja"} {
		for _, x := range texts {
			if s := x.In(tag); strings.Contains(s, "«activity.") || strings.Contains(s, "«format.") || s == "" {
				t.Errorf("%s: %q", tag, s)
			}
		}
	}
}
