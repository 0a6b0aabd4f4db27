package action

import (
	"regexp"
	"strings"
	"testing"

	"unstuck/device"
	"unstuck/device/tr"
	"unstuck/device/tr/trtest"
)

// missing is how tr says a message that is in no catalogue: «id».
var missing = regexp.MustCompile(`«[a-z0-9.-]+»`)

// Every action has all its words in every language, about the phone by
// its name.
func TestEveryActionIsSaidInEveryLanguage(t *testing.T) {
	d := device.Device{Key: "k", Model: "iPhone10,3"}
	for _, l := range tr.Languages() {
		for _, a := range All() {
			for part, text := range map[string]tr.Text{"title": a.Title, "question": a.Question(d), "sent": a.Sent,
				"arrived": a.Arrived(d), "came back": a.CameBack, "quitting": a.Quitting, "note": a.Note} {
				if said := text.In(l.Tag); said == "" || missing.MatchString(said) {
					t.Errorf("%s: %s's %s is %q", l.Tag, a.ID, part, said)
				}
			}
			if q := a.Question(d).In(l.Tag); !strings.Contains(q, d.Name()) {
				t.Errorf("%s: %s's question does not name the phone: %q", l.Tag, a.ID, q)
			}
		}
	}
}

// In German the question is German, and still says nothing is erased.
func TestTheQuestionInGerman(t *testing.T) {
	trtest.Speak(t, "de")
	d := device.Device{Key: "k", Model: "iPhone10,3"}
	if q := ExitRecovery.Question(d).String(); !strings.HasPrefix(q, "Damit wird das "+d.Name()+" gebeten") || !strings.Contains(q, "Es wird nichts gelöscht.") {
		t.Errorf("%q", q)
	}
	if got := EnterRecovery.Title.In(tr.English); got != "Restart into recovery mode" {
		t.Errorf("the English title: %q", got)
	}
}

// The timeline's note says the commands sent, in English for the JSON as
// before and in the reader's language for the page.
func TestTheNoteInGerman(t *testing.T) {
	if got := ExitRecovery.Note.In(tr.English); got != "asked to leave recovery mode (setenv auto-boot true, saveenv, reboot)" {
		t.Errorf("the English note: %q", got)
	}
	if got := EnterRecovery.Note.In("de"); got != "gebeten, in den Wiederherstellungsmodus zu wechseln (lockdown EnterRecovery)" {
		t.Errorf("the German note: %q", got)
	}
}
