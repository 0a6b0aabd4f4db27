package ladder

import (
	"strings"
	"testing"
	"time"

	"unstuck/device"
	"unstuck/device/hostcheck"
	"unstuck/device/tr"
)

var now = time.Date(2026, 11, 24, 20, 0, 0, 0, time.UTC)

func stepOf(t *testing.T, steps []Step, id string) Step {
	t.Helper()
	for _, s := range steps {
		if s.ID == id {
			return s
		}
	}
	t.Fatalf("no step %q in %+v", id, steps)
	return Step{}
}

func TestOrderAndRisksFromSafestToErasing(t *testing.T) {
	steps := Evaluate(Input{Now: now})
	want := []string{StepBackup, StepRestart, StepPortCable, StepUpdateHost, StepAirplane, StepTrust, StepForceRestart, StepRecovery, StepDFU}
	if len(steps) != len(want) {
		t.Fatalf("%d steps, want %d", len(steps), len(want))
	}
	rank := map[Risk]int{RiskNone: 0, RiskKeepsData: 1, RiskErases: 2}
	for i, s := range steps {
		if s.ID != want[i] {
			t.Errorf("step %d is %q, want %q", i, s.ID, want[i])
		}
		if i > 0 && rank[s.Risk] < rank[steps[i-1].Risk] {
			t.Errorf("%s (%s) comes after a riskier step", s.ID, s.Risk)
		}
		if s.Title.IsZero() || s.What.IsZero() {
			t.Errorf("%s has no words", s.ID)
		}
	}
	if steps[len(steps)-1].Risk != RiskErases {
		t.Error("the last step must be the one that erases")
	}
}

func TestNoPhoneLeavesEverythingToDo(t *testing.T) {
	for _, s := range Evaluate(Input{Now: now}) {
		if s.Status != ToDo {
			t.Errorf("%s is %s with no phone and no checks", s.ID, s.Status)
		}
	}
}

func TestTrustFollowsThePhone(t *testing.T) {
	for trust, want := range map[device.Trust]Status{
		device.TrustTrusted: Done, device.TrustPending: Now, device.TrustDenied: ToDo, device.TrustPasscode: ToDo,
	} {
		st := device.State{Devices: []device.Device{{Key: "udid:a", Mode: device.ModeNormal, Trust: trust}}}
		if got := stepOf(t, Evaluate(Input{State: st, Now: now}), StepTrust); got.Status != want {
			t.Errorf("trust %s: step %s (%s), want %s", trust, got.Status, got.Detail, want)
		}
	}
	st := device.State{Devices: []device.Device{{Key: "ecid:1", Mode: device.ModeRecovery}}}
	steps := Evaluate(Input{State: st, Now: now})
	for _, id := range []string{StepTrust, StepAirplane} {
		if s := stepOf(t, steps, id); s.Status != NotApplicable {
			t.Errorf("%s in recovery mode is %s", id, s.Status)
		}
	}
	if s := stepOf(t, steps, StepRecovery); s.Status != Now || !strings.Contains(s.Detail.String(), "Update, not Restore") {
		t.Errorf("recovery step with the phone in recovery: %+v", s)
	}
}

func TestPortAndCableFromFlapsAndSpeed(t *testing.T) {
	cases := []struct {
		d      device.Device
		status Status
		detail string
	}{
		{device.Device{Stability: device.Stability{Flaps: 3}, USB: device.USBInfo{SpeedMbps: 480}}, ToDo, "3 times"},
		{device.Device{USB: device.USBInfo{SpeedMbps: 12}}, ToDo, "12 Mb/s"},
		{device.Device{USB: device.USBInfo{SpeedMbps: 480}}, CheckedOK, "480 Mb/s"},
		{device.Device{}, ToDo, ""},
	}
	for _, c := range cases {
		c.d.Key = "k"
		s := stepOf(t, Evaluate(Input{State: device.State{Devices: []device.Device{c.d}}, Now: now}), StepPortCable)
		if s.Status != c.status || !strings.Contains(s.Detail.String(), c.detail) {
			t.Errorf("%+v: got %s %q, want %s containing %q", c.d, s.Status, s.Detail, c.status, c.detail)
		}
	}
}

func TestUpdateComputerFromHostChecks(t *testing.T) {
	ok := []hostcheck.Check{{ID: "a", Title: tr.Raw("A"), Status: hostcheck.OK}, {ID: "b", Title: tr.Raw("B"), Status: hostcheck.Unknown}}
	if s := stepOf(t, Evaluate(Input{Host: ok, Now: now}), StepUpdateHost); s.Status != CheckedOK {
		t.Errorf("all ok: %+v", s)
	}
	bad := append(ok, hostcheck.Check{ID: "c", Title: tr.Raw("iTunes"), Status: hostcheck.Warn, Fix: tr.Raw("Update iTunes.")})
	if s := stepOf(t, Evaluate(Input{Host: bad, Now: now}), StepUpdateHost); s.Status != ToDo || !strings.Contains(s.Detail.String(), "Update iTunes.") {
		t.Errorf("one warning: %+v", s)
	}
	// A tick does not hide a failing check as "checked ok", but the user's
	// own word counts as done.
	if s := stepOf(t, Evaluate(Input{Host: bad, Ticked: map[string]bool{StepUpdateHost: true}, Now: now}), StepUpdateHost); s.Status != Done {
		t.Errorf("ticked: %+v", s)
	}
}

