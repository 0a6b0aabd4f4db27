package muxsim

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path"
	"slices"
	"strings"
	"time"

	"unstuck/device"
)

//go:embed scenarios/*.json
var builtin embed.FS

// Scenario is a script of what happens to the simulated phones.
type Scenario struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	Steps       []Step `json:"steps"`
}

// Step actions.
const (
	ActionAttach = "attach" // Phone, or UDID of a phone attached before
	ActionDetach = "detach" // UDID
	ActionTrust  = "trust"  // UDID, Trust
	ActionMode   = "mode"   // UDID, Mode
	// ActionFlap unplugs and replugs UDID every Every, for For (0: until
	// the simulator closes): a failing cable, at any rate.
	ActionFlap = "flap"
	// ActionLog sends Lines to the phone's syslog relay clients (Sim.Log).
	ActionLog = "log"
	// ActionNotify posts the notification Name on the phone (Sim.Notify).
	ActionNotify = "notify"
)

// Step is one change at a time relative to Start.
type Step struct {
	At     Duration     `json:"at"`
	Action string       `json:"action"`
	Phone  *Phone       `json:"phone,omitempty"`
	UDID   string       `json:"udid,omitempty"`
	Trust  device.Trust `json:"trust,omitempty"`
	Mode   device.Mode  `json:"mode,omitempty"`
	Every  Duration     `json:"every,omitempty"` // flap: the time between two changes
	For    Duration     `json:"for,omitempty"`   // flap: how long it goes on; 0 is for ever
	Lines  []string     `json:"lines,omitempty"` // log: "process[pid] <Level>: message"
	Name   string       `json:"name,omitempty"`  // notify: the notification's name
}

// Duration is a time.Duration written as "1.5s" in JSON.
type Duration time.Duration

// UnmarshalJSON accepts "1.5s" or a number of seconds.
func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		var secs float64
		if err2 := json.Unmarshal(b, &secs); err2 != nil {
			return fmt.Errorf("duration must be like \"1.5s\": %w", err)
		}
		// Past time.Duration's range the conversion is not defined (on
		// amd64 it turns 1e10 seconds into a negative duration).
		ns := secs * float64(time.Second)
		if !(ns >= math.MinInt64 && ns < math.MaxInt64) {
			return fmt.Errorf("duration of %v seconds is out of range", secs)
		}
		*d = Duration(ns)
		return nil
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("duration: %w", err)
	}
	*d = Duration(v)
	return nil
}

// MarshalJSON writes the duration as "1.5s".
func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(time.Duration(d).String()) }

// ScenarioNames lists the built-in scenarios.
func ScenarioNames() []string {
	entries, _ := fs.ReadDir(builtin, "scenarios")
	var names []string
	for _, e := range entries {
		names = append(names, strings.TrimSuffix(e.Name(), ".json"))
	}
	slices.Sort(names)
	return names
}

// LoadScenario returns the built-in scenario of that name, or reads a JSON file.
func LoadScenario(nameOrFile string) (Scenario, error) {
	b, err := builtin.ReadFile(path.Join("scenarios", nameOrFile+".json"))
	if err != nil {
		b, err = os.ReadFile(nameOrFile)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return Scenario{}, fmt.Errorf("no scenario %q (built in: %s)", nameOrFile, strings.Join(ScenarioNames(), ", "))
			}
			return Scenario{}, fmt.Errorf("read scenario: %w", err)
		}
	}
	return ParseScenario(b)
}

// Open starts a simulator on socketPath playing the built-in scenario (or
// JSON file) of that name.
func Open(socketPath, scenario string) (*Sim, error) {
	sc, err := LoadScenario(scenario)
	if err != nil {
		return nil, err
	}
	s, err := New(socketPath, sc)
	if err != nil {
		return nil, err
	}
	if err := s.Start(); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// ParseScenario decodes and checks a JSON scenario.
func ParseScenario(b []byte) (Scenario, error) {
	var sc Scenario
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&sc); err != nil {
		return Scenario{}, fmt.Errorf("scenario: %w", err)
	}
	return sc, sc.Validate()
}

// Validate checks that every step can be applied.
func (sc Scenario) Validate() error {
	known := map[string]bool{}
	for i, st := range sc.Steps {
		if st.At < 0 {
			return fmt.Errorf("scenario %q step %d: negative time", sc.Name, i)
		}
		if st.Action == ActionAttach && st.Phone != nil {
			p := st.Phone.withDefaults()
			if err := p.validate(); err != nil {
				return fmt.Errorf("scenario %q step %d: %w", sc.Name, i, err)
			}
			known[normUDID(p.UDID)] = true
			continue
		}
		if !known[normUDID(st.UDID)] {
			return fmt.Errorf("scenario %q step %d: %s of unknown phone %q", sc.Name, i, st.Action, st.UDID)
		}
		var err error
		switch st.Action {
		case ActionAttach, ActionDetach:
		case ActionLog:
			if len(st.Lines) == 0 || slices.ContainsFunc(st.Lines, func(l string) bool { return strings.ContainsRune(l, 0) }) {
				err = errors.New("log needs lines, without NUL bytes")
			}
		case ActionNotify:
			if st.Name == "" {
				err = errors.New("notify needs a name")
			}
		case ActionFlap:
			err = validFlap(st)
		case ActionTrust:
			err = validTrust(st.Trust)
		case ActionMode:
			if st.Mode != device.ModeNormal && st.Mode != device.ModeRestore {
				err = fmt.Errorf("mode %q is not normal or restore", st.Mode)
			}
		default:
			err = fmt.Errorf("unknown action %q", st.Action)
		}
		if err != nil {
			return fmt.Errorf("scenario %q step %d: %w", sc.Name, i, err)
		}
	}
	return nil
}

// apply performs one step on the simulator.
func (s *Sim) apply(st Step) error {
	switch st.Action {
	case ActionAttach:
		if st.Phone != nil {
			return s.Attach(*st.Phone)
		}
		return s.Reattach(st.UDID)
	case ActionDetach:
		return s.Detach(st.UDID)
	case ActionTrust:
		return s.SetTrust(st.UDID, st.Trust)
	case ActionMode:
		return s.SetMode(st.UDID, st.Mode)
	case ActionFlap:
		return s.Flap(st.UDID, time.Duration(st.Every), time.Duration(st.For))
	case ActionLog:
		return s.Log(st.UDID, st.Lines...)
	case ActionNotify:
		return s.Notify(st.UDID, st.Name)
	}
	return fmt.Errorf("unknown action %q", st.Action)
}
