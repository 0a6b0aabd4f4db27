package procedure

import (
	"encoding/json"
	"strings"
	"testing"

	"unstuck/device/catalog"
	"unstuck/device/tr/trtest"
)

// The procedures speak German through the catalogue (the table's message
// IDs, the buttons' names, the step's detail, the procedure's name), and
// their JSON stays English while German is spoken.
func TestProceduresSpeakGerman(t *testing.T) {
	trtest.Speak(t, "de")
	p, _ := For(catalog.Side, DFU)
	for got, want := range map[string]string{
		p.Steps[0].Say.String():      "Drück kurz die Lauter-Taste und lass sie gleich los",
		p.Steps[2].Detail().String(): "10 s halten: Seitentaste, bis der Bildschirm schwarz wird",
		p.Steps[3].Detail().String(): "5 s halten: Seitentaste + Leiser-Taste",
		p.Steps[0].Detail().String(): "Kurz drücken: Lauter-Taste",
		p.Kind.Name().String():       "DFU-Modus",
		p.Models.String():            "iPhone 8, SE (2. Generation) und neuer",
		p.DuringUpdate.Wait.In("de"): "Das iPhone wird gerade aktualisiert oder wiederhergestellt: Warte, bis es fertig ist, und lass das Kabel eingesteckt. Das kann eine Stunde dauern.",
	} {
		if got != want {
			t.Errorf("%q, want %q", got, want)
		}
	}
	a, _ := For(catalog.HomeTop, AssistedDFU)
	if got := a.Steps[0].See.String(); got != "Nach 2 Sekunden startet Unstuck das iPhone neu: Der Bildschirm wird schwarz" {
		t.Errorf("the restart's second: %q", got)
	}
	js, err := json.Marshal(p)
	if err != nil || !strings.Contains(string(js), `"say":"Press and quickly release Volume Up"`) || strings.Contains(string(js), "Lauter") {
		t.Errorf("JSON in German: %v %s", err, js)
	}
}

// Every text of every procedure is a message in the catalogue, none left
// English in German, and a table naming a missing message is refused.
func TestEveryProcedureIsInTheCatalogue(t *testing.T) {
	for _, f := range Families() {
		for _, k := range Kinds {
			p, _ := For(f, k)
			for _, text := range p.texts() {
				if text.IsZero() {
					continue
				}
				en, de := text.In("en"), text.In("de")
				if strings.HasPrefix(en, "«") || en == de {
					t.Errorf("%s/%s: %s reads %q in German", f, k, text.ID(), de)
				}
			}
		}
	}
	_, err := Parse([]byte(`{"during_update":{"why":"y","wait":"guide.during-update.nope","caution":"c"},"during_backup":{"why":"y","wait":"w","caution":"c"},` +
		`"sources":{"s":"x"},"risks":{"dfu":"guide.risk.dfu"},"family_models":{"home-top":"guide.models.home-top"},` +
		`"families":{"home-top":{"dfu":{"why":"y","steps":[{"buttons":["home"],"action":"hold","seconds":1,"say":"guide.say.hold-top-home","source":"s"}]}}}}`))
	if err == nil || !strings.Contains(err.Error(), "guide.during-update.nope") {
		t.Errorf("a table naming a missing message: %v", err)
	}
}
