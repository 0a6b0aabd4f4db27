//go:build linux && cgo

package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"unstuck/device"
	"unstuck/device/muxsim"
)

// writeBackup writes a backup of udid under root as a backup program
// would mid-way: Status.plist saying state, a Snapshot folder with files
// files of size bytes (none: no Snapshot), everything stamped at when.
func writeBackup(t *testing.T, root, udid, state string, files, size int, when time.Time) {
	t.Helper()
	dir := filepath.Join(root, udid)
	var paths []string
	for i := range files {
		sub := filepath.Join(dir, "Snapshot", fmt.Sprintf("%02x", i%256))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(sub, fmt.Sprintf("%040x", i))
		if err := os.WriteFile(p, make([]byte, size), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p, sub)
	}
	status := `<?xml version="1.0" encoding="UTF-8"?><plist version="1.0"><dict>` +
		`<key>SnapshotState</key><string>` + state + `</string><key>BackupState</key><string>new</string></dict></plist>`
	if err := os.WriteFile(filepath.Join(dir, "Status.plist"), []byte(status), 0o644); err != nil {
		t.Fatal(err)
	}
	paths = append(paths, filepath.Join(dir, "Status.plist"), dir)
	if files > 0 {
		paths = append(paths, filepath.Join(dir, "Snapshot"))
	}
	for _, p := range paths {
		if err := os.Chtimes(p, when, when); err != nil {
			t.Fatal(err)
		}
	}
}

// pairedIPhoneX attaches a paired, trusted iPhone X to a new simulator.
func pairedIPhoneX(t *testing.T) (*muxsim.Sim, string) {
	t.Helper()
	sim := startSim(t)
	p := iPhoneX
	p.Trust, p.Paired = device.TrustTrusted, true
	if err := sim.Attach(p); err != nil {
		t.Fatal(err)
	}
	return sim, sim.Phones()[0].UDID
}

type activityJSON struct {
	Kind              string `json:"kind"`
	State             string `json:"state"`
	RecentBytes       int64  `json:"recent_bytes"`
	RecentFiles       int    `json:"recent_files"`
	Files             int    `json:"files"`
	Phase             string `json:"backup_phase"`
	EarlierUnfinished bool   `json:"earlier_backup_unfinished"`
	Advice            string `json:"advice"`
}

// statusActivity runs `unstuckctl status --json --backup-dir root` against
// the simulator and returns the one phone's activity.
func statusActivity(t *testing.T, ctl, mux, root string) activityJSON {
	t.Helper()
	cmd := exec.Command(ctl, "status", "--json", "--backup-dir", root, "--sysfs", t.TempDir())
	cmd.Env = append(os.Environ(), "USBMUXD_SOCKET_ADDRESS="+mux)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("unstuckctl status: %v\n%s", err, out)
	}
	var s struct {
		Devices []struct {
			UDID     string        `json:"udid"`
			Activity *activityJSON `json:"activity"`
		} `json:"devices"`
	}
	if err := json.Unmarshal(out, &s); err != nil {
		t.Fatal(err, string(out))
	}
	if len(s.Devices) != 1 || s.Devices[0].Activity == nil {
		t.Fatalf("status: %s", out)
	}
	return *s.Devices[0].Activity
}

// TestStatusCLIShowsABackupsActivity: a trusted phone on the usbmuxd
// simulator, its backup folder written under --backup-dir: a backup
// writing now is working, one quiet for 20 minutes probably stalled, a
// Snapshot quiet for 3 hours is an earlier backup that did not finish; no
// folder, nothing going on.
func TestStatusCLIShowsABackupsActivity(t *testing.T) {
	sim, udid := pairedIPhoneX(t)
	ctl := buildCLI(t)
	root := t.TempDir()

	if a := statusActivity(t, ctl, sim.Address(), root); a.Kind != "none" || a.State != "none" {
		t.Errorf("no backup folder: %+v", a)
	}

	writeBackup(t, root, udid, "uploading", 40, 25_000, time.Now().Add(-time.Minute))
	a := statusActivity(t, ctl, sim.Address(), root)
	// 40 files of 25 kB, and Status.plist.
	if a.Kind != "backup" || a.State != "working" || a.Phase != "uploading" || a.RecentBytes < 1_000_000 || a.RecentBytes > 1_001_000 || a.RecentFiles != 41 ||
		a.Advice != "Still working: 1.0 MB backed up in the last 5 minutes." {
		t.Errorf("a backup writing now: %+v", a)
	}

	os.RemoveAll(filepath.Join(root, udid))
	writeBackup(t, root, udid, "uploading", 3, 10, time.Now().Add(-20*time.Minute))
	if a := statusActivity(t, ctl, sim.Address(), root); a.State != "stalled" || a.RecentBytes != 0 || a.Advice[:16] != "Probably stalled" {
		t.Errorf("a backup quiet for 20 minutes: %+v", a)
	}

	os.RemoveAll(filepath.Join(root, udid))
	writeBackup(t, root, udid, "uploading", 3, 10, time.Now().Add(-3*time.Hour))
	if a := statusActivity(t, ctl, sim.Address(), root); a.State != "interrupted" || !a.EarlierUnfinished ||
		a.Advice[:36] != "An earlier backup did not finish. It" {
		t.Errorf("a Snapshot left 3 hours ago: %+v", a)
	}
	if _, err := os.Stat(filepath.Join(root, udid, "Snapshot", "00")); err != nil {
		t.Errorf("the Snapshot left behind was touched: %v", err)
	}
}

// TestWatchCLIPrintsABackupStarting: watch prints the phone, then, with no
// new State from the phone, the backup that starts in its folder (found by
// the backup_poll listing), then its end.
func TestWatchCLIPrintsABackupStarting(t *testing.T) {
	sim, udid := pairedIPhoneX(t)
	root := t.TempDir()
	cmd := exec.Command(buildCLI(t), "watch", "--backup-dir", root, "--sysfs", t.TempDir())
	cmd.Env = append(os.Environ(), "USBMUXD_SOCKET_ADDRESS="+sim.Address())
	out := start(t, cmd)
	out.await(t, "Mode:         normal")
	writeBackup(t, root, udid, "uploading", 4, 1000, time.Now())
	out.await(t, ": backup working. Still working: 4.2 KB backed up in the last 5 minutes.")
	if err := os.RemoveAll(filepath.Join(root, udid, "Snapshot")); err != nil {
		t.Fatal(err)
	}
	writeBackup(t, root, udid, "finished", 0, 0, time.Now())
	out.await(t, ": backup done. The backup finished at ")
}

// TestGuideRunWaitsForABackup: while the phone's backup folder (under
// --backup-dir) grows, guide --run first says to wait for the backup,
// before the procedure's title, as the app's guide does.
func TestGuideRunWaitsForABackup(t *testing.T) {
	sim, udid := pairedIPhoneX(t)
	root := t.TempDir()
	writeBackup(t, root, udid, "uploading", 4, 1000, time.Now())
	cmd := exec.Command(buildCLI(t), "guide", "--run", "--procedure", "force-restart", "--backup-dir", root, "--sysfs", t.TempDir())
	cmd.Env = append(os.Environ(), "USBMUXD_SOCKET_ADDRESS="+sim.Address())
	out := start(t, cmd)
	out.await(t, "Force restart for the")
	text := out.String()
	wait := strings.Index(text, "! A backup is running: a force restart now stops it.")
	if wait < 0 || wait > strings.Index(text, "Force restart for the") || !strings.Contains(text, "! A force restart erases nothing, but it stops the backup half way") {
		t.Errorf("no wait for the backup before the procedure:\n%s", text)
	}
}
