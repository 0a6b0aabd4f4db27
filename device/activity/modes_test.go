package activity_test

import (
	"context"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"unstuck/device"
	"unstuck/device/activity"
	"unstuck/device/fixture"
	"unstuck/device/watch"
)

// phoneX follows the iPhone X through a real watcher over scripted
// sources, in a synctest bubble whose clock the tracker reads too.
type phoneX struct {
	t   *testing.T
	mux *fixture.Mux
	usb *fixture.USB
	w   *watch.Watcher
	tr  *activity.Tracker
}

func newPhoneX(t *testing.T) *phoneX {
	p := &phoneX{t: t, mux: fixture.NewMux(), usb: &fixture.USB{}}
	p.w = watch.New(watch.Options{Mux: p.mux, USB: p.usb})
	p.tr = activity.NewTracker(nil, nil) // time.Now: the bubble's clock
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { p.w.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	<-p.w.Ready()
	return p
}

func (p *phoneX) in(mode device.Mode) {
	switch mode {
	case device.ModeNormal:
		m := fixture.IPhoneXOnMux()
		m.Trust = device.TrustTrusted
		p.mux.Set([]device.MuxDevice{m}, nil)
		p.usb.Set([]device.USBDevice{fixture.IPhoneXOnUSB(device.ModeNormal)}, nil)
	case device.ModeRestore:
		p.usb.Set(nil, nil)
		p.mux.Set([]device.MuxDevice{{DeviceID: 2, UDID: fixture.XUDID, ProductID: 0x12a8, Mode: device.ModeRestore}}, nil)
	default:
		p.mux.Set(nil, nil)
		p.usb.Set([]device.USBDevice{fixture.IPhoneXOnUSB(mode)}, nil)
	}
	p.wait(3 * time.Second)
}

func (p *phoneX) wait(d time.Duration) {
	time.Sleep(d)
	synctest.Wait()
}

// until moves the bubble's clock to t.
func (p *phoneX) until(t time.Time) { p.wait(time.Until(t)) }

func (p *phoneX) want(step string, kind activity.Kind, state activity.State, advice string) activity.Activity {
	p.t.Helper()
	s := p.w.State()
	if len(s.Devices) != 1 {
		p.t.Fatalf("%s: devices %+v", step, s.Devices)
	}
	a := p.tr.For(s)[s.Devices[0].Key]
	if a.Kind != kind || a.State != state || !strings.Contains(a.Advice.In("en"), advice) {
		p.t.Fatalf("%s (%s mode): got %s/%s %q, want %s/%s with %q\ntimeline %+v", step, s.Devices[0].Mode,
			a.Kind, a.State, a.Advice, kind, state, advice, s.Timeline)
	}
	return a
}

func TestAnUpdateThatFallsBackToRecoveryStopped(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		th := activity.Default
		p := newPhoneX(t)
		p.in(device.ModeNormal)
		p.want("normal mode", activity.KindNone, activity.StateNone, "")
		p.in(device.ModeRecovery)
		entered := time.Now()
		a := p.want("sent to recovery", activity.KindUpdate, activity.StatePreparing, "restore mode within 4 minutes")
		if a.Since.After(entered) || entered.Sub(a.Since) > 3*time.Second {
			t.Fatalf("since %v, entered recovery mode about %v", a.Since, entered)
		}
		p.in(device.ModeRestore)
		a = p.want("in restore mode", activity.KindUpdate, activity.StateWorking, "normal for up to 30 minutes; do not unplug")
		p.until(a.Since.Add(th.RestoreNormal - time.Second))
		p.want("a second before 30 minutes", activity.KindUpdate, activity.StateWorking, "do not unplug")
		p.until(a.Since.Add(th.RestoreNormal))
		p.want("30 minutes in", activity.KindUpdate, activity.StateSlow, "in restore mode for 30 minutes, longer than usual")
		p.until(a.Since.Add(th.RestoreLong - time.Second))
		p.want("a second before an hour", activity.KindUpdate, activity.StateSlow, "longer than usual")
		p.until(a.Since.Add(th.RestoreLong))
		p.want("an hour in", activity.KindUpdate, activity.StateStalled, "much longer than usual")
		p.in(device.ModeRecovery)
		p.want("fell back", activity.KindUpdate, activity.StateInterrupted,
			"The update stopped and the phone went back to recovery mode: it is safe; try again")
	})
}

