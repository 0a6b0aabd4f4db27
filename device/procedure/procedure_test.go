package procedure

import (
	"fmt"
	"strings"
	"testing"

	"unstuck/device/catalog"
	"unstuck/device/tr"
)

// Every family in the catalogue has all three procedures, and every
// procedure carries its risk, its reasons and sourced steps.
func TestEveryFamilyHasEveryProcedure(t *testing.T) {
	seen := map[catalog.Family]bool{}
	for _, m := range catalog.All() {
		seen[m.Family] = true
	}
	for fam := range seen {
		for _, k := range Kinds {
			p, ok := For(fam, k)
			if !ok {
				t.Errorf("%s has no %s procedure", fam, k)
				continue
			}
			if p.Risk.IsZero() || p.Why == "" || len(p.Sources) == 0 {
				t.Errorf("%s/%s: risk %q why %q sources %v", fam, k, p.Risk, p.Why, p.Sources)
			}
		}
	}
	if got := len(Families()); got != len(seen) {
		t.Errorf("%d families with procedures, %d in the catalogue", got, len(seen))
	}
}

// Every family names its phones, and every phone named is in the
// catalogue with that family's buttons: "iPhone 8, SE (2nd gen) and later"
// names the iPhone 8 and the iPhone SE (2nd gen), both side-button phones.
func TestFamilyModelsMatchTheCatalogue(t *testing.T) {
	for _, fam := range catalog.Families {
		words := Models(fam).In("en")
		if words == "" {
			t.Errorf("%s names no phones", fam)
			continue
		}
		for _, name := range strings.FieldsFunc(strings.ReplaceAll(words, " and ", ","), func(r rune) bool { return r == ',' }) {
			name = strings.TrimSpace(name)
			if name == "later" || name == "earlier" {
				continue
			}
			if !strings.HasPrefix(name, "iPhone ") {
				name = "iPhone " + name
			}
			found := false
			for _, m := range catalog.All() {
				if strings.HasPrefix(m.Name, name) && (len(m.Name) == len(name) || m.Name[len(name)] == ' ') {
					found = true
					if m.Family != fam {
						t.Errorf("%s's words %q name the %s, a %s phone", fam, words, m.Name, m.Family)
					}
				}
			}
			if !found {
				t.Errorf("%s's words %q name %q, not in the catalogue", fam, words, name)
			}
		}
	}
}

func TestSideFamilyDFUIsSafe(t *testing.T) {
	p, _ := For(catalog.Side, DFU)
	// Side + volume only together once the screen is black: the step before
	// must be the side-button hold that ends with a black screen.
	for i, s := range p.Steps {
		if len(s.Buttons) == 2 {
			prev := p.Steps[i-1]
			if !strings.Contains(prev.Until.In("en"), "black") && !strings.Contains(prev.See.In("en"), "black") {
				t.Errorf("step %d holds %v before the screen is black", i+1, s.Buttons)
			}
		}
	}
	joined := strings.Join(tr.Strings(p.Warnings), " ")
	for _, want := range []string{"Emergency SOS", "Action button", "USB-C to Lightning"} {
		if !strings.Contains(joined, want) {
			t.Errorf("side-family DFU warnings lack %q", want)
		}
	}
	if s := p.Seconds(); s < 20 || s > 30 {
		t.Errorf("side-family DFU lasts %.1f s", s)
	}
	last := p.Steps[len(p.Steps)-1]
	if last.Buttons[0] != VolumeDown || last.Seconds != 10 {
		t.Errorf("last DFU step %+v", last)
	}
}

func TestRisksNameWhatErases(t *testing.T) {
	fr, _ := For(catalog.HomeTop, ForceRestart)
	rec, _ := For(catalog.HomeTop, Recovery)
	dfu, _ := For(catalog.HomeTop, DFU)
	if !strings.HasPrefix(fr.Risk.In("en"), "None") || !strings.Contains(rec.Risk.In("en"), "Update keeps") || !strings.Contains(dfu.Risk.In("en"), "erases") {
		t.Errorf("risks: %q / %q / %q", fr.Risk, rec.Risk, dfu.Risk)
	}
}

