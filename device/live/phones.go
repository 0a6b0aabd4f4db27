package live

import (
	"context"
	"sync"
	"time"

	"unstuck/device"
	"unstuck/device/muxsource"
	"unstuck/device/usbmux"
)

// PhoneSignals takes what trusted phones' own logs and passcode prompts
// say (activity.Signals).
type PhoneSignals interface {
	Line(udid, process, message string, at time.Time)
	Prompt(udid string, shown bool, at time.Time)
	Forget(udid string)
}

// Polite reconnection: a reader that failed waits ReaderRetry, doubling
// up to ReaderRetryMax, before it connects again; one that ran a minute
// starts again from ReaderRetry.
const (
	ReaderRetry    = time.Second
	ReaderRetryMax = 30 * time.Second
)

// logProcesses are the phone's processes whose lines are kept: the backup's
// (libimobiledevice's maintainer asks for `idevicesyslog -p backupd -p
// BackupAgent2` beside a backup, #1135 #1193).
var logProcesses = []string{"BackupAgent2", "backupd"}

// promptNames are the only notifications observed: the passcode prompt.
var promptNames = []string{usbmux.PasscodePromptPresented, usbmux.PasscodePromptDismissed}

// FollowPhones reads the syslog relay and the passcode prompt of every
// phone of the States that is attached in normal mode and trusts this
// computer, into sig, until ctx ends. It runs whenever such a phone is
// connected, not only during a backup: listening is harmless (nothing is
// written to the phone; the notification proxy is asked to observe, never
// to post), it is how a backup that has not written anything yet is seen
// at all, and it costs two connections a phone, a line cut at
// muxsource.MaxLogLine bytes and muxsource.LogRate lines a second at most.
// A phone that leaves, or stops trusting, has its readers stopped and is
// forgotten.
func FollowPhones(ctx context.Context, o Options, states <-chan device.State, sig PhoneSignals) {
	src := muxsource.New(muxsource.Options{Address: o.MuxAddress, Logger: o.Logger, NoPair: true, IdentityFile: "-"})
	running := map[string]context.CancelFunc{}
	var wg sync.WaitGroup
	defer wg.Wait()
	for {
		var s device.State
		select {
		case <-ctx.Done():
			for _, stop := range running {
				stop()
			}
			return
		case s = <-states:
		}
		want := map[string]bool{}
		for _, d := range s.Devices {
			if d.Mode == device.ModeNormal && d.Trust == device.TrustTrusted && d.UDID != "" {
				want[d.UDID] = true
			}
		}
		for udid, stop := range running {
			if !want[udid] {
				stop()
				delete(running, udid)
				sig.Forget(udid)
			}
		}
		for udid := range want {
			if running[udid] != nil {
				continue
			}
			pctx, stop := context.WithCancel(ctx)
			running[udid] = stop
			wg.Add(2)
			go func() {
				defer wg.Done()
				retry(pctx, func() error {
					return src.FollowLog(pctx, udid, logProcesses, func(l muxsource.LogLine) { sig.Line(udid, l.Process, l.Message, l.At) })
				})
			}()
			go func() {
				defer wg.Done()
				retry(pctx, func() error {
					return src.FollowNotifications(pctx, udid, promptNames, func(name string, at time.Time) {
						sig.Prompt(udid, name == usbmux.PasscodePromptPresented, at)
					})
				})
			}()
		}
	}
}

// retry runs follow again after each end, with a growing wait, until ctx ends.
func retry(ctx context.Context, follow func() error) {
	wait := ReaderRetry
	for ctx.Err() == nil {
		began := time.Now()
		_ = follow()
		if time.Since(began) > time.Minute {
			wait = ReaderRetry
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
		wait = min(2*wait, ReaderRetryMax)
	}
}
