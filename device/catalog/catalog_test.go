package catalog

import (
	"os"
	"strings"
	"testing"

	"unstuck/device/tr/trtest"
)

func TestLookups(t *testing.T) {
	cases := []struct {
		pt     string
		cpid   uint32
		bdid   uint32
		name   string
		family Family
		action Feature
		front  Front
	}{
		{"iPhone6,1", 0x8960, 0x00, "iPhone 5s (GSM)", HomeTop, No, FrontHome},
		{"iPhone7,2", 0x7000, 0x06, "iPhone 6", HomeSide, No, FrontHome},
		{"iPhone8,4", 0x8003, 0x02, "iPhone SE (1st gen)", HomeTop, No, FrontHome},
		{"iPhone9,3", 0x8010, 0x0C, "iPhone 7 (GSM)", IPhone7, No, FrontHome},
		{"iPhone10,3", 0x8015, 0x06, "iPhone X (Global)", Side, No, FrontNotch},
		{"iPhone12,8", 0x8030, 0x10, "iPhone SE (2nd gen)", Side, No, FrontHome},
		{"iPhone16,1", 0x8130, 0x04, "iPhone 15 Pro", Side, Yes, FrontIsland},
		{"iPhone18,4", 0x8150, 0x0A, "iPhone Air", Side, Yes, FrontIsland},
		{"iPhone18,5", 0x8150, 0x16, "iPhone 17e", Side, Unknown, FrontUnknown},
	}
	for _, c := range cases {
		m, ok := ByProductType(c.pt)
		if !ok || m.Name != c.name || m.Family != c.family || m.ActionButton != c.action || m.Front != c.front {
			t.Errorf("ByProductType(%s) = %+v %v", c.pt, m, ok)
		}
		m, ok = ByChip(c.cpid, c.bdid)
		if !ok || m.ProductType != c.pt {
			t.Errorf("ByChip(%#x,%#x) = %+v %v, want %s", c.cpid, c.bdid, m, ok, c.pt)
		}
	}
	if _, ok := ByProductType("iPad8,1"); ok {
		t.Error("iPads are not in the iPhone catalogue")
	}
	if f, ok := FamilyOfChip(0x8160); !ok || f != Side {
		t.Errorf("an unknown future chip: %q %v", f, ok)
	}
}

// The catalogue must agree with the research table it was built from.
func TestAgreesWithResearchTable(t *testing.T) {
	raw, err := os.ReadFile("../../../shared/research/irecv-iphones.tsv")
	if err != nil {
		t.Skip("shared/research is not beside this checkout:", err)
	}
	lines := strings.Split(strings.TrimSpace(string(raw)), "\n")[1:]
	if len(lines) != len(All()) {
		t.Fatalf("research has %d rows, catalogue %d", len(lines), len(All()))
	}
	for _, l := range lines {
		f := strings.Split(l, "\t")
		m, ok := ByProductType(f[0])
		if !ok || !strings.HasPrefix(m.Name, strings.Split(f[4], " (")[0]) {
			t.Errorf("%s: %+v", f[0], m)
		}
	}
}

func TestParseRejectsBrokenTables(t *testing.T) {
	if _, err := Parse([]byte("h\nonly\tthree\tfields\n")); err == nil {
		t.Error("short row accepted")
	}
	if _, err := Parse([]byte("h\na\tb\tzz\t0x1\tn\tside\tno\tno\thome\n")); err == nil {
		t.Error("bad board ID accepted")
	}
	if _, err := Parse([]byte("h\na\tb\t0x0\t0x1\tn\tside\tno\tno\tpunch-hole\n")); err == nil {
		t.Error("an unknown front accepted")
	}
}

// The fronts follow the rule in models.tsv's header: a Home button on every
// phone before the X and on the SE models, the Dynamic Island from the
// 14 Pro and on every 15, the notch between them and on the 16e.
func TestFronts(t *testing.T) {
	for pt, want := range map[string]Front{
		"iPhone10,1": FrontHome, "iPhone14,6": FrontHome, "iPhone11,8": FrontNotch, "iPhone14,7": FrontNotch,
		"iPhone14,8": FrontNotch, "iPhone15,2": FrontIsland, "iPhone15,4": FrontIsland, "iPhone17,5": FrontNotch,
		"iPhone18,3": FrontIsland,
	} {
		if m, _ := ByProductType(pt); m.Front != want {
			t.Errorf("%s (%s): front %q, want %q", pt, m.Name, m.Front, want)
		}
	}
	for _, m := range All() {
		if m.Family != Side && m.Front != FrontHome {
			t.Errorf("%s has a Home button sequence but front %q", m.Name, m.Front)
		}
	}
}

// The families' buttons are said in the person's language, an unknown
// family too.
func TestDescribeInGerman(t *testing.T) {
	trtest.Speak(t, "de")
	if got := HomeSide.Describe().String(); got != "Home-Taste mit Seitentaste" {
		t.Errorf("home-side in German: %q", got)
	}
	if got := Family("flip").Describe().In("en"); got != "unknown button family" {
		t.Errorf("an unknown family: %q", got)
	}
	for _, f := range Families {
		if en, de := f.Describe().In("en"), f.Describe().In("de"); en == de || strings.HasPrefix(en, "«") {
			t.Errorf("%s: %q in English, %q in German", f, en, de)
		}
	}
}
