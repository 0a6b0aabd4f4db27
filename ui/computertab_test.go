package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"unstuck/device"
	"unstuck/device/awake"
	"unstuck/device/ladder"
)

// heldLocks is an awake.Inhibitor standing in for the operating system's
// sleep lock: it records what is held.
type heldLocks struct {
	mu   sync.Mutex
	held []string
}

type heldLock struct {
	l   *heldLocks
	why string
}

func (h *heldLocks) Acquire(_ context.Context, why string) (awake.Lock, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.held = append(h.held, why)
	return heldLock{h, why}, nil
}

func (h *heldLocks) now() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.held...)
}

func (l heldLock) Method() string        { return "test" }
func (l heldLock) Lost() <-chan struct{} { return nil }
func (l heldLock) Release() error {
	l.l.mu.Lock()
	defer l.l.mu.Unlock()
	for i, w := range l.l.held {
		if w == l.why {
			l.l.held = append(l.l.held[:i], l.l.held[i+1:]...)
			break
		}
	}
	return nil
}

var restoring = device.State{Updated: time.Now(), Devices: []device.Device{{Key: "ecid:1", Mode: device.ModeRestore,
	Model: "iPhone X (Global)", ProductType: "iPhone10,3", UDID: "00008030-001A2B3C4D5E6F70"}}}

// newTestComputer makes the computer tab over a keeper that takes its
// locks from locks, with the real checks; background work is posted to the
// returned queue.
func newTestComputer(t *testing.T, locks *heldLocks) (*ComputerTab, *Queue, fyne.App) {
	t.Helper()
	a := test.NewTempApp(t)
	k := awake.NewKeeper(locks, nil)
	t.Cleanup(k.Close)
	q := NewQueue()
	c := NewComputerTab(ComputerTabOptions{Ctx: context.Background(), Window: a.NewWindow("t"), Post: q.Post,
		Phones: fixedPhones{restoring}, Keeper: k, Version: "test"})
	return c, q, a
}

// fixedPhones is a watcher that always has the same State.
type fixedPhones struct{ s device.State }

func (f fixedPhones) State() device.State { return f.s }

// The app keeps the computer awake while the phone updates and says so,
// lets go when it is done, and the user's switch turns it off.
func TestComputerKeepsTheComputerAwakeDuringAnUpdate(t *testing.T) {
	locks := &heldLocks{}
	c, q, _ := newTestComputer(t, locks)
	c.Apply(restoring, "")
	drainUntil(t, q, "the lock and its words", func() bool {
		return len(locks.now()) == 1 && strings.Contains(c.Awake.Text.Text, awake.WhyUpdating.String())
	})
	normal := restoring
	normal.Devices = []device.Device{{Key: "ecid:1", Mode: device.ModeNormal}}
	c.Apply(normal, "")
	drainUntil(t, q, "the lock released", func() bool { return len(locks.now()) == 0 })
	c.SetGuiding(true)
	drainUntil(t, q, "held while a procedure runs", func() bool { return len(locks.now()) == 1 })
	test.Tap(c.Awake.Switch) // off
	drainUntil(t, q, "released when switched off", func() bool { return len(locks.now()) == 0 && !c.kept.Enabled })
}

// Check again runs the computer's real checks off the UI goroutine; the
// panel, the backups and the ladder all take them in.
func TestComputerChecksTheComputerAndTicksTheLadder(t *testing.T) {
	c, q, _ := newTestComputer(t, &heldLocks{})
	c.Apply(restoring, "")
	if got := rowOf(t, c.Ladder, ladder.StepUpdateHost).Detail.Text; !strings.Contains(got, "not been checked") {
		t.Fatalf("before the check: %q", got)
	}
	c.CheckAgain()
	if !c.Host.CheckAgain.Disabled() {
		t.Error("Check again stays enabled while checking")
	}
	drainUntil(t, q, "the checks", func() bool { return !c.Host.CheckAgain.Disabled() })
	if len(c.Host.Rows) == 0 {
		t.Errorf("%d rows shown", len(c.Host.Rows))
	}
	if got := rowOf(t, c.Ladder, ladder.StepUpdateHost); strings.Contains(got.Detail.Text, "not been checked") {
		t.Errorf("ladder after the check: %+v", got.Step)
	}
	// The USB check follows the phones after the check was run.
	usbRow := func() string {
		for _, r := range c.Host.Rows {
			if r.Check.ID == "usb.devices" {
				return r.Found.Text
			}
		}
		return ""
	}
	slow := restoring
	slow.Devices = []device.Device{{Key: "ecid:1", Mode: device.ModeNormal, Model: "iPhone X (Global)", USB: device.USBInfo{SpeedMbps: 12}}}
	c.Apply(slow, "")
	if got := usbRow(); !strings.Contains(got, "iPhone X (Global) in normal mode") {
		t.Errorf("USB check after the phone changed: %q", got)
	}
	test.Tap(rowOf(t, c.Ladder, ladder.StepRestart).Tick)
	if !c.ticked[ladder.StepRestart] || rowOf(t, c.Ladder, ladder.StepRestart).Status.Text != "Done" {
		t.Error("ticking the first step did not stick")
	}
}

// The report is built from the session, redacted unless asked, saved
// atomically; a folder that cannot take it leaves the report in hand.
func TestReportPanel(t *testing.T) {
	c, q, a := newTestComputer(t, &heldLocks{})
	c.Apply(restoring, "")
	e := c.Report

	test.Tap(e.Copy)
	drainUntil(t, q, "the summary on the clipboard", func() bool { return strings.Contains(e.Status.Text, "copied") })
	text := a.Clipboard().Content()
	if !strings.Contains(text, "iPhone X") || strings.Contains(text, "001A2B3C4D5E6F70") {
		t.Errorf("summary:\n%s", text)
	}

	dir := t.TempDir()
	path := filepath.Join(dir, "report.zip")
	e.WriteTo(path, []byte("PK zip bytes"), time.Now(), false)
	drainUntil(t, q, "saved", func() bool { return strings.HasPrefix(e.Status.Text, "Saved") })
	if b, err := os.ReadFile(path); err != nil || string(b) != "PK zip bytes" {
		t.Errorf("saved %q: %v", b, err)
	}
	// A file of the same name is left alone until the user says replace.
	e.WriteTo(path, []byte("newer"), time.Now(), false)
	drainUntil(t, q, "the question", func() bool { return strings.Contains(e.Status.Text, "already exists") })
	if b, _ := os.ReadFile(path); string(b) != "PK zip bytes" {
		t.Errorf("the existing report was touched: %q", b)
	}
	e.WriteTo(filepath.Join(dir, "no-such-folder", "r.zip"), []byte("x"), time.Now(), false)
	drainUntil(t, q, "the failure said", func() bool { return strings.HasPrefix(e.Status.Text, "Not saved") })
	if !strings.Contains(e.Status.Text, "folder does not exist") {
		t.Errorf("status %q", e.Status.Text)
	}
	// The failure is among the report's recent errors.
	if o := c.reportOptions(); len(o.Errors) != 1 || !strings.Contains(o.Errors[0], "saving the report") {
		t.Errorf("recent errors %q", o.Errors)
	}
}