func TestAttemptsFromTheTimeline(t *testing.T) {
	d := device.Device{Key: "ecid:1", Mode: device.ModeNormal, Trust: device.TrustTrusted}
	st := device.State{Devices: []device.Device{d}, Timeline: []device.Event{
		{At: now.Add(-5 * time.Minute), Kind: device.EventAttempt, Key: "ecid:1", From: "force-restart", To: "no-reconnect"},
		{At: now.Add(-4 * time.Minute), Kind: device.EventAttempt, Key: "ecid:2", From: "force-restart", To: "restarted"},
		{At: now.Add(-3 * time.Minute), Kind: device.EventAttempt, Key: "ecid:1", From: "dfu", To: "recovery-instead"},
	}}
	steps := Evaluate(Input{State: st, Now: now})
	if s := stepOf(t, steps, StepForceRestart); s.Status != ToDo || !strings.Contains(s.Detail.String(), "did not reconnect") {
		t.Errorf("another phone's success must not count: %+v", s)
	}
	if s := stepOf(t, steps, StepDFU); s.Status != ToDo || !strings.Contains(s.Detail.String(), "recovery mode instead") {
		t.Errorf("dfu: %+v", s)
	}
	st.Timeline = append(st.Timeline, device.Event{At: now, Kind: device.EventAttempt, Key: "ecid:1", From: "force-restart", To: "restarted"})
	if s := stepOf(t, Evaluate(Input{State: st, Now: now}), StepForceRestart); s.Status != Done || s.Guide != "force-restart" {
		t.Errorf("after a restart: %+v", s)
	}
}

func TestDFUStepAsksAboutTheBackup(t *testing.T) {
	cases := []struct {
		in   Input
		want string
	}{
		{Input{}, "Check for a backup"},
		{Input{BackupSearched: true}, "No backup of this phone"},
		{Input{BackupSearched: true, Backup: &Backup{Date: now.Add(-72 * time.Hour), Complete: true}}, "3 days ago"},
		{Input{BackupSearched: true, Backup: &Backup{Date: now.Add(-30 * time.Minute)}}, "less than an hour ago). It is incomplete."},
	}
	for _, c := range cases {
		c.in.Now = now
		if s := stepOf(t, Evaluate(c.in), StepDFU); !strings.Contains(s.Detail.String(), c.want) || s.Risk != RiskErases {
			t.Errorf("%+v: %q lacks %q", c.in, s.Detail, c.want)
		}
	}
}

func TestTicksAreKeptButNeverOverrideWhatWasSeen(t *testing.T) {
	st := device.State{Devices: []device.Device{{Key: "k", Mode: device.ModeDFU}}}
	ticked := map[string]bool{StepRestart: true, StepAirplane: true}
	steps := Evaluate(Input{State: st, Now: now, Ticked: ticked})
	if s := stepOf(t, steps, StepRestart); s.Status != NotApplicable {
		t.Errorf("restart ticked, in DFU: %s", s.Status)
	}
	st.Devices[0].Mode = device.ModeNormal
	if s := stepOf(t, Evaluate(Input{State: st, Now: now, Ticked: ticked}), StepRestart); s.Status != Done {
		t.Errorf("restart ticked, back in normal mode: %s", s.Status)
	}
	if s := stepOf(t, steps, StepAirplane); s.Status != NotApplicable {
		t.Errorf("airplane in DFU stays not applicable: %s", s.Status)
	}
}

// The ladder follows the mode: in recovery mode the step that applies now
// (Update from recovery) comes first, and the steps that cannot apply (the
// usual restart, Airplane Mode, Trust) say why; in DFU mode DFU comes
// first; during an update the usual restart is not offered.
func TestLadderFollowsTheMode(t *testing.T) {
	for mode, first := range map[device.Mode]string{device.ModeRecovery: StepRecovery, device.ModeDFU: StepDFU} {
		st := device.State{Devices: []device.Device{{Key: "k", Mode: mode}}}
		steps := Evaluate(Input{State: st, Now: now})
		if steps[0].ID != first || steps[0].Status != Now {
			t.Errorf("%s: first step %s (%s), want %s", mode, steps[0].ID, steps[0].Status, first)
		}
		for _, id := range []string{StepBackup, StepRestart, StepAirplane, StepTrust} {
			if s := stepOf(t, steps, id); s.Status != NotApplicable || s.Detail.IsZero() {
				t.Errorf("%s: %s is %s (%q)", mode, id, s.Status, s.Detail.String())
			}
		}
		for i := 2; i < len(steps); i++ {
			if steps[i].Rung <= steps[i-1].Rung {
				t.Errorf("%s: after the step that applies now, the ladder order breaks at %s", mode, steps[i].ID)
			}
		}
		if stepOf(t, steps, first).Rung != map[string]int{StepRecovery: 8, StepDFU: 9}[first] {
			t.Errorf("%s: rung %d", first, stepOf(t, steps, first).Rung)
		}
	}
	st := device.State{Devices: []device.Device{{Key: "k", Mode: device.ModeRestore}}}
	if s := stepOf(t, Evaluate(Input{State: st, Now: now}), StepRestart); s.Status != NotApplicable || !strings.Contains(s.Detail.String(), "interrupts") {
		t.Errorf("restart during an update: %s %q", s.Status, s.Detail.String())
	}
}

// TestLadderIsAboutThePhoneOnShow: with two phones the ladder judges the
// one chosen, and the first when the choice is gone (State.Focus).
func TestLadderIsAboutThePhoneOnShow(t *testing.T) {
	st := device.State{Devices: []device.Device{
		{Key: "ecid:1", Mode: device.ModeNormal, Trust: device.TrustTrusted},
		{Key: "ecid:2", Mode: device.ModeRecovery},
	}}
	for phone, want := range map[string]Status{"": Done, "ecid:1": Done, "ecid:2": NotApplicable, "ecid:gone": Done} {
		if s := stepOf(t, Evaluate(Input{State: st, Phone: phone, Now: now}), StepTrust); s.Status != want {
			t.Errorf("phone %q: trust step %s, want %s", phone, s.Status, want)
		}
	}
}
