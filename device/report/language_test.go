package report

import (
	"strings"
	"testing"

	"unstuck/device/tr"
)

// The report's words are not in the catalogues yet: whatever language the
// app or the CLI speaks, the report (its JSON above all, which support
// staff read) stays English, mode meanings included.
func TestReportStaysEnglishInAnyLanguage(t *testing.T) {
	en := Build(fixtureInput(), true)
	enJSON, err := en.JSON()
	if err != nil {
		t.Fatal(err)
	}
	prev := tr.Current()
	tr.Use("de")
	defer tr.Use(prev)
	de := Build(fixtureInput(), true)
	deJSON, err := de.JSON()
	if err != nil {
		t.Fatal(err)
	}
	if de.Text() != en.Text() || string(deJSON) != string(enJSON) {
		t.Errorf("in German the report changed:\n%s\n---\n%s", enJSON, deJSON)
	}
	if !strings.Contains(string(deJSON), "Connected: the iPhone is running normally") {
		t.Errorf("no English mode meaning in the report:\n%s", deJSON)
	}
}
