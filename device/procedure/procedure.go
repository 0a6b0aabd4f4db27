// Package procedure holds the button sequences Unstuck guides a user
// through (force restart, recovery mode, DFU mode) for each button family,
// as data: assets/data/procedures.json, where every step names its source
// and every procedure says why its timings were chosen where sources
// disagree. The words are messages (assets/i18n/guide/<tag>.json): the
// table names their IDs, and a Procedure hands them up as tr.Texts, which
// JSON writes in English.
package procedure

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strings"
	"sync"

	"unstuck/assets"
	"unstuck/device/catalog"
	"unstuck/device/tr"
)

// Kind is one of the three procedures.
type Kind string

const (
	ForceRestart Kind = "force-restart"
	Recovery     Kind = "recovery"
	DFU          Kind = "dfu"
)

// AssistedDFU is DFU entry from recovery mode with Unstuck restarting the
// phone while the user holds the buttons (palera1n's helper).
const AssistedDFU Kind = "dfu-assisted"

// Kinds lists the procedures, safest first.
var Kinds = []Kind{ForceRestart, Recovery, DFU, AssistedDFU}

// Button names a physical button.
type Button string

const (
	Side       Button = "side"
	Top        Button = "top"
	Home       Button = "home"
	VolumeUp   Button = "volume_up"
	VolumeDown Button = "volume_down"
)

// Step is one thing the user does.
type Step struct {
	Buttons []Button `json:"buttons"`
	Action  string   `json:"action"` // "press" (quick) or "hold"
	// Seconds is how long the step lasts; for a step with Until it is the
	// expected duration of holding until that happens.
	Seconds float64 `json:"seconds"`
	Until   tr.Text `json:"until,omitzero"`
	// RebootAt, in an assisted procedure, is how many seconds into the
	// step Unstuck restarts the phone.
	RebootAt float64 `json:"reboot_at,omitempty"`
	Say      tr.Text `json:"say"` // the instruction, as shown in large type
	See      tr.Text `json:"see"` // what the phone's screen should do
	USB      tr.Text `json:"usb"` // what Unstuck expects to see on USB
	Source   string  `json:"source"`
}

// ScreenDark says the phone's screen stays black during the step (the
// drawing shows it dark).
func (s Step) ScreenDark() bool { return strings.HasPrefix(s.See.ID(), seePrefix+"stays-black") }

// step is a Step as the table has it: message IDs for its words.
type step struct {
	Buttons  []Button `json:"buttons"`
	Action   string   `json:"action"`
	Seconds  float64  `json:"seconds"`
	Until    string   `json:"until"`
	RebootAt float64  `json:"reboot_at"`
	Say      string   `json:"say"`
	See      string   `json:"see"`
	USB      string   `json:"usb"`
	Source   string   `json:"source"`
}

// seePrefix begins the IDs of what the phone's screen does.
const seePrefix = "guide.see."

// text is the Step with its words as messages; the restart's second is
// the value of a step that restarts the phone.
func (s step) text() Step {
	out := Step{Buttons: s.Buttons, Action: s.Action, Seconds: s.Seconds, RebootAt: s.RebootAt, Source: s.Source,
		Say: tr.Msg(s.Say), See: tr.Msg(s.See), USB: tr.Msg(s.USB)}
	if s.RebootAt > 0 {
		out.See = tr.Msg(s.See, "Seconds", int(math.Round(s.RebootAt)))
	}
	if s.Until != "" {
		out.Until = tr.Msg(s.Until)
	}
	return out
}

// Procedure is one sequence for one family.
type Procedure struct {
	Family catalog.Family `json:"family"`
	Kind   Kind           `json:"procedure"`
	// Why says, for support staff, why the timings were chosen where the
	// sources disagree: research notes with their citations, kept in
	// English in the table.
	Why      string    `json:"why"`
	Risk     tr.Text   `json:"risk"`
	Warnings []tr.Text `json:"warnings"` // texts, resolved from their keys
	// WarningKeys are the warnings' keys in the table, in the same order.
	WarningKeys []string          `json:"-"`
	Steps       []Step            `json:"steps"`
	Sources     map[string]string `json:"sources"` // key -> citation, for the steps' sources
	// DuringUpdate is what to say before the procedure while the phone
	// updates or restores (restore mode); DuringBackup while it backs up.
	DuringUpdate DuringUpdate `json:"-"`
	DuringBackup DuringUpdate `json:"-"`
	// Models names the phones with this family's buttons ("iPhone 8, SE
	// (2nd gen) and later"), for a person choosing without a phone attached.
	Models tr.Text `json:"-"`
	// Experimental is the warning ForModel adds for a model the assisted
	// procedure was not proven on (zero for other procedures).
	Experimental tr.Text `json:"-"`
}