func TestRecoveryModeWithNoUpdateComingIsSaidSo(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		th := activity.Default
		p := newPhoneX(t)
		p.in(device.ModeNormal)
		p.in(device.ModeRecovery)
		a := p.want("sent to recovery", activity.KindUpdate, activity.StatePreparing, "restore mode within")
		p.until(a.Since.Add(th.RestoreArrival - 7*time.Second))
		p.want("under 5 minutes", activity.KindUpdate, activity.StatePreparing, "within 7 seconds")
		p.until(a.Since.Add(th.RestoreArrival))
		p.want("5 minutes", activity.KindUpdate, activity.StateStalled, "for 5 minutes: no update is running. It is safe")
	})
}

func TestARestoreFromDFUAndItsEnd(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		p := newPhoneX(t)
		p.in(device.ModeNormal) // so restore mode is known as the same phone
		p.in(device.ModeDFU)
		p.want("DFU mode", activity.KindNone, activity.StateNone, "")
		p.in(device.ModeRestore)
		p.want("restoring", activity.KindRestore, activity.StateWorking, "being restored")
		p.in(device.ModeNormal)
		a := p.want("back", activity.KindUpdate, activity.StateDone, "The update finished")
		p.until(a.Since.Add(activity.Default.UpdateOutcomeShown - time.Second))
		p.want("nearly an hour back", activity.KindUpdate, activity.StateDone, "The update finished")
		p.until(a.Since.Add(activity.Default.UpdateOutcomeShown))
		p.want("an hour back", activity.KindNone, activity.StateNone, "")
	})
}

// A phone first seen in recovery mode: no update was seen starting.
func TestRecoveryModeFirstSeenIsNoUpdate(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		p := newPhoneX(t)
		p.in(device.ModeRecovery)
		p.want("first seen in recovery", activity.KindNone, activity.StateNone, "")
	})
}

// A phone that leaves USB in restore mode: a restart at first, then one
// that left during the update; back in recovery mode, the update stopped.
func TestAPhoneThatLeftDuringTheUpdate(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		th := activity.Default
		p := newPhoneX(t)
		p.in(device.ModeNormal)
		p.in(device.ModeRecovery)
		p.in(device.ModeRestore)
		p.mux.Set(nil, nil) // the phone leaves
		p.wait(3 * time.Second)
		away := func(step string, state activity.State, advice string) activity.Activity {
			t.Helper()
			s := p.w.State()
			if len(s.Devices) != 0 {
				t.Fatalf("%s: devices %+v", step, s.Devices)
			}
			all := p.tr.Away(s)
			if len(all) != 1 {
				t.Fatalf("%s: away %+v (timeline %+v)", step, all, s.Timeline)
			}
			for _, a := range all {
				if a.Kind != activity.KindUpdate || a.State != state || !strings.Contains(a.Advice.In("en"), advice) {
					t.Fatalf("%s: %+v", step, a)
				}
				return a
			}
			return activity.Activity{}
		}
		a := away("just left", activity.StateWorking, "restarted during the update")
		p.until(a.Since.Add(th.RestoreRejoin))
		away("a minute gone", activity.StateInterrupted, "left during the update and has not come back for 1 minute")
		p.until(a.Since.Add(10 * time.Minute))
		p.in(device.ModeRecovery)
		back := p.want("back in recovery", activity.KindUpdate, activity.StateInterrupted, "The update stopped")
		p.until(back.Since.Add(th.UpdateOutcomeShown - time.Second))
		p.want("back nearly an hour", activity.KindUpdate, activity.StateInterrupted, "The update stopped")
		if got := p.tr.Away(p.w.State()); len(got) != 0 {
			t.Errorf("back, and still away: %+v", got)
		}
	})
}
