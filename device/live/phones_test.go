package live

import (
	"context"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"unstuck/device"
	"unstuck/device/activity"
	"unstuck/device/muxsim"
	"unstuck/device/usbmux"
)

// backupPhone is a watcher and the phone readers over the simulator's
// trusted phone, answering through a Tracker whose clock runs ahead by
// the returned offset (in nanoseconds) when a test sets it.
type backupPhone struct {
	t       *testing.T
	sim     *muxsim.Sim
	udid    string
	tracker *activity.Tracker
	ahead   atomic.Int64
	states  <-chan device.State
	last    device.State
}

func newBackupPhone(t *testing.T) *backupPhone {
	dir, err := os.MkdirTemp("", "lv")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	sim, err := muxsim.Open(filepath.Join(dir, "s.sock"), "trusted")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sim.Close() })
	ctx, cancel := context.WithCancel(context.Background())
	o := Options{MuxAddress: sim.Address(), NoUSB: true, NoPair: true}
	w := NewWatcher(o)
	states, unsub := w.Latest()
	mine, unsub2 := w.Latest()
	done := make(chan struct{})
	sig := activity.NewSignals()
	go func() { _ = w.Run(ctx) }()
	go func() { FollowPhones(ctx, o, states, sig); close(done) }()
	t.Cleanup(func() { cancel(); <-done; unsub(); unsub2() })
	p := &backupPhone{t: t, sim: sim, udid: sim.Phones()[0].UDID, states: mine}
	p.tracker = &activity.Tracker{Signals: sig, T: activity.Default, Now: func() time.Time { return time.Now().Add(time.Duration(p.ahead.Load())) }}
	return p
}

// await logs or posts (again and again: the readers may still be
// connecting) until the phone's activity satisfies ok.
func (p *backupPhone) await(what string, poke func(), ok func(activity.Activity) bool) activity.Activity {
	p.t.Helper()
	var a activity.Activity
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); {
		if poke != nil {
			poke()
		}
		select {
		case p.last = <-p.states:
		case <-time.After(50 * time.Millisecond):
		}
		for _, d := range p.last.Devices {
			if d.UDID == p.udid {
				a = p.tracker.For(p.last)[d.Key]
			}
		}
		if ok(a) {
			return a
		}
	}
	p.t.Fatalf("%s: the activity stayed %+v", what, a)
	return a
}

func (p *backupPhone) log(lines ...string) func() { return func() { _ = p.sim.Log(p.udid, lines...) } }
func (p *backupPhone) note(name string) func()    { return func() { _ = p.sim.Notify(p.udid, name) } }

func state(s activity.State) func(activity.Activity) bool {
	return func(a activity.Activity) bool { return a.Kind == activity.KindBackup && a.State == s }
}

// TestABackupToldByThePhone follows a backup the folder cannot see, through
// the real path: the simulator's syslog relay and notification proxy,
// muxsource's readers, FollowPhones, Signals and the Tracker.
func TestABackupToldByThePhone(t *testing.T) {
	p := newBackupPhone(t)
	p.await("a trusted phone, nothing going on", nil, func(a activity.Activity) bool { return a.Kind == activity.KindNone })
	a := p.await("the backup starts", p.log("backupd[123] <Notice>: Starting backup"), state(activity.StatePreparing))
	if a.PhonePhase != activity.LogStarting || a.Advice.In("en") != "Your iPhone is preparing files for the backup (no action needed)." {
		t.Errorf("starting: %+v", a)
	}
	a = p.await("the passcode prompt", p.note(usbmux.PasscodePromptPresented), state(activity.StatePasscode))
	if a.PasscodeSince.IsZero() || a.Advice.In("en")[:len("Enter your passcode on the iPhone: the backup is waiting for it.")] != "Enter your passcode on the iPhone: the backup is waiting for it." {
		t.Errorf("passcode: %+v", a)
	}
	p.ahead.Store(int64(activity.Default.BackupPasscode + time.Second))
	a = p.await("the prompt unanswered past the phone's wait", nil, state(activity.StateInterrupted))
	if a.Problem != activity.ProblemPasscodeTimeout {
		t.Errorf("gave up: %+v", a)
	}
	p.ahead.Store(0)
	p.await("the passcode entered", p.note(usbmux.PasscodePromptDismissed), state(activity.StatePreparing))
	p.await("scanning", p.log("BackupAgent2[345] <Notice>: Finished scanning domain HomeDomain, size:1.2 MB, files:312, dirs:48"),
		func(a activity.Activity) bool {
			return a.PhonePhase == activity.LogScanning && a.State == activity.StatePreparing
		})
	a = p.await("uploading", p.log("BackupAgent2[345] <Notice>: Uploaded 312 files of 48.2 MB in 2.1 s at 22.9 MB/s"),
		func(a activity.Activity) bool { return a.PhonePhase == activity.LogUploading })
	if a.State != activity.StateWorking || a.PhoneFiles < 312 {
		t.Errorf("uploading: %+v", a)
	}
	a = p.await("the disk is full", p.log("BackupAgent2[345] <Error>: Insufficient free disk space"), state(activity.StateStalled))
	if a.Problem != activity.ProblemDiskFull {
		t.Errorf("disk full: %+v", a)
	}
	_ = p.sim.Detach(p.udid)
	p.await("the phone left and was forgotten", nil, func(activity.Activity) bool {
		_, said := p.tracker.Signals.For(p.udid)
		return len(p.last.Devices) == 0 && !said
	})
}
