package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"unstuck/device/muxsim"
)

// cmdSimulate runs the usbmuxd + lockdownd simulator until interrupted, so
// go-ios, libimobiledevice's tools or Unstuck itself can be pointed at it.
func cmdSimulate(ctx context.Context, args []string, stdout io.Writer) error {
	fs := newFlags("simulate")
	socket := fs.String("socket", "", "unix socket path to serve on")
	scenario := fs.String("scenario", "normal", "a JSON scenario file, or a built-in scenario: "+strings.Join(muxsim.ScenarioNames(), ", "))
	list := fs.Bool("list", false, "list the built-in scenarios")
	flapEvery := fs.Duration("flap-every", 0, "unplug and replug the scenario's first phone this often (a failing cable)")
	if err := parseArgs(fs, args); err != nil {
		return err
	}
	if *list {
		_, err := fmt.Fprintln(stdout, strings.Join(muxsim.ScenarioNames(), "\n"))
		return err
	}
	if *socket == "" {
		return usageError("simulate needs --socket PATH")
	}
	path, err := filepath.Abs(*socket)
	if err != nil {
		return err
	}
	sc, err := muxsim.LoadScenario(*scenario)
	if err != nil {
		return err
	}
	if *flapEvery != 0 {
		if sc, err = sc.WithFlap(*flapEvery); err != nil {
			return usageError(err.Error())
		}
	}
	sim, err := muxsim.New(path, sc)
	if err != nil {
		return err
	}
	if err := sim.Start(); err != nil {
		return err
	}
	defer sim.Close()
	fmt.Fprintf(stdout, "Simulating usbmuxd (scenario %q) on %s\n", sc.Name, path)
	fmt.Fprintf(stdout, "Point clients at it with: export USBMUXD_SOCKET_ADDRESS=%s\n", sim.Address())
	<-ctx.Done()
	return nil
}
