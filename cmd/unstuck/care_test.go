package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

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

// The app keeps the computer awake while the phone updates and says so,
// lets go when it is done, and the user's switch turns it off.
func TestCareKeepsTheComputerAwakeDuringAnUpdate(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("t")
	locks := &heldLocks{}
	k := awake.NewKeeper(locks, nil)
	defer k.Close()
	c := newCare(context.Background(), w, k, nil)
	c.Apply(restoring)
	waitFor(t, "the lock and its words", func() bool {
		return len(locks.now()) == 1 && strings.Contains(c.awake.Text.Text, awake.WhyUpdating)
	})
	normal := restoring
	normal.Devices = []device.Device{{Key: "ecid:1", Mode: device.ModeNormal}}
	c.Apply(normal)
	waitFor(t, "the lock released", func() bool { return len(locks.now()) == 0 })
	c.setGuiding(true)
	waitFor(t, "held while a procedure runs", func() bool { return len(locks.now()) == 1 })
	test.Tap(c.awake.Switch) // off
	waitFor(t, "released when switched off", func() bool { return len(locks.now()) == 0 && !c.kept.Enabled })
}

// Check again runs the computer's real checks off the UI goroutine; the
// panel, the backups and the ladder all take them in.
func TestCareChecksTheComputerAndTicksTheLadder(t *testing.T) {
	a := test.NewTempApp(t)
	k := awake.NewKeeper(&heldLocks{}, nil)
	defer k.Close()
	c := newCare(context.Background(), a.NewWindow("t"), k, nil)
	c.latest = func() device.State { return restoring }
	c.Apply(restoring)
	settled(t, c)
	if got := c.ladder.Rows[2].Detail.Text; !strings.Contains(got, "not been checked") {
		t.Fatalf("before the check: %q", got)
	}
	done := make(chan struct{})
	c.checked = func() { close(done) }
	c.checkAgain()
	if !c.host.CheckAgain.Disabled() {
		t.Error("Check again stays enabled while checking")
	}
	select {
	case <-done:
	case <-time.After(15 * time.Second):
		t.Fatal("the checks never ended")
	}
	if len(c.host.Rows) == 0 || c.host.CheckAgain.Disabled() {
		t.Errorf("%d rows shown", len(c.host.Rows))
	}
	if got := c.ladder.Rows[2]; strings.Contains(got.Detail.Text, "not been checked") || got.Step.ID != ladder.StepUpdateHost {
		t.Errorf("ladder after the check: %+v", got.Step)
	}
	// The USB check follows the phones after the check was run.
	usbRow := func() string {
		for _, r := range c.host.Rows {
			if r.Check.ID == "usb.devices" {
				return r.Found.Text
			}
		}
		return ""
	}
	slow := restoring
	slow.Devices = []device.Device{{Key: "ecid:1", Mode: device.ModeNormal, Model: "iPhone X (Global)", USB: device.USBInfo{SpeedMbps: 12}}}
	c.Apply(slow)
	if got := usbRow(); !strings.Contains(got, "iPhone X (Global) in normal mode") {
		t.Errorf("USB check after the phone changed: %q", got)
	}
	test.Tap(c.ladder.Rows[0].Tick)
	if !c.ticked[ladder.StepRestart] || c.ladder.Rows[0].Status.Text != "Done" {
		t.Error("ticking the first step did not stick")
	}
}

// The report is built from the session, redacted unless asked, saved
// atomically; a folder that cannot take it leaves the report in hand.
func TestReportExport(t *testing.T) {
	a := test.NewTempApp(t)
	k := awake.NewKeeper(&heldLocks{}, nil)
	defer k.Close()
	w := a.NewWindow("t")
	c := newCare(context.Background(), w, k, nil)
	c.Apply(restoring)
	settled(t, c)
	e := c.export

	test.Tap(e.Copy)
	waitFor(t, "the summary on the clipboard", func() bool { return strings.Contains(e.Status.Text, "copied") })
	text := a.Clipboard().Content()
	if !strings.Contains(text, "iPhone X") || strings.Contains(text, "001A2B3C4D5E6F70") {
		t.Errorf("summary:\n%s", text)
	}

	dir := t.TempDir()
	saved := make(chan string, 1)
	e.saved = func(p string) { saved <- p }
	path := filepath.Join(dir, "report.zip")
	e.writeTo(path, []byte("PK zip bytes"), time.Now(), false)
	select {
	case p := <-saved:
		if b, err := os.ReadFile(p); err != nil || string(b) != "PK zip bytes" {
			t.Errorf("saved %q: %v", b, err)
		}
	case <-time.After(5 * time.Second):
		t.Fatalf("not saved: %s", e.Status.Text)
	}
	// A file of the same name is left alone until the user says replace.
	e.writeTo(path, []byte("newer"), time.Now(), false)
	waitFor(t, "the question", func() bool { return strings.Contains(e.Status.Text, "already exists") })
	if b, _ := os.ReadFile(path); string(b) != "PK zip bytes" {
		t.Errorf("the existing report was touched: %q", b)
	}
	e.writeTo(filepath.Join(dir, "no-such-folder", "r.zip"), []byte("x"), time.Now(), false)
	waitFor(t, "the failure said", func() bool { return strings.HasPrefix(e.Status.Text, "Not saved") })
	if !strings.Contains(e.Status.Text, "folder does not exist") {
		t.Errorf("status %q", e.Status.Text)
	}
	// The failure is among the report's recent errors.
	if o := c.collectOptions(); len(o.Errors) != 1 || !strings.Contains(o.Errors[0], "saving the report") {
		t.Errorf("recent errors %q", o.Errors)
	}
}

// settled waits for the keeper to take its lock: its status reaches the
// bar through fyne.Do, which the test driver runs on the caller's
// goroutine, so nothing else may draw meanwhile.
func settled(t *testing.T, c *care) {
	t.Helper()
	waitFor(t, "the keeper settled", func() bool { return c.kept.Held })
	time.Sleep(50 * time.Millisecond)
}
