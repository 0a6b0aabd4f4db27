package ladder

import (
	"strings"
	"testing"

	"unstuck/device"
	"unstuck/device/activity"
	"unstuck/device/tr"
)

func trustedPhone() device.State {
	return device.State{Devices: []device.Device{{Key: "udid:a", UDID: "a", Mode: device.ModeNormal, Trust: device.TrustTrusted}}}
}

// While a backup moves, "wait" leads, numbered 0 so that every other step
// keeps its rung, and the steps that would stop it say not now.
func TestWaitLeadsWhileABackupMoves(t *testing.T) {
	for _, state := range []activity.State{activity.StateWorking, activity.StatePreparing, activity.StatePasscode, activity.StateSlow} {
		a := activity.Activity{Kind: activity.KindBackup, State: state, Advice: tr.Raw("Unlock your iPhone and enter its passcode.")}
		steps := Evaluate(Input{State: trustedPhone(), Activity: &a, Now: now})
		if len(steps) != 10 || steps[0].ID != StepWait || steps[0].Status != Now || steps[0].Rung != 0 {
			t.Fatalf("%s: first step %+v of %d", state, steps[0], len(steps))
		}
		for i, id := range []string{StepBackup, StepRestart, StepPortCable, StepUpdateHost, StepAirplane, StepTrust, StepForceRestart, StepRecovery, StepDFU} {
			if s := stepOf(t, steps, id); s.Rung != i+1 {
				t.Errorf("%s: %s moved to rung %d", state, id, s.Rung)
			}
		}
		for _, id := range []string{StepRestart, StepForceRestart, StepRecovery, StepDFU} {
			if s := stepOf(t, steps, id); !strings.Contains(s.Detail.String(), "Not while it is still working") {
				t.Errorf("%s: %s says %q", state, id, s.Detail.String())
			}
		}
		if s := stepOf(t, steps, StepPortCable); strings.Contains(s.Detail.String(), "Not while") {
			t.Errorf("the cable step is no risk to the backup: %q", s.Detail.String())
		}
		if s := stepOf(t, steps, StepBackup); s.Status == Now || !strings.Contains(s.Detail.String(), "running now") {
			t.Errorf("%s: back up now while one runs: %+v", state, s)
		}
	}
	a := activity.Activity{Kind: activity.KindBackup, State: activity.StatePasscode, Advice: tr.Raw("Unlock your iPhone and enter its passcode: the backup waits for it.")}
	if w := Evaluate(Input{State: trustedPhone(), Activity: &a, Now: now})[0]; !strings.Contains(w.Title.String(), "passcode") || !strings.Contains(w.Detail.String(), "enter its passcode") {
		t.Errorf("waiting for the passcode: %+v", w)
	}
}

// A finished backup marks the wait and the backup step done; a stalled
// one lets the ladder go on; with nothing going on there is no wait.
func TestWaitEndsWithTheActivity(t *testing.T) {
	done := activity.Activity{Kind: activity.KindBackup, State: activity.StateDone, Advice: tr.Raw("The backup finished at 19:58.")}
	steps := Evaluate(Input{State: trustedPhone(), Activity: &done, Now: now})
	if s := stepOf(t, steps, StepWait); s.Status != Done {
		t.Errorf("finished: %+v", s)
	}
	if s := stepOf(t, steps, StepBackup); s.Status != CheckedOK || s.Detail.String() != done.Advice.String() {
		t.Errorf("the backup step after a backup finished: %+v", s)
	}
	if s := stepOf(t, steps, StepForceRestart); strings.Contains(s.Detail.String(), "Not while") {
		t.Errorf("finished, yet %q", s.Detail.String())
	}
	stalled := activity.Activity{Kind: activity.KindUpdate, State: activity.StateStalled, Advice: tr.Raw("Nothing has moved it.")}
	rec := device.State{Devices: []device.Device{{Key: "ecid:1", Mode: device.ModeRecovery}}}
	steps = Evaluate(Input{State: rec, Activity: &stalled, Now: now})
	if s := stepOf(t, steps, StepWait); s.Status != NotApplicable || !strings.Contains(s.Detail.String(), "no longer moving") {
		t.Errorf("stalled: %+v", s)
	}
	if steps[0].ID != StepRecovery {
		t.Errorf("a stalled update leaves recovery first, got %s", steps[0].ID)
	}
	for _, a := range []*activity.Activity{nil, &activity.None} {
		for _, s := range Evaluate(Input{State: trustedPhone(), Activity: a, Now: now}) {
			if s.ID == StepWait {
				t.Errorf("a wait with nothing going on (%v): %+v", a, s)
			}
		}
	}
}