func TestParseRejectsBadTables(t *testing.T) {
	base := `{"during_update":{"why":"y","wait":"guide.during-update.wait","caution":"guide.during-update.caution"},` +
		`"during_backup":{"why":"y","wait":"guide.during-backup.wait","caution":"guide.during-backup.caution"},"sources":{"s":"x"},` +
		`"warnings":{"w":"guide.warning.keep-connected","gone":"guide.warning.nope"},"risks":{"dfu":"guide.risk.dfu"},` +
		`"family_models":{"home-top":"guide.models.home-top","flip-phone":"guide.models.home-top"},"families":{"%s":{"dfu":{"why":"y","warnings":[%s],"steps":[%s]}}}}`
	good := `{"buttons":["home"],"action":"hold","seconds":1,"say":"guide.say.hold-top-home","source":"s"}`
	cases := map[string][3]string{
		"wrong button for family":  {"home-top", "", `{"buttons":["side"],"action":"hold","seconds":1,"say":"x","source":"s"}`},
		"unknown source":           {"home-top", "", `{"buttons":["home"],"action":"hold","seconds":1,"say":"x","source":"nope"}`},
		"unknown warning":          {"home-top", `"nope"`, good},
		"zero seconds":             {"home-top", "", `{"buttons":["home"],"action":"hold","seconds":0,"say":"x","source":"s"}`},
		"unknown family":           {"flip-phone", "", good},
		"no steps":                 {"home-top", "", ""},
		"a step's unknown message": {"home-top", "", `{"buttons":["home"],"action":"hold","seconds":1,"say":"guide.say.nope","source":"s"}`},
		"an unknown message":       {"home-top", `"gone"`, good},
		"restart after the step":   {"home-top", "", `{"buttons":["home"],"action":"hold","seconds":1,"reboot_at":2,"say":"x","source":"s"}`},
	}
	for name, c := range cases {
		raw := []byte(fmt.Sprintf(base, c[0], c[1], c[2]))
		if _, err := Parse(raw); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if _, err := Parse([]byte(fmt.Sprintf(base, "home-top", `"w"`, good))); err != nil {
		t.Errorf("a good table was refused: %v", err)
	}
	noCaution := strings.Replace(fmt.Sprintf(base, "home-top", `"w"`, good), `"caution":"guide.during-update.caution"`, `"caution":""`, 1)
	if _, err := Parse([]byte(noCaution)); err == nil {
		t.Error("a table without the update caution was accepted")
	}
	noBackupWait := strings.Replace(fmt.Sprintf(base, "home-top", `"w"`, good), `"wait":"guide.during-backup.wait"`, `"wait":""`, 1)
	if _, err := Parse([]byte(noBackupWait)); err == nil || !strings.Contains(err.Error(), "during_backup") {
		t.Errorf("a table without the backup's wait: %v", err)
	}
	noModels := strings.Replace(fmt.Sprintf(base, "home-top", `"w"`, good), `"home-top":"guide.models.home-top",`, "", 1)
	if _, err := Parse([]byte(noModels)); err == nil || !strings.Contains(err.Error(), "family_models") {
		t.Errorf("a table that does not name a family's phones: %v", err)
	}
}

func TestForModelDropsTheActionButtonWarningWhereThereIsNone(t *testing.T) {
	x, _ := catalog.ByProductType("iPhone10,3")
	pro, _ := catalog.ByProductType("iPhone17,1")
	px, _ := ForModel(x, DFU)
	pp, _ := ForModel(pro, DFU)
	if strings.Contains(strings.Join(tr.Strings(px.Warnings), " "), "Action button") {
		t.Error("iPhone X is warned about an Action button it does not have")
	}
	if !strings.Contains(strings.Join(tr.Strings(pp.Warnings), " "), "Action button") || len(pp.Warnings) != len(px.Warnings)+1 {
		t.Errorf("iPhone 16 Pro warnings: %q", pp.Warnings)
	}
}

// The assisted DFU entry restarts the phone inside its first, both-buttons
// step, and is marked experimental outside A8-A11.
func TestAssistedDFUIsMarkedExperimentalPastA11(t *testing.T) {
	for _, fam := range Families() {
		p, ok := For(fam, AssistedDFU)
		if !ok || !p.Assisted() || p.Steps[0].RebootAt <= 0 || len(p.Steps[0].Buttons) != 2 || p.Steps[0].RebootAt >= p.Steps[0].Seconds {
			t.Errorf("%s: assisted DFU %+v", fam, p.Steps)
		}
		if d, _ := For(fam, DFU); d.Assisted() {
			t.Errorf("%s: the manual DFU sequence must not restart the phone", fam)
		}
	}
	for product, experimental := range map[string]bool{
		"iPhone7,2": false, "iPhone8,1": false, "iPhone9,3": false, "iPhone10,3": false, // A8, A9, A10, A11
		"iPhone11,2": true, "iPhone17,1": true, "iPhone6,1": true, // A12, A18 Pro, A7
	} {
		m, ok := catalog.ByProductType(product)
		if !ok {
			t.Fatalf("%s is not in the catalogue", product)
		}
		p, _ := ForModel(m, AssistedDFU)
		got := strings.Contains(strings.Join(tr.Strings(p.Warnings), " "), "experimental")
		if got != experimental {
			t.Errorf("%s (CPID %#x): experimental warning %v, want %v", product, m.ChipID, got, experimental)
		}
	}
}

// Before a procedure, an update (restore mode, or an update's activity)
// says wait for the update; a backup that moves, wait for the backup.
func TestCautionFollowsWhatThePhoneDoes(t *testing.T) {
	p, _ := For(catalog.Side, ForceRestart)
	if c, ok := p.Caution(true, ""); !ok || c != p.DuringUpdate || !strings.Contains(c.Caution.In("en"), "recovery loop") {
		t.Errorf("restore mode: %+v", c)
	}
	if c, ok := p.Caution(false, "update"); !ok || c != p.DuringUpdate {
		t.Errorf("an update starting: %+v", c)
	}
	if c, ok := p.Caution(false, "backup"); !ok || c != p.DuringBackup || !strings.HasPrefix(c.Wait.In("en"), "A backup is running: a force restart now stops it") {
		t.Errorf("a backup: %+v", c)
	}
	if _, ok := p.Caution(false, ""); ok {
		t.Error("a caution with nothing going on")
	}
}
