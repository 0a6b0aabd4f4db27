//go:build linux && cgo

package e2e

import (
	"testing"
	"time"

	"unstuck/device"
	"unstuck/device/ladder"
	"unstuck/device/live"
)

// TestLadderTicksFollowTheSimulatedPhone: the ladder's automatic statuses
// come from what the watcher reads through usbmuxd: the trust prompt, the
// trust, the reconnects, and the mode.
func TestLadderTicksFollowTheSimulatedPhone(t *testing.T) {
	sim := startSim(t)
	if err := sim.Attach(iPhoneX); err != nil { // trust pending
		t.Fatal(err)
	}
	_, rec := watchLive(t, live.Options{MuxAddress: sim.Address(), NoUSB: true, TrustRecheck: 200 * time.Millisecond})
	step := func(s device.State, id string) ladder.Step {
		for _, st := range ladder.Evaluate(ladder.Input{State: s}) {
			if st.ID == id {
				return st
			}
		}
		t.Fatalf("no step %s", id)
		return ladder.Step{}
	}
	udid := rec.waitFor(t, "tap Trust now", func(s device.State) bool { return step(s, ladder.StepTrust).Status == ladder.Now }).Devices[0].UDID

	if err := sim.SetTrust(udid, device.TrustTrusted); err != nil {
		t.Fatal(err)
	}
	rec.waitFor(t, "trust done", func(s device.State) bool { return step(s, ladder.StepTrust).Status == ladder.Done })

	for i := range 2 {
		if err := sim.Detach(udid); err != nil {
			t.Fatal(err)
		}
		rec.waitFor(t, "gone", func(s device.State) bool { return len(s.Devices) == 0 })
		if err := sim.Reattach(udid); err != nil {
			t.Fatal(err)
		}
		rec.waitFor(t, "back", func(s device.State) bool {
			return len(s.Devices) == 1 && s.Devices[0].Stability.Flaps == i+1
		})
	}
	s := rec.waitFor(t, "two reconnects", func(s device.State) bool {
		return len(s.Devices) == 1 && s.Devices[0].Stability.Flaps == 2
	})
	if c := step(s, ladder.StepPortCable); c.Status != ladder.ToDo || c.Detail.IsZero() {
		t.Errorf("after two reconnects the cable step is %s %q", c.Status, c.Detail)
	}

	if err := sim.SetMode(udid, device.ModeRestore); err != nil {
		t.Fatal(err)
	}
	rec.waitFor(t, "restore mode: no airplane mode, no trust step", func(s device.State) bool {
		return step(s, ladder.StepAirplane).Status == ladder.NotApplicable && step(s, ladder.StepTrust).Status == ladder.NotApplicable
	})
}
