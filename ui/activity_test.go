package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/widget"

	"unstuck/device"
	"unstuck/device/activity"
	"unstuck/device/awake"
	"unstuck/device/fixture"
	"unstuck/device/ladder"
	"unstuck/device/tr"
)

// backingUp writes a backup of d under a new backups folder, uploading
// now, and returns the folder.
func backingUp(t *testing.T, d device.Device) string {
	t.Helper()
	root := t.TempDir()
	sub := filepath.Join(root, d.UDID, "Snapshot", "00")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(sub, strings.Repeat("a", 40)), make([]byte, 2_000_000), 0o644); err != nil {
		t.Fatal(err)
	}
	status := `<?xml version="1.0"?><plist version="1.0"><dict><key>SnapshotState</key><string>uploading</string></dict></plist>`
	if err := os.WriteFile(filepath.Join(root, d.UDID, "Status.plist"), []byte(status), 0o644); err != nil {
		t.Fatal(err)
	}
	return root
}

// Under the mode, the card says in one sentence what the phone on show is
// doing, from a real tracker over a backup folder; nothing when nothing is.
func TestCardSaysTheActivityUnderTheMode(t *testing.T) {
	c, _ := newCard(t)
	d := fixture.IPhoneX(device.ModeNormal)
	s := fixture.State(d)
	c.Apply(s)
	if c.Activity.Text != tr.T("activity.back-up-now") {
		t.Fatalf("before any activity, a trusted phone: %q", c.Activity.Text)
	}
	acts := activity.NewTracker([]string{backingUp(t, d)}, nil).For(s)
	c.ApplyActivity(acts)
	if !c.Activity.Visible() || !strings.HasPrefix(c.Activity.Text, "Still working: 2.0 MB backed up") || c.Activity.Importance == widget.WarningImportance {
		t.Fatalf("a backup writing now: %q (visible %v, importance %v)", c.Activity.Text, c.Activity.Visible(), c.Activity.Importance)
	}
	acts[d.Key] = activity.Activity{Kind: activity.KindBackup, State: activity.StateStalled, Advice: tr.Raw("No progress for 30 minutes.")}
	c.ApplyActivity(acts)
	if c.Activity.Text != "No progress for 30 minutes." || c.Activity.Importance != widget.WarningImportance {
		t.Fatalf("a stalled backup: %q, importance %v", c.Activity.Text, c.Activity.Importance)
	}
	c.Apply(device.State{})
	if c.Activity.Visible() {
		t.Fatalf("the activity of a phone that left: %q", c.Activity.Text)
	}
}

// While a backup moves the computer stays awake, and says why.
func TestComputerStaysAwakeWhileABackupMoves(t *testing.T) {
	locks := &heldLocks{}
	c, q, _ := newTestComputer(t, locks)
	d := fixture.IPhoneX(device.ModeNormal)
	s := fixture.State(d)
	c.Apply(s, "")
	drainUntil(t, q, "no lock for a phone in normal mode", func() bool { return len(locks.now()) == 0 })
	c.setBackingUp(activity.NewTracker([]string{backingUp(t, d)}, nil).For(s))
	drainUntil(t, q, "the lock for the backup", func() bool {
		return len(locks.now()) == 1 && strings.Contains(c.Awake.Text.Text, awake.WhyBackup.String())
	})
	c.setBackingUp(map[string]activity.Activity{d.Key: {Kind: activity.KindBackup, State: activity.StateDone}})
	drainUntil(t, q, "released when the backup is done", func() bool { return len(locks.now()) == 0 })
}

// While the phone runs and trusts this computer and nothing else is going
// on, the card says to back it up first; not before Trust, not in other
// modes, and a running backup's own sentence comes instead.
func TestCardSaysBackUpNowWhileThePhoneWorks(t *testing.T) {
	c, _ := newCard(t)
	d := fixture.IPhoneX(device.ModeNormal)
	for trust, want := range map[device.Trust]bool{device.TrustTrusted: true, device.TrustPending: false, device.TrustUnknown: false} {
		d.Trust = trust
		c.Apply(fixture.State(d))
		if got := c.Activity.Visible() && c.Activity.Text == tr.T("activity.back-up-now"); got != want {
			t.Errorf("trust %s: back-up sentence shown %v (%q)", trust, got, c.Activity.Text)
		}
	}
	d.Trust = device.TrustTrusted
	c.Apply(fixture.State(d))
	c.ApplyActivity(map[string]activity.Activity{d.Key: {Kind: activity.KindBackup, State: activity.StateWorking, Advice: tr.Raw("Still working.")}})
	if c.Activity.Text != "Still working." {
		t.Errorf("during a backup: %q", c.Activity.Text)
	}
	c.ApplyActivity(nil)
	r := fixture.IPhoneX(device.ModeRecovery)
	c.Apply(fixture.State(r))
	if c.Activity.Visible() {
		t.Errorf("in recovery mode: %q", c.Activity.Text)
	}
}

