package hostcheck

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"unstuck/device"
)

// fakeRunner answers LookPath from a table and Run with canned output.
type fakeRunner struct {
	paths   map[string]string // program name -> path
	outputs map[string]string // "path arg..." -> stdout
}

func (f fakeRunner) Run(_ context.Context, name string, args ...string) ([]byte, error) {
	key := strings.Join(append([]string{name}, args...), " ")
	if out, ok := f.outputs[key]; ok {
		return []byte(out), nil
	}
	return nil, fmt.Errorf("exec: %q: not in the fake", key)
}

func (f fakeRunner) LookPath(name string) (string, error) {
	if p, ok := f.paths[name]; ok {
		return p, nil
	}
	return "", fmt.Errorf("exec: %q: executable file not found in $PATH", name)
}

// fakeDialer answers each address with a fixed error (nil: it answers).
type fakeDialer map[string]error

func (f fakeDialer) Dial(_ context.Context, _, address string) error {
	if err, ok := f[address]; ok {
		return err
	}
	return &os.PathError{Op: "dial", Path: address, Err: syscall.ENOENT}
}

// fakeOpener opens the listed nodes; every other node is denied.
type fakeOpener map[string]bool

func (f fakeOpener) CanOpen(path string) error {
	if f[path] {
		return nil
	}
	return &os.PathError{Op: "open", Path: path, Err: syscall.EACCES}
}

// fakeRegistry is a registry dump: key -> value name -> string or number.
type fakeRegistry map[string]map[string]any

func loadRegistry(t *testing.T, name string) fakeRegistry {
	t.Helper()
	raw, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	var r fakeRegistry
	if err := json.Unmarshal(raw, &r); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return r
}

var errNoKey = syscall.Errno(2) // ERROR_FILE_NOT_FOUND, what the registry says

func (r fakeRegistry) String(key, name string) (string, error) {
	if s, ok := r[key][name].(string); ok {
		return s, nil
	}
	return "", errNoKey
}

func (r fakeRegistry) Integer(key, name string) (uint64, error) {
	if n, ok := r[key][name].(float64); ok {
		return uint64(n), nil
	}
	return 0, errNoKey
}

func (r fakeRegistry) SubKeys(key string) ([]string, error) {
	seen := map[string]bool{}
	for k := range r {
		if rest, ok := strings.CutPrefix(k, key+`\`); ok {
			sub, _, _ := strings.Cut(rest, `\`)
			seen[sub] = true
		}
	}
	if len(seen) == 0 {
		return nil, errNoKey
	}
	out := make([]string, 0, len(seen))
	for k := range seen {
		out = append(out, k)
	}
	sort.Strings(out)
	return out, nil
}

// fakeServices answers from a table; a missing name is not installed.
type fakeServices map[string]ServiceStatus

func (f fakeServices) Query(ctx context.Context, name string) (ServiceStatus, error) {
	if st, ok := f[name]; ok {
		return st, nil
	}
	return ServiceStatus{}, ErrNotInstalled
}

// hangingServices never answers until the context ends.
type hangingServices struct{}

func (hangingServices) Query(ctx context.Context, _ string) (ServiceStatus, error) {
	<-ctx.Done()
	return ServiceStatus{}, ctx.Err()
}

// byID finds a check by id or fails the test.
func byID(t *testing.T, checks []Check, id string) Check {
	t.Helper()
	for _, c := range checks {
		if c.ID == id {
			return c
		}
	}
	t.Fatalf("no check %q in %+v", id, checks)
	return Check{}
}

// wantCheck asserts a check's status and that Found holds each phrase.
func wantCheck(t *testing.T, checks []Check, id string, status Status, phrases ...string) Check {
	t.Helper()
	c := byID(t, checks, id)
	if c.Status != status {
		t.Errorf("%s: status %s, want %s (found %q)", id, c.Status, status, c.Found.String())
	}
	for _, p := range phrases {
		if !strings.Contains(c.Found.String(), p) {
			t.Errorf("%s: found %q, want it to mention %q", id, c.Found.String(), p)
		}
	}
	if c.Status != OK && c.Status != Unknown && c.Fix.String() == "" {
		t.Errorf("%s: %s without a fix", id, c.Status)
	}
	if c.Status == OK && c.Fix.String() != "" {
		t.Errorf("%s: ok but has a fix %q", id, c.Fix.String())
	}
	return c
}

// phoneState is a read State holding the given devices.
func phoneState(devices ...device.Device) Input {
	return Input{State: device.State{Updated: time.Unix(1700000000, 0), Devices: devices}}
}

func runningPhone(ios string, mbps int) device.Device {
	return device.Device{Key: "udid:1", Mode: device.ModeNormal, Model: "iPhone 15", ProductType: "iPhone15,4",
		IOSVersion: ios, USB: device.USBInfo{Bus: 1, Address: 5, SpeedMbps: mbps}}
}

func dfuPhone(bus, addr int) device.Device {
	return device.Device{Key: "ecid:1", Mode: device.ModeDFU, Model: "iPhone X (Global)",
		USB: device.USBInfo{Bus: bus, Address: addr, ProductID: 0x1227, SpeedMbps: 480}}
}
