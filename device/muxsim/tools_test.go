package muxsim

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// tool runs one of libimobiledevice's tools against the simulator: an
// independent client of the same wire protocol.
func tool(t *testing.T, s *Sim, name string, args ...string) (string, error) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Skipf("%s not installed (apt-get install libimobiledevice-utils; make test installs it)", name)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(os.Environ(), "USBMUXD_SOCKET_ADDRESS="+s.Address())
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		t.Fatalf("%s %v hung", name, args)
	}
	return strings.TrimSpace(string(out)), err
}

func TestIdeviceID(t *testing.T) {
	s := builtinSim(t, "two-phones")
	out, err := tool(t, s, "idevice_id", "-l")
	if err != nil {
		t.Fatal(err, out)
	}
	var want []string
	for _, p := range s.Phones() {
		want = append(want, p.UDID)
	}
	if out != strings.Join(want, "\n") {
		t.Errorf("idevice_id -l:\n%s\nwant\n%s", out, strings.Join(want, "\n"))
	}
	for _, p := range s.Phones() {
		if out, err := tool(t, s, "idevice_id", p.UDID); err != nil || out != p.DeviceName {
			t.Errorf("idevice_id %s: %q %v, want %q", p.UDID, out, err, p.DeviceName)
		}
	}
	_ = s.Detach(want[0])
	if out, _ := tool(t, s, "idevice_id", "-l"); out != want[1] {
		t.Errorf("after detach: %q", out)
	}
}

// TestIdeviceInfo checks every value ideviceinfo reads without pairing
// against the phone's profile.
func TestIdeviceInfo(t *testing.T) {
	s := builtinSim(t, "normal")
	p := s.Phones()[0]
	out, err := tool(t, s, "ideviceinfo", "-s", "-u", p.UDID)
	if err != nil {
		t.Fatal(err, out)
	}
	got := map[string]string{}
	for _, line := range strings.Split(out, "\n") {
		if k, v, ok := strings.Cut(line, ": "); ok && !strings.HasPrefix(line, " ") {
			got[k] = v
		}
	}
	want := map[string]string{}
	for k, v := range p.publicValues() {
		switch v := v.(type) {
		case string:
			want[k] = v
		case uint64, bool:
			want[k] = fmt.Sprint(v)
		}
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("ideviceinfo %s = %q, simulator has %q", k, got[k], v)
		}
	}
	if got["ProductType"] != "iPhone10,3" || got["ProductVersion"] != "16.7.10" {
		t.Errorf("profile: %v", got)
	}
	if out, err := tool(t, s, "ideviceinfo", "-s", "-u", p.UDID, "-k", "ProductVersion"); err != nil || out != "16.7.10" {
		t.Errorf("-k ProductVersion: %q %v", out, err)
	}
	if out, err := tool(t, s, "ideviceinfo", "-s", "-u", p.UDID, "-k", "SerialNumber"); err != nil || out != "" {
		t.Errorf("protected key printed %q (%v)", out, err)
	}
}

// TestTrustStates runs idevicepair and ideviceinfo's handshake against each
// trust state; their messages are the real tools' reading of our replies.
func TestTrustStates(t *testing.T) {
	cases := []struct{ scenario, pair, info string }{
		{"normal", "Please accept the trust dialog on the screen of device", "Pairing dialog response pending (-19)"},
		{"denied", "said that the user denied the trust dialog", "User denied pairing (-18)"},
		{"passcode", "because a passcode is set. Please enter the passcode on the device and retry", "Password protected (-17)"},
		{"trusted", "SUCCESS: Paired with device", ""},
	}
	for _, c := range cases {
		t.Run(c.scenario, func(t *testing.T) {
			s := builtinSim(t, c.scenario)
			udid := s.Phones()[0].UDID
			before := s.PairRecord(udid)
			if c.info != "" {
				out, err := tool(t, s, "ideviceinfo", "-u", udid, "-k", "ProductVersion")
				if err == nil || !strings.Contains(out, c.info) {
					t.Errorf("ideviceinfo handshake: %q %v, want %q", out, err, c.info)
				}
			}
			out, err := tool(t, s, "idevicepair", "-u", udid, "pair")
			if !strings.Contains(out, c.pair) || (err == nil) != (c.info == "") {
				t.Errorf("idevicepair pair: %q %v, want %q", out, err, c.pair)
			}
			if after := s.PairRecord(udid); c.info == "" && (after == nil || string(after) == string(before)) {
				t.Error("idevicepair did not save a pair record through the simulator")
			}
		})
	}
}