// The ladder tab gets the activities the card gets: while a real tracker
// sees the backup folder grow, "wait" leads it, and the report is told.
func TestLadderTabWaitsWhileABackupMoves(t *testing.T) {
	c, _, _ := newTestComputer(t, &heldLocks{})
	d := fixture.IPhoneX(device.ModeNormal)
	s := fixture.State(d)
	c.Apply(s, "")
	if c.Ladder.Rows[0].Step.ID == ladder.StepWait {
		t.Fatal("a wait before any activity")
	}
	c.ApplyActivity(activity.NewTracker([]string{backingUp(t, d)}, nil).For(s))
	if first := c.Ladder.Rows[0]; first.Step.ID != ladder.StepWait || first.Status.Text != "Now" || !strings.HasPrefix(first.Detail.Text, "Still working: 2.0 MB") {
		t.Errorf("first row %s %q %q", first.Step.ID, first.Status.Text, first.Detail.Text)
	}
	if o := c.reportOptions(); o.Activities[d.Key].Kind != activity.KindBackup {
		t.Errorf("the report's activities: %+v", o.Activities)
	}
}

// The first tab's timeline says a change of activity in words.
func TestTimelineSaysTheActivityChange(t *testing.T) {
	c, _ := newCard(t)
	d := fixture.IPhoneX(device.ModeNormal)
	s := fixture.State(d)
	s.Timeline = append(s.Timeline, device.Event{At: time.Now(), Kind: device.EventActivity, Key: d.Key, Device: d.Name(),
		From: "slow", To: "stalled", Detail: tr.Raw("Backup: no progress for 25 minutes")})
	c.Apply(s)
	if shown := strings.Join(c.Timeline.Shown(), "|"); !strings.Contains(shown, "Backup: no progress for 25 minutes") || strings.Contains(shown, "stalled") {
		t.Errorf("timeline %q", shown)
	}
}

// A phone that left during an update and has not come back is told on
// the first tab from the tracker's away answer: as the badge when no
// phone is left, as the departed line beside another phone.
func TestCardSaysAPhoneLeftDuringTheUpdate(t *testing.T) {
	c, _ := newCard(t)
	x := fixture.IPhoneX(device.ModeRestore)
	s := device.State{Timeline: []device.Event{
		{At: now.Add(-20 * time.Minute), Kind: device.EventModeChanged, Key: x.Key, Device: x.Name(), From: "recovery", To: "restore"},
		{At: now.Add(-5 * time.Minute), Kind: device.EventDetached, Key: x.Key, Device: x.Name(), From: "restore"},
	}}
	acts := activity.NewTracker(nil, func() time.Time { return now }).Away(s)
	c.Apply(s)
	c.ApplyActivity(acts)
	if c.Badge.Headline.Text != "It left during the update" || !strings.Contains(c.Badge.Meaning.Text, "has not come back for 5 minutes") {
		t.Errorf("no phone left: %q / %q", c.Badge.Headline.Text, c.Badge.Meaning.Text)
	}
	other := fixture.IPhoneX(device.ModeNormal)
	other.Key, other.UDID = "udid:other", "other"
	s.Devices = []device.Device{other}
	c.Apply(s)
	if !c.Departed.Visible() || !strings.Contains(c.Departed.Text, "left during the update and has not come back") {
		t.Errorf("beside another phone: %q (shown %v)", c.Departed.Text, c.Departed.Visible())
	}
	c.ApplyActivity(nil)
	if c.Departed.Visible() {
		t.Errorf("nothing away, yet %q", c.Departed.Text)
	}
}
