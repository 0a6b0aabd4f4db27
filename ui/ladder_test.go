package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"unstuck/device"
	"unstuck/device/ladder"
)

func TestLadderViewShowsRiskStatusAndActions(t *testing.T) {
	test.NewTempApp(t)
	v := NewLadderView()
	test.NewTempWindow(t, v.Content())
	if len(v.Rows) != 8 || !strings.Contains(v.Summary.Text, "0 of 8") {
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
	restart, cable, trust, force, dfu := v.Rows[0], v.Rows[1], v.Rows[4], v.Rows[5], v.Rows[7]
	if restart.Status.Text != "Done" || restart.Tick.Text != "Not done yet" || restart.Tick.Hidden {
		t.Errorf("ticked restart: %q / %q", restart.Status.Text, restart.Tick.Text)
	}
	if cable.Status.Text != "Checked: fine" || !cable.Tick.Hidden {
		t.Errorf("steady cable: %q, tick hidden %v", cable.Status.Text, cable.Tick.Hidden)
	}
	if trust.Status.Text != "Now" || !strings.Contains(trust.Detail.Text, "Tap Trust") || trust.Detail.Hidden {
		t.Errorf("trust: %q %q", trust.Status.Text, trust.Detail.Text)
	}
	if dfu.Risk.Text != "ERASES THE PHONE" || restart.Risk.Text != "NO RISK" || v.Rows[6].Risk.Text != "KEEPS YOUR DATA" {
		t.Errorf("risks %q %q %q", restart.Risk.Text, v.Rows[6].Risk.Text, dfu.Risk.Text)
	}
	if !strings.Contains(v.Summary.Text, "2 of 8 done or not needed; next: Update and fix the computer") {
		t.Errorf("summary %q", v.Summary.Text)
	}
	test.Tap(v.Rows[3].Tick) // airplane mode: manual
	test.Tap(force.Guide)
	if len(ticked) != 1 || ticked[0] != ladder.StepAirplane || opened != "force-restart" {
		t.Errorf("ticked %v, opened %q", ticked, opened)
	}
	if !trust.Guide.Hidden || force.Guide.Hidden {
		t.Error("only the procedure steps open the guide")
	}
}
