package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"unstuck/device/muxsim"
	"unstuck/device/tr"
)

// cmdSimulate runs the usbmuxd + lockdownd simulator until interrupted, so
// go-ios, libimobiledevice's tools or Unstuck itself can be pointed at it.
func cmdSimulate(ctx context.Context, args []string, stdout io.Writer) error {
	fs := newFlags("simulate")
	socket := fs.String("socket", "", tr.T("cli.flag.socket"))
	scenario := fs.String("scenario", "normal", tr.T("cli.flag.scenario", "Names", strings.Join(muxsim.ScenarioNames(), ", ")))
	list := fs.Bool("list", false, tr.T("cli.flag.list"))
	flapEvery := fs.Duration("flap-every", 0, tr.T("cli.flag.flap-every"))
	if err := parseArgs(fs, args); err != nil {
		return err
	}
	if *list {
		_, err := fmt.Fprintln(stdout, strings.Join(muxsim.ScenarioNames(), "\n"))
		return err
	}
	if *socket == "" {
		return usageError(tr.T("cli.simulate.needs-socket"))
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
	fmt.Fprintln(stdout, tr.T("cli.simulate.serving", "Scenario", sc.Name, "Path", path))
	fmt.Fprintln(stdout, tr.T("cli.simulate.point", "Command", "export USBMUXD_SOCKET_ADDRESS="+sim.Address()))
	<-ctx.Done()
	return nil
}