// Assisted says whether Unstuck takes part: a step restarts the phone.
func (p Procedure) Assisted() bool {
	for _, s := range p.Steps {
		if s.RebootAt > 0 {
			return true
		}
	}
	return false
}

// assistedProven are the chips palera1n's helper is made for: A8 to A11
// (CPIDs 0x7000, 0x7001, 0x8000, 0x8003, 0x8010, 0x8015; dfu-anchors.md 2
// and 3.2).
var assistedProven = map[uint32]bool{0x7000: true, 0x7001: true, 0x8000: true, 0x8003: true, 0x8010: true, 0x8015: true}

// Seconds is the whole sequence's expected length.
func (p Procedure) Seconds() float64 {
	total := 0.0
	for _, s := range p.Steps {
		total += s.Seconds
	}
	return total
}

// DuringUpdate is the caution shown while an update runs: first wait, and
// why pressing buttons then is a risk (Why is the research note, in
// English, for support staff).
type DuringUpdate struct {
	Why     string
	Wait    tr.Text
	Caution tr.Text
}

// during is a DuringUpdate as the table has it: message IDs for its words.
type during struct {
	Why     string `json:"why"`
	Wait    string `json:"wait"`
	Caution string `json:"caution"`
}

func (d during) text() DuringUpdate {
	return DuringUpdate{Why: d.Why, Wait: tr.Msg(d.Wait), Caution: tr.Msg(d.Caution)}
}

// Caution is what to say before the procedure while the phone is busy:
// in restore mode, or while an activity moves (busy names its kind, as
// device/activity does: "backup", "update", "restore"; "" when nothing
// moves). False: nothing to wait for.
func (p Procedure) Caution(restoreMode bool, busy string) (DuringUpdate, bool) {
	switch {
	case restoreMode || busy == "update" || busy == "restore":
		return p.DuringUpdate, true
	case busy == "backup":
		return p.DuringBackup, true
	}
	return DuringUpdate{}, false
}

type file struct {
	DuringUpdate during                    `json:"during_update"`
	DuringBackup during                    `json:"during_backup"`
	About        string                    `json:"about"`
	Sources      map[string]string         `json:"sources"`
	Warnings     map[string]string         `json:"warnings"`
	Risks        map[Kind]string           `json:"risks"`
	FamilyModels map[catalog.Family]string `json:"family_models"`
	Families     map[catalog.Family]map[Kind]struct {
		Why      string   `json:"why"`
		Warnings []string `json:"warnings"`
		Steps    []step   `json:"steps"`
	} `json:"families"`
}

var table = sync.OnceValues(func() (map[catalog.Family]map[Kind]Procedure, error) {
	raw, err := assets.Data("procedures.json")
	if err != nil {
		return nil, err
	}
	return Parse(raw)
})

// Parse reads and checks a procedures table.
func Parse(raw []byte) (map[catalog.Family]map[Kind]Procedure, error) {
	var f file
	if err := json.Unmarshal(raw, &f); err != nil {
		return nil, fmt.Errorf("procedures table: %w", err)
	}
	for name, u := range map[string]during{"during_update": f.DuringUpdate, "during_backup": f.DuringBackup} {
		if u.Why == "" || u.Wait == "" || u.Caution == "" {
			return nil, fmt.Errorf("procedures table: %s needs why, wait and caution", name)
		}
	}
	out := map[catalog.Family]map[Kind]Procedure{}
	for fam, kinds := range f.Families {
		if f.FamilyModels[fam] == "" {
			return nil, fmt.Errorf("procedures table: family_models does not name the phones of the %s family", fam)
		}
		out[fam] = map[Kind]Procedure{}
		for kind, raw := range kinds {
			if f.Risks[kind] == "" {
				return nil, fmt.Errorf("procedures table: no data-loss risk for %s", kind)
			}
			p := Procedure{Family: fam, Kind: kind, Why: raw.Why, Risk: tr.Msg(f.Risks[kind]), Sources: map[string]string{},
				DuringUpdate: f.DuringUpdate.text(), DuringBackup: f.DuringBackup.text(), Models: tr.Msg(f.FamilyModels[fam])}
			for _, s := range raw.Steps {
				if s.Say == "" {
					return nil, fmt.Errorf("procedures table: %s/%s: a step needs its words", fam, kind)
				}
				p.Steps = append(p.Steps, s.text())
			}
			if id := f.Warnings["assisted-experimental"]; kind == AssistedDFU && id != "" {
				p.Experimental = tr.Msg(id)
			}
			for _, w := range raw.Warnings {
				id, ok := f.Warnings[w]
				if !ok {
					return nil, fmt.Errorf("procedures table: %s/%s names unknown warning %q", fam, kind, w)
				}
				p.Warnings = append(p.Warnings, tr.Msg(id))
				p.WarningKeys = append(p.WarningKeys, w)
			}
			if err := check(fam, p, f.Sources); err != nil {
				return nil, err
			}
			out[fam][kind] = p
		}
	}
	return out, nil
}

