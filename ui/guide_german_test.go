package ui

import (
	"testing"
	"time"

	"unstuck/device"
	"unstuck/device/catalog"
	"unstuck/device/guide"
	"unstuck/device/procedure"
	"unstuck/device/tr"
)

// The guide in German: the title, the steps and their details, the family
// picker, the drawn phone's labels and the verdict's advice and what the
// phone did come from the catalogue in German.
func TestGuideInGerman(t *testing.T) {
	speak(t, "de")
	g, _ := newGuide(t, catalog.Side, procedure.DFU, "iPhone X")
	for got, want := range map[string]string{
		g.Title.Text:          "DFU-Modus · iPhone X",
		g.Steps[1].Text:       "Drück kurz die Leiser-Taste und lass sie gleich los",
		g.Details[2].String(): "10 s halten: Seitentaste, bis der Bildschirm schwarz wird",
		g.Picker.Options[3]:   "iPhone SE (1. Generation), 5s und älter",
		g.Warnings[0].Text:    "Lass das iPhone die ganze Zeit mit einem Datenkabel an diesem Computer angeschlossen.",
	} {
		if got != want {
			t.Errorf("%q, want %q", got, want)
		}
	}
	g.ApplyTick(stepTick(3, 4200*time.Millisecond))
	if g.Say.Text != "Halte die Seitentaste weiter und halte zusätzlich die Leiser-Taste" || g.See.Text != "Der Bildschirm bleibt schwarz" ||
		labelWords(g.Phone.Label(procedure.Side)) != "halten" || !g.Phone.Dark {
		t.Errorf("step 4: say %q, see %q, dark %v", g.Say.Text, g.See.Text, g.Phone.Dark)
	}
	g.ApplyTick(guide.Tick{Phase: guide.PhaseDone, Verdict: guide.RecoveryInstead, Mode: device.ModeRecovery,
		Observed: tr.Msg("guide.seen.recovery-instead"), Total: 29 * time.Second})
	if g.Advice.Text != "Das war der Wiederherstellungsmodus, nicht DFU: Lass die Seitentaste früher los, sobald der Bildschirm schwarz wird." ||
		g.Observed.Text != "Was das iPhone tat: der Wiederherstellungsmodus erschien statt DFU" {
		t.Errorf("advice %q, observed %q", g.Advice.Text, g.Observed.Text)
	}
}
