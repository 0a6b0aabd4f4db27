package main

import (
	"context"
	"strings"
	"testing"
)

// guide --lang de says the procedure in German; with --json it stays
// English, the same as without --lang.
func TestGuideInGerman(t *testing.T) {
	noLocale(t)
	code, out, errOut := runCLI(t, context.Background(), "", "guide", "--lang", "de", "--procedure", "recovery", "--family", "home-side")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"Home-Taste mit Seitentaste: Wiederherstellungsmodus, etwa 15 s\n", "Risiko: Der Wiederherstellungsmodus selbst löscht nichts.",
		"1. Halte die Seitentaste und die Home-Taste zusammen gedrückt; lass auch beim Apple-Logo nicht los (15 s halten: Seitentaste + Home-Taste, bis der Wiederherstellungsbildschirm (ein Computer und ein Kabel) erscheint)\n",
		"   iPhone: Schwarzer Bildschirm, Apple-Logo, dann der Wiederherstellungsbildschirm: Lass los. USB: Wiederherstellungsmodus (Produkt-ID 0x1281). [apple-recovery]\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("German guide lacks %q:\n%s", want, out)
		}
	}
	_, german, _ := runCLI(t, context.Background(), "", "guide", "--lang", "de", "--procedure", "recovery", "--family", "home-side", "--json")
	_, english, _ := runCLI(t, context.Background(), "", "guide", "--procedure", "recovery", "--family", "home-side", "--json")
	if german != english || !strings.Contains(english, `"risk": "Getting into recovery mode erases nothing.`) {
		t.Errorf("JSON in German:\n%s\nin English:\n%s", german, english)
	}
}