func check(fam catalog.Family, p Procedure, sources map[string]string) error {
	where := fmt.Sprintf("procedures table: %s/%s", fam, p.Kind)
	if len(p.Steps) == 0 {
		return fmt.Errorf("%s has no steps", where)
	}
	for _, t := range p.texts() {
		if !t.IsZero() && strings.HasPrefix(t.In(tr.English), "«") { // tr's mark of a missing message
			return fmt.Errorf("%s names message %q, which is not in the catalogue (assets/i18n/guide)", where, t.ID())
		}
	}
	if p.Kind == AssistedDFU && (!p.Assisted() || p.Experimental.IsZero()) {
		return fmt.Errorf("%s: an assisted procedure needs a step with reboot_at and the assisted-experimental warning", where)
	}
	allowed := map[Button]bool{VolumeUp: true, VolumeDown: true}
	switch fam {
	case catalog.Side, catalog.IPhone7:
		allowed[Side] = true
	case catalog.HomeSide:
		allowed[Side], allowed[Home] = true, true
	case catalog.HomeTop:
		allowed[Top], allowed[Home] = true, true
	default:
		return fmt.Errorf("%s: unknown family", where)
	}
	for i, s := range p.Steps {
		if len(s.Buttons) == 0 || (s.Action != "press" && s.Action != "hold") || s.Seconds <= 0 {
			return fmt.Errorf("%s step %d: needs buttons, press or hold, seconds and a text", where, i+1)
		}
		if s.RebootAt < 0 || s.RebootAt >= s.Seconds {
			return fmt.Errorf("%s step %d: the restart at %g s falls outside the step's %g s", where, i+1, s.RebootAt, s.Seconds)
		}
		for _, b := range s.Buttons {
			if !allowed[b] {
				return fmt.Errorf("%s step %d: a %s family phone has no %q button in its sequences", where, i+1, fam, b)
			}
		}
		cite, ok := sources[s.Source]
		if !ok {
			return fmt.Errorf("%s step %d: unknown source %q", where, i+1, s.Source)
		}
		p.Sources[s.Source] = cite
	}
	return nil
}

// texts are every message the procedure says.
func (p Procedure) texts() []tr.Text {
	out := append([]tr.Text{p.Risk, p.Models, p.Experimental, p.DuringUpdate.Wait, p.DuringUpdate.Caution,
		p.DuringBackup.Wait, p.DuringBackup.Caution}, p.Warnings...)
	for _, s := range p.Steps {
		out = append(out, s.Say, s.See, s.USB, s.Until)
	}
	return out
}

// ForModel is the procedure for a model: its family's, without the warning
// about the Action button and Camera Control when the model has neither, and
// with the assisted procedure marked experimental on chips it was not made for.
func ForModel(m catalog.Model, k Kind) (Procedure, bool) {
	p, ok := For(m.Family, k)
	if !ok {
		return p, false
	}
	var texts []tr.Text
	var keys []string
	if !p.Experimental.IsZero() && !assistedProven[m.ChipID] {
		texts, keys = append(texts, p.Experimental), append(keys, "assisted-experimental")
	}
	extraButtons := m.ActionButton != catalog.No || m.CameraControl != catalog.No
	for i, key := range p.WarningKeys {
		if key != "not-action-button" || extraButtons {
			texts, keys = append(texts, p.Warnings[i]), append(keys, key)
		}
	}
	p.Warnings, p.WarningKeys = texts, keys
	return p, true
}

// For returns the procedure of a kind for a button family.
func For(f catalog.Family, k Kind) (Procedure, bool) {
	t, err := table()
	if err != nil {
		panic("procedure: embedded table is broken: " + err.Error())
	}
	p, ok := t[f][k]
	return p, ok
}

// Models names the phones with a family's buttons, or the zero Text for
// a family without procedures.
func Models(f catalog.Family) tr.Text {
	p, _ := For(f, ForceRestart)
	return p.Models
}

// Families lists the families that have procedures, sorted.
func Families() []catalog.Family {
	t, _ := table()
	out := make([]catalog.Family, 0, len(t))
	for f := range t {
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}
