package ladder

import (
	"strings"
	"testing"
	"time"

	"unstuck/device"
)

// The backup step comes first while the phone runs and trusts this
// computer, unless a complete backup from the last day is here; it waits
// for Trust otherwise, and cannot apply in recovery, DFU or restore mode.
func TestBackUpNowWhileThePhoneWorks(t *testing.T) {
	phone := func(mode device.Mode, trust device.Trust) device.State {
		return device.State{Devices: []device.Device{{Key: "udid:a", UDID: "a", Mode: mode, Trust: trust}}}
	}
	trusted := phone(device.ModeNormal, device.TrustTrusted)
	for _, c := range []struct {
		name   string
		in     Input
		status Status
		detail string
	}{
		{"trusted, no backup here", Input{State: trusted, BackupSearched: true}, Now, "No backup of it was found"},
		{"trusted, nothing searched (Linux)", Input{State: trusted}, Now, "back it up before trying anything else."},
		{"trusted, a week-old backup", Input{State: trusted, BackupSearched: true, Backup: &Backup{Date: now.Add(-7 * 24 * time.Hour), Complete: true}}, Now, "7 days ago"},
		{"trusted, an incomplete backup today", Input{State: trusted, BackupSearched: true, Backup: &Backup{Date: now.Add(-time.Hour)}}, Now, "incomplete"},
		{"trusted, backed up an hour ago", Input{State: trusted, BackupSearched: true, Backup: &Backup{Date: now.Add(-time.Hour), Complete: true}}, CheckedOK, "an hour ago"},
		{"not trusted yet", Input{State: phone(device.ModeNormal, device.TrustPending)}, ToDo, "trust it first"},
		{"recovery mode", Input{State: phone(device.ModeRecovery, "")}, NotApplicable, "never Restore"},
		{"updating", Input{State: phone(device.ModeRestore, "")}, NotApplicable, "once the phone has started again"},
		{"no phone", Input{}, ToDo, ""},
	} {
		c.in.Now, c.in.OS = now, "darwin"
		steps := Evaluate(c.in)
		s := stepOf(t, steps, StepBackup)
		if s.Status != c.status || !strings.Contains(s.Detail.String(), c.detail) {
			t.Errorf("%s: %s %q, want %s with %q", c.name, s.Status, s.Detail, c.status, c.detail)
		}
		if c.status == Now && steps[0].ID != StepBackup {
			t.Errorf("%s: the first step is %s, not the backup", c.name, steps[0].ID)
		}
	}
}

// Each system is told its own tool; every one also hears of iCloud.
func TestBackUpNamesThisComputersTool(t *testing.T) {
	for system, tool := range map[string]string{"darwin": "Finder", "windows": "Apple Devices", "linux": "do not run on Linux", "freebsd": "do not run on this system"} {
		s := stepOf(t, Evaluate(Input{Now: now, OS: system}), StepBackup)
		if !strings.Contains(s.What.String(), tool) || !strings.Contains(s.What.String(), "iCloud Backup > Back Up Now") {
			t.Errorf("%s: %q", system, s.What.String())
		}
	}
}
