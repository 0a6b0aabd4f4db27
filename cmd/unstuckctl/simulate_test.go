package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"unstuck/device/muxsim"
)

// simulate on a socket another simulator serves is refused, and the first
// simulator's phone stays visible.
func TestSimulateRefusesASocketInUse(t *testing.T) {
	if !muxsim.UnixSocketsWork() {
		t.Skip("this system has no unix sockets (Windows before 10 1803, Wine 8): the simulator serves loopback TCP instead")
	}
	sim := startSim(t, "normal")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	code, _, errOut := runCLI(t, ctx, "", "simulate", "--socket", sim.Path())
	if code != 1 || !strings.Contains(errOut, "already serving "+sim.Path()) {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	code, out, _ := runCLI(t, context.Background(), "", "status")
	if code != 0 || !strings.Contains(out, "iPhone X") {
		t.Errorf("the first simulator's phone is gone: exit %d\n%s", code, out)
	}
}

// simulate --help lists the built-in scenarios by name.
func TestSimulateHelpListsTheScenarios(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"simulate", "--help"}, nil, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	for _, name := range muxsim.ScenarioNames() {
		if !strings.Contains(out.String(), name) {
			t.Errorf("--help lacks the scenario %q:\n%s", name, out.String())
		}
	}
}
