package muxsim

import (
	"fmt"
	"slices"
	"time"
)

// MinFlapEvery is the fastest flap the simulator plays: a thousand changes
// a second, far past any real cable, and still a bounded load.
const MinFlapEvery = time.Millisecond

// WithFlap is the scenario with every flap step set to every, or, when it
// has none, with one that flaps its first phone from the second second on.
func (sc Scenario) WithFlap(every time.Duration) (Scenario, error) {
	steps := slices.Clone(sc.Steps)
	found := false
	for i := range steps {
		if steps[i].Action == ActionFlap {
			steps[i].Every, found = Duration(every), true
		}
	}
	if !found {
		first := ""
		for _, st := range steps {
			if st.Action == ActionAttach && st.Phone != nil {
				first = st.Phone.withDefaults().UDID
				break
			}
		}
		if first == "" {
			return sc, fmt.Errorf("scenario %q attaches no phone to flap", sc.Name)
		}
		steps = append(steps, Step{At: Duration(time.Second), Action: ActionFlap, UDID: first, Every: Duration(every)})
	}
	sc.Steps = steps
	return sc, sc.Validate()
}

func validFlap(st Step) error {
	if time.Duration(st.Every) < MinFlapEvery {
		return fmt.Errorf("flap needs \"every\" of at least %v, got %v", MinFlapEvery, time.Duration(st.Every))
	}
	if st.For < 0 {
		return fmt.Errorf("flap has a negative \"for\"")
	}
	return nil
}

// Flap unplugs the phone if it is attached, plugs it back in if not, and
// repeats every every, for d (0: until Close). It returns at once; the
// changes run on their own goroutine, which Close waits for.
func (s *Sim) Flap(udid string, every, d time.Duration) error {
	if err := validFlap(Step{Every: Duration(every), For: Duration(d)}); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return fmt.Errorf("simulator closed")
	}
	if s.phones[normUDID(udid)] == nil {
		return fmt.Errorf("unknown phone %s", udid)
	}
	s.wg.Add(1)
	go s.flap(udid, every, d)
	return nil
}

func (s *Sim) flap(udid string, every, d time.Duration) {
	defer s.wg.Done()
	tick := time.NewTicker(every)
	defer tick.Stop()
	var end <-chan time.Time
	if d > 0 {
		stop := time.NewTimer(d)
		defer stop.Stop()
		end = stop.C
	}
	for {
		select {
		case <-end:
			return
		case <-tick.C:
		}
		if !s.toggle(udid) {
			return
		}
	}
}

// toggle flips the phone between attached and detached; false once the
// simulator is closed.
func (s *Sim) toggle(udid string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return false
	}
	ps := s.phones[normUDID(udid)]
	if ps.deviceID != 0 {
		_ = s.detachLocked(udid)
	} else {
		s.attachLocked(ps)
	}
	return true
}
