package main

import (
	"strings"
	"testing"

	"unstuck/device"
	"unstuck/device/fixture"
	"unstuck/device/tr"
)

// status's text has no line without a label, says modes and trust in
// words, and tells a normal condition from a problem.
func TestStatusTextHasNoEmptyLabels(t *testing.T) {
	d := fixture.IPhoneX(device.ModeNormal)
	d.Trust = device.TrustPending
	d.Battery = &device.Battery{Percent: 9}
	s := fixture.State(d)
	s.Host = []device.Condition{{Code: device.CondUsbmuxdUnavailable, Severity: device.SeverityInfo, Message: tr.Raw("usbmuxd is not running, which is normal here.")}}
	text := describe(s)
	for _, line := range strings.Split(strings.TrimSpace(text), "\n") {
		if strings.HasPrefix(line, "  ") && strings.HasPrefix(strings.TrimSpace(line), ":") {
			t.Errorf("a line without its label: %q", line)
		}
	}
	if strings.Contains(text, "pair-dialog-pending") {
		t.Errorf("status shows the internal trust value:\n%s", text)
	}
	if !strings.Contains(text, "asking whether to trust this computer. Unlock your iPhone") || !strings.Contains(text, "i usbmuxd is not running") {
		t.Errorf("status text:\n%s", text)
	}
}
