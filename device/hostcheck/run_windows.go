//go:build windows

package hostcheck

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"golang.org/x/sys/windows"
	"golang.org/x/sys/windows/registry"
	"golang.org/x/sys/windows/svc"
	"golang.org/x/sys/windows/svc/mgr"
)

// WindowsProbesForThisComputer are the real Windows probes.
func WindowsProbesForThisComputer() WindowsProbes {
	arch := os.Getenv("PROCESSOR_ARCHITEW6432") // set for 32-bit programs on 64-bit Windows
	if arch == "" {
		arch = os.Getenv("PROCESSOR_ARCHITECTURE")
	}
	return WindowsProbes{Registry: realRegistry{}, Services: realServices{}, Net: netDialer{}, Arch: arch}
}

func runPlatform(ctx context.Context, in Input) []Check {
	return checkWindows(ctx, WindowsProbesForThisComputer(), in)
}

// realRegistry reads the 64-bit view of the registry.
type realRegistry struct{}

func openKey(path string, access uint32) (registry.Key, error) {
	root, rest, _ := strings.Cut(path, `\`)
	var k registry.Key
	switch root {
	case "HKLM":
		k = registry.LOCAL_MACHINE
	case "HKCU":
		k = registry.CURRENT_USER
	default:
		return 0, fmt.Errorf("unknown registry root %q", root)
	}
	return registry.OpenKey(k, rest, access|registry.WOW64_64KEY)
}

func (realRegistry) String(key, name string) (string, error) {
	k, err := openKey(key, registry.QUERY_VALUE)
	if err != nil {
		return "", err
	}
	defer k.Close()
	v, _, err := k.GetStringValue(name)
	return v, err
}

func (realRegistry) Integer(key, name string) (uint64, error) {
	k, err := openKey(key, registry.QUERY_VALUE)
	if err != nil {
		return 0, err
	}
	defer k.Close()
	v, _, err := k.GetIntegerValue(name)
	return v, err
}

func (realRegistry) SubKeys(key string) ([]string, error) {
	k, err := openKey(key, registry.ENUMERATE_SUB_KEYS)
	if err != nil {
		return nil, err
	}
	defer k.Close()
	return k.ReadSubKeyNames(-1)
}

// realServices asks the service control manager with the least rights a
// normal user has (mgr.Connect asks for all rights and needs an admin).
type realServices struct{}

func (realServices) Query(ctx context.Context, name string) (ServiceStatus, error) {
	type answer struct {
		st  ServiceStatus
		err error
	}
	done := make(chan answer, 1)
	go func() {
		st, err := queryService(name)
		done <- answer{st, err}
	}()
	select {
	case a := <-done:
		return a.st, a.err
	case <-ctx.Done():
		return ServiceStatus{}, fmt.Errorf("the service manager did not answer: %w", ctx.Err())
	}
}

func queryService(name string) (ServiceStatus, error) {
	scm, err := windows.OpenSCManager(nil, nil, windows.SC_MANAGER_CONNECT)
	if err != nil {
		return ServiceStatus{}, err
	}
	defer windows.CloseServiceHandle(scm)
	name16, err := windows.UTF16PtrFromString(name)
	if err != nil {
		return ServiceStatus{}, err
	}
	h, err := windows.OpenService(scm, name16, windows.SERVICE_QUERY_STATUS|windows.SERVICE_QUERY_CONFIG)
	if errors.Is(err, windows.ERROR_SERVICE_DOES_NOT_EXIST) {
		return ServiceStatus{}, ErrNotInstalled
	}
	if err != nil {
		return ServiceStatus{}, err
	}
	s := &mgr.Service{Name: name, Handle: h}
	defer s.Close()
	status, err := s.Query()
	if err != nil {
		return ServiceStatus{}, err
	}
	out := ServiceStatus{State: stateWords(status.State), StartType: "unknown"}
	if cfg, err := s.Config(); err == nil {
		switch cfg.StartType {
		case mgr.StartAutomatic:
			out.StartType = "automatic"
		case mgr.StartManual:
			out.StartType = "manual"
		case mgr.StartDisabled:
			out.StartType = "disabled"
		}
	}
	return out, nil
}

func stateWords(s svc.State) string {
	switch s {
	case svc.Running:
		return "running"
	case svc.Stopped:
		return "stopped"
	case svc.StartPending:
		return "starting"
	case svc.StopPending:
		return "stopping"
	case svc.Paused, svc.PausePending, svc.ContinuePending:
		return "paused"
	}
	return "unknown"
}
