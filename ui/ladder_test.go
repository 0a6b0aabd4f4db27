package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"unstuck/device"
	"unstuck/device/activity"
	"unstuck/device/ladder"
	"unstuck/device/tr"
)

func TestLadderViewShowsRiskStatusAndActions(t *testing.T) {
	test.NewTempApp(t)
	v := NewLadderView()
	test.NewTempWindow(t, v.Content())
	if len(v.Rows) != 9 || !strings.Contains(v.Summary.Text, "0 of 9") {
		t.Fatalf("%d rows, summary %q", len(v.Rows), v.Summary.Text)
	}
	var ticked []string
	var opened string
	v.OnTick = func(id string, done bool) {
		if done {
			ticked = append(ticked, id)
		}
	}
	v.OnGuide = func(p string) { opened = p }

	st := device.State{Devices: []device.Device{{Key: "k", Mode: device.ModeNormal, Trust: device.TrustPending,
		USB: device.USBInfo{SpeedMbps: 480}}}}
	steps := ladder.Evaluate(ladder.Input{State: st, Ticked: map[string]bool{ladder.StepRestart: true}, Now: time.Now()})
	v.Apply(steps)
	restart, cable, trust, force, dfu := rowOf(t, v, ladder.StepRestart), rowOf(t, v, ladder.StepPortCable), rowOf(t, v, ladder.StepTrust), rowOf(t, v, ladder.StepForceRestart), rowOf(t, v, ladder.StepDFU)
	if v.Rows[0] != trust || trust.Number.Text != "6" {
		t.Errorf("the step that applies now (Trust, rung 6) is not first: %s, numbered %s", v.Rows[0].Step.ID, trust.Number.Text)
	}
	if restart.Status.Text != "Done" || restart.Tick.Text != "Not done yet" || restart.Tick.Hidden {
		t.Errorf("ticked restart: %q / %q", restart.Status.Text, restart.Tick.Text)
	}
	if cable.Status.Text != "Checked: fine" || !cable.Tick.Hidden {
		t.Errorf("steady cable: %q, tick hidden %v", cable.Status.Text, cable.Tick.Hidden)
	}
	if trust.Status.Text != "Now" || !strings.Contains(trust.Detail.Text, "Tap Trust") || trust.Detail.Hidden {
		t.Errorf("trust: %q %q", trust.Status.Text, trust.Detail.Text)
	}
	if dfu.Risk.Text != "ERASES THE PHONE" || restart.Risk.Text != "NO RISK" || rowOf(t, v, ladder.StepRecovery).Risk.Text != "KEEPS YOUR DATA" {
		t.Errorf("risks %q %q", restart.Risk.Text, dfu.Risk.Text)
	}
	if !strings.Contains(v.Summary.Text, "2 of 9 done or not needed; next: Trust this computer") {
		t.Errorf("summary %q", v.Summary.Text)
	}
	test.Tap(rowOf(t, v, ladder.StepAirplane).Tick) // airplane mode: manual
	test.Tap(force.Guide)
	if len(ticked) != 1 || ticked[0] != ladder.StepAirplane || opened != "force-restart" {
		t.Errorf("ticked %v, opened %q", ticked, opened)
	}
	if !trust.Guide.Hidden || force.Guide.Hidden {
		t.Error("only the procedure steps open the guide")
	}
}

func rowOf(t *testing.T, v *LadderView, id string) *LadderRow {
	t.Helper()
	for _, r := range v.Rows {
		if r.Step.ID == id {
			return r
		}
	}
	t.Fatalf("no row for %s", id)
	return nil
}

// In recovery mode the step that applies now leads, and the steps that
// cannot apply are greyed, each with its reason.
func TestLadderViewFollowsTheMode(t *testing.T) {
	test.NewTempApp(t)
	v := NewLadderView()
	test.NewTempWindow(t, v.Content())
	st := device.State{Devices: []device.Device{{Key: "k", Mode: device.ModeRecovery}}}
	v.Apply(ladder.Evaluate(ladder.Input{State: st, Now: time.Now()}))
	if first := v.Rows[0]; first.Step.ID != ladder.StepRecovery || first.Status.Text != "Now" || first.Number.Text != "8" {
		t.Errorf("first row %s (%q), numbered %s", first.Step.ID, first.Status.Text, first.Number.Text)
	}
	for _, id := range []string{ladder.StepBackup, ladder.StepRestart, ladder.StepAirplane, ladder.StepTrust} {
		r := rowOf(t, v, id)
		if r.Title.Importance == widget.LowImportance || r.What.Importance == widget.LowImportance || r.Detail.Hidden || r.Detail.Text == "" || r.Status.Text != "Not needed now" {
			t.Errorf("%s does not say why it is not needed, in readable words: importance %v, detail %q", id, r.Title.Importance, r.Detail.Text)
		}
	}
	if r := rowOf(t, v, ladder.StepPortCable); r.Title.Importance == widget.LowImportance {
		t.Error("the cable step still applies, and is greyed")
	}
}

// While the phone backs up, the wait leads as step 0, the riskier steps
// say not now, and the row goes again once nothing is going on.
func TestLadderViewWaitsWhileThePhoneBacksUp(t *testing.T) {
	test.NewTempApp(t)
	v := NewLadderView()
	test.NewTempWindow(t, v.Content())
	st := device.State{Devices: []device.Device{{Key: "k", Mode: device.ModeNormal, Trust: device.TrustTrusted}}}
	a := activity.Activity{Kind: activity.KindBackup, State: activity.StateWorking, Advice: tr.Raw("Still working: 1.0 MB backed up in the last 5 minutes.")}
	v.Apply(ladder.Evaluate(ladder.Input{State: st, Activity: &a, Now: time.Now()}))
	first := v.Rows[0]
	if len(v.Rows) != 10 || first.Step.ID != ladder.StepWait || first.Number.Text != "0" || first.Status.Text != "Now" || first.Detail.Text != a.Advice.String() || !first.Tick.Hidden || !first.Guide.Hidden {
		t.Fatalf("%d rows; first %s numbered %s, %q %q", len(v.Rows), first.Step.ID, first.Number.Text, first.Status.Text, first.Detail.Text)
	}
	if r := rowOf(t, v, ladder.StepForceRestart); r.Number.Text != "7" || !strings.Contains(r.Detail.Text, "Not while it is still working") {
		t.Errorf("force restart numbered %s says %q", r.Number.Text, r.Detail.Text)
	}
	if !strings.Contains(v.Summary.Text, "of 10 done or not needed; next: Wait: it is still working") {
		t.Errorf("summary %q", v.Summary.Text)
	}
	v.Apply(ladder.Evaluate(ladder.Input{State: st, Now: time.Now()}))
	if v.Rows[9].content.Visible() || !v.Rows[0].content.Visible() || v.Rows[0].Step.ID == ladder.StepWait || !strings.Contains(v.Summary.Text, "of 9") {
		t.Errorf("nothing going on, yet the wait row shows: first %s, summary %q", v.Rows[0].Step.ID, v.Summary.Text)
	}
}
