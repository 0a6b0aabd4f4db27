package muxsim

import (
	"strings"
	"testing"
	"time"

	"unstuck/device"
)

// TestIdeviceEnterRecovery: Debian's ideviceenterrecovery (pairing
// handshake, session, EnterRecovery) against the simulator; the phone then
// leaves usbmuxd, as a phone rebooting into recovery mode does.
func TestIdeviceEnterRecovery(t *testing.T) {
	s := builtinSim(t, "trusted")
	udid := s.Phones()[0].UDID
	went := make(chan Phone, 1)
	s.OnEnterRecovery(func(p Phone) { went <- p })
	out, err := tool(t, s, "ideviceenterrecovery", udid)
	if err != nil || strings.Contains(out, "Failed") || !strings.Contains(out, "successfully") {
		t.Fatalf("ideviceenterrecovery: %v\n%s", err, out)
	}
	select {
	case p := <-went:
		if p.UDID != udid || p.Mode != device.ModeRecovery {
			t.Errorf("rebooted phone %+v", p)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the phone never left for recovery mode")
	}
	if ids, _ := tool(t, s, "idevice_id", "-l"); ids != "" {
		t.Errorf("still listed by usbmuxd after entering recovery: %q", ids)
	}
}

func TestEnterRecoveryNeedsASession(t *testing.T) {
	s := builtinSim(t, "normal")
	udid := s.Phones()[0].UDID
	out, _ := tool(t, s, "ideviceenterrecovery", udid)
	if !strings.Contains(out, "Failed to enter recovery mode") {
		t.Errorf("an untrusted phone entered recovery mode: %s", out)
	}
}
