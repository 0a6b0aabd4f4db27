package guide

import (
	"strings"
	"testing"
	"time"

	"unstuck/device"
	"unstuck/device/procedure"
	"unstuck/device/tr"
	"unstuck/device/tr/trtest"
)

// Every verdict has its words and advice in every language, and what the
// phone did is said in German through the judge, with the mode's words
// and the numbers the German way.
func TestVerdictsAndObservationsInGerman(t *testing.T) {
	trtest.Speak(t, "de")
	for _, v := range verdicts {
		for _, text := range []tr.Text{v.Words(), v.Advice()} {
			if text.IsZero() && v == Cancelled {
				continue
			}
			if en, de := text.In("en"), text.String(); strings.HasPrefix(en, "«") || en == de {
				t.Errorf("%s: %q in English, %q in German", v, en, de)
			}
		}
	}
	if got := DFUReached.Advice().String(); got != "DFU-Modus erreicht. Du kannst die Tasten loslassen." {
		t.Errorf("advice %q", got)
	}
	j := newJudge(procedure.DFU, "", time.Now())
	if v, what := j.timeout(10 * time.Second); v != NoReconnect || what.String() != "innerhalb von 10 s nach dem letzten Schritt erschien nichts am USB" {
		t.Errorf("%s: %q", v, what.String())
	}
	j.present, j.mode = true, device.ModeRecovery
	if _, what := j.timeout(10 * time.Second); what.String() != "das iPhone blieb die ganze Zeit verbunden: Wiederherstellungsmodus" ||
		what.In("en") != "the phone stayed connected in recovery mode the whole time" {
		t.Errorf("stayed: %q / %q", what.String(), what.In("en"))
	}
	after := tr.Msg("guide.seen.after-release", "What", tr.Msg("guide.seen.dfu"), "Seconds", 9.2)
	if got := after.String(); got != "der DFU-Modus erschien, 9,2 s nach Beginn des letzten Schritts" {
		t.Errorf("after the release: %q", got)
	}
}
