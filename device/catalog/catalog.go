// Package catalog names iPhones: it maps a product type (iPhone10,3) or a
// chip and board ID pair (CPID 0x8015, BDID 0x06, as seen in recovery and DFU)
// to the marketing name and the button family that decides which force-restart,
// recovery and DFU sequence the phone needs.
//
// The table is assets/data/models.tsv; its header comments give the sources.
package catalog

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"unstuck/assets"
	"unstuck/device/tr"
)

// Family is a button family: phones in one family share the same
// force-restart, recovery-mode and DFU sequences.
type Family string

const (
	// HomeTop: Home button with the Sleep/Wake button on top (iPhone 5s and
	// earlier, iPhone SE 1st generation).
	HomeTop Family = "home-top"
	// HomeSide: Home button with the Sleep/Wake button on the side
	// (iPhone 6, 6 Plus, 6s, 6s Plus).
	HomeSide Family = "home-side"
	// IPhone7: the solid-state Home button of iPhone 7 and 7 Plus; Volume Down
	// takes the Home button's place in the sequences.
	IPhone7 Family = "iphone7"
	// Side: volume up, volume down, then hold the side button (iPhone 8 and
	// later, SE 2nd and 3rd generation, every Face ID phone).
	Side Family = "side"
)

// Families are the button families, newest first.
var Families = []Family{Side, IPhone7, HomeSide, HomeTop}

// Describe says in plain words which buttons the family's phones have:
// message guide.family.<family>.
func (f Family) Describe() tr.Text {
	if slices.Contains(Families, f) {
		return tr.Msg("guide.family." + string(f))
	}
	return tr.Msg("guide.family.unknown")
}

// Feature says whether a phone has a button that is not part of any sequence.
type Feature string

const (
	Yes     Feature = "yes"
	No      Feature = "no"
	Unknown Feature = "unknown"
)

// Front is what the top of the phone's face shows: a Home button below the
// screen, the notch, or the Dynamic Island (models.tsv's front column).
type Front string

const (
	FrontHome    Front = "home"
	FrontNotch   Front = "notch"
	FrontIsland  Front = "island"
	FrontUnknown Front = "unknown"
)

// Model is one row of the catalogue.
type Model struct {
	ProductType   string // e.g. iPhone10,3
	HardwareModel string // e.g. d22ap
	BoardID       uint32 // BDID
	ChipID        uint32 // CPID
	Name          string // e.g. iPhone X (Global)
	Family        Family
	ActionButton  Feature
	CameraControl Feature
	Front         Front
}

var load = sync.OnceValues(func() ([]Model, error) {
	raw, err := assets.Data("models.tsv")
	if err != nil {
		return nil, err
	}
	return Parse(raw)
})

// Parse reads a catalogue table (the format of assets.ParseTable).
func Parse(raw []byte) ([]Model, error) {
	rows, err := assets.ParseTable("models table", raw, 9)
	if err != nil {
		return nil, err
	}
	out := make([]Model, 0, len(rows))
	for _, r := range rows {
		f := r.Fields
		bd, err1 := strconv.ParseUint(f[2], 0, 32)
		cp, err2 := strconv.ParseUint(f[3], 0, 32)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("models table line %d: bad board or chip ID", r.Line)
		}
		switch Front(f[8]) {
		case FrontHome, FrontNotch, FrontIsland, FrontUnknown:
		default:
			return nil, fmt.Errorf("models table line %d: front %q is not home, notch, island or unknown", r.Line, f[8])
		}
		out = append(out, Model{
			ProductType: f[0], HardwareModel: f[1], BoardID: uint32(bd), ChipID: uint32(cp),
			Name: f[4], Family: Family(f[5]), ActionButton: Feature(f[6]), CameraControl: Feature(f[7]), Front: Front(f[8]),
		})
	}
	return out, nil
}

// All returns a copy of the catalogue.
func All() []Model {
	m, err := load()
	if err != nil {
		panic("catalog: embedded models table is broken: " + err.Error())
	}
	return append([]Model(nil), m...)
}

// ByProductType finds a model by its product type. A9 phones appear twice in
// the table (one row per foundry); the first row is returned and both share
// name and family.
func ByProductType(productType string) (Model, bool) {
	for _, m := range All() {
		if strings.EqualFold(m.ProductType, productType) {
			return m, true
		}
	}
	return Model{}, false
}

// ByChip finds a model by chip ID and board ID, as libirecovery does.
func ByChip(cpid, bdid uint32) (Model, bool) {
	for _, m := range All() {
		if m.ChipID == cpid && m.BoardID == bdid {
			return m, true
		}
	}
	return Model{}, false
}

// FamilyOfChip guesses the button family from the chip alone, for a phone the
// table does not know yet (a new model): chips from the A11 on have no
// physical Home button sequence. ok is false when the chip says nothing.
func FamilyOfChip(cpid uint32) (Family, bool) {
	switch {
	case cpid >= 0x8015 && cpid < 0x8900: // 0x89xx and 0x7000 are older chips
		return Side, true
	}
	return "", false
}
