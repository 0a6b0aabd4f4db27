package watch

import (
	"context"
	"errors"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"unstuck/device"
	"unstuck/device/fixture"
	"unstuck/device/tr"
)

// runWatcher starts a watcher inside a synctest bubble; cleanup stops it.
func runWatcher(t *testing.T, o Options) (*Watcher, context.CancelFunc) {
	return start(t, New(o))
}

func settle(d time.Duration) {
	time.Sleep(d)
	synctest.Wait()
}

func kinds(events []device.Event) []string {
	var out []string
	for _, e := range events {
		s := string(e.Kind)
		if e.To != "" {
			s += ":" + e.To
		}
		out = append(out, s)
	}
	return out
}

func TestWatcherFollowsDFUToRecoveryByECID(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		usb := &fixture.USB{}
		w, _ := runWatcher(t, Options{USB: usb})
		settle(time.Second)
		if n := len(w.State().Devices); n != 0 {
			t.Fatalf("%d devices before anything was plugged in", n)
		}
		usb.Set([]device.USBDevice{fixture.IPhoneXOnUSB(device.ModeDFU)}, nil)
		settle(200 * time.Millisecond)
		s := w.State()
		if len(s.Devices) != 1 || s.Devices[0].Mode != device.ModeDFU || s.Devices[0].Model != "iPhone X (Global)" {
			t.Fatalf("after plugging a DFU phone: %+v", s.Devices)
		}
		usb.Set(nil, nil)
		settle(200 * time.Millisecond)
		s = w.State()
		if len(s.Devices) != 0 || len(s.Departed) != 1 || s.Departed[0].Mode != device.ModeDFU {
			t.Fatalf("after the phone left: devices %+v departed %+v", s.Devices, s.Departed)
		}
		usb.Set([]device.USBDevice{fixture.IPhoneXOnUSB(device.ModeRecovery)}, nil)
		settle(200 * time.Millisecond)
		s = w.State()
		if len(s.Devices) != 1 || s.Devices[0].Mode != device.ModeRecovery || len(s.Departed) != 0 {
			t.Fatalf("after it came back in recovery: %+v", s)
		}
		if s.Devices[0].Stability.Flaps != 0 {
			t.Errorf("a mode change is not a flap: %d", s.Devices[0].Stability.Flaps)
		}
		got := kinds(s.Timeline)
		want := []string{"attached:dfu", "detached", "attached:recovery", "mode-changed:recovery"}
		if len(got) != len(want) {
			t.Fatalf("timeline %v, want %v", got, want)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("timeline %v, want %v", got, want)
			}
		}
		settle(61 * time.Second)
		if d := w.State().Departed; len(d) != 0 {
			t.Errorf("departed devices linger past the window: %+v", d)
		}
	})
}

func TestWatcherCountsFlaps(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mux := fixture.NewMux()
		w, _ := runWatcher(t, Options{Mux: mux})
		for range 3 {
			mux.Set([]device.MuxDevice{fixture.IPhone12OnMux()}, nil)
			settle(500 * time.Millisecond)
			mux.Set(nil, nil)
			settle(500 * time.Millisecond)
		}
		mux.Set([]device.MuxDevice{fixture.IPhone12OnMux()}, nil)
		settle(100 * time.Millisecond)
		s := w.State()
		if len(s.Devices) != 1 || s.Devices[0].Stability.Flaps != 3 {
			t.Fatalf("flaps %+v, want 3 reconnects", s.Devices)
		}
		settle(70 * time.Second)
		if f := w.State().Devices[0].Stability.Flaps; f != 0 {
			t.Errorf("flaps older than a minute still counted: %d", f)
		}
	})
}

// A phone that drops off and comes back between two readings (usbmuxd
// lists it again, under a new number) is a reconnect too: a failing cable
// faster than the watcher reads is not a steady connection.
func TestWatcherCountsReconnectsBetweenReadings(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mux := fixture.NewMux()
		w, _ := runWatcher(t, Options{Mux: mux})
		p := fixture.IPhone12OnMux()
		for id := 1; id <= 3; id++ {
			p.DeviceID = id
			mux.Set([]device.MuxDevice{p}, nil)
			settle(500 * time.Millisecond)
		}
		s := w.State()
		if len(s.Devices) != 1 || s.Devices[0].Stability.Flaps != 2 {
			t.Fatalf("flaps %+v, want 2 reconnects", s.Devices)
		}
		if got := strings.Join(kinds(s.Timeline), " "); got != "attached:normal detached attached:normal detached attached:normal" {
			t.Errorf("timeline %v: want each reconnect as a detach and an attach", got)
		}
	})
}

func TestWatcherSurvivesUsbmuxdGoingAway(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mux := fixture.NewMux()
		mux.Set([]device.MuxDevice{fixture.IPhone12OnMux()}, nil)
		w, _ := runWatcher(t, Options{Mux: mux})
		settle(100 * time.Millisecond)
		if len(w.State().Devices) != 1 {
			t.Fatal("phone not seen")
		}
		mux.Set(nil, errNoUsbmuxd)
		settle(100 * time.Millisecond)
		s := w.State()
		if _, ok := s.Condition(device.CondUsbmuxdUnavailable); !ok || len(s.Devices) != 0 {
			t.Fatalf("usbmuxd down: %+v", s)
		}
		settle(20 * time.Second)
		listens := mux.Listens()
		if listens < 4 || listens > 20 {
			t.Errorf("%d reconnect attempts in 20 s; want backoff between 100 ms and 5 s", listens)
		}
		mux.Set([]device.MuxDevice{fixture.IPhone12OnMux()}, nil)
		settle(6 * time.Second)
		s = w.State()
		if _, ok := s.Condition(device.CondUsbmuxdUnavailable); ok || len(s.Devices) != 1 {
			t.Fatalf("after usbmuxd came back: %+v", s)
		}
	})
}

func TestWatcherTrustChangeAndSubscribe(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mux := fixture.NewMux()
		mux.Set([]device.MuxDevice{fixture.IPhone12OnMux()}, nil)
		w, _ := runWatcher(t, Options{Mux: mux})
		var got []device.State
		unsub := w.Subscribe(func(s device.State) { got = append(got, s) })
		settle(100 * time.Millisecond)
		p := fixture.IPhone12OnMux()
		p.Trust = device.TrustTrusted
		mux.Change([]device.MuxDevice{p}, nil) // no event: usbmuxd does not announce trust
		settle(2100 * time.Millisecond)
		last := got[len(got)-1]
		if len(last.Devices) != 1 || last.Devices[0].Trust != device.TrustTrusted {
			t.Fatalf("trust change not picked up by the refresh: %+v", last.Devices)
		}
		if k := kinds(last.Timeline); k[len(k)-1] != "trust-changed:trusted" {
			t.Errorf("timeline %v", k)
		}
		unsub()
		n := len(got)
		w.Note(device.Event{Detail: tr.Raw("tried a force restart")})
		settle(100 * time.Millisecond)
		if len(got) != n {
			t.Errorf("a listener got a state after unsubscribing")
		}
		if tl := w.State().Timeline; tl[len(tl)-1].Detail.In("en") != "tried a force restart" {
			t.Errorf("note missing from the timeline")
		}
	})
}

func TestWatcherShowsUSBOnlyAfterGrace(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mux := fixture.NewMux()
		mux.Set(nil, nil)
		usb := &fixture.USB{}
		w, _ := runWatcher(t, Options{Mux: mux, USB: usb})
		usb.Set([]device.USBDevice{{Bus: 1, Address: 4, ProductID: 0x12a8, Serial: "00008101000A1B2C3D4E5F60"}}, nil)
		settle(1 * time.Second)
		if n := len(w.State().Devices); n != 0 {
			t.Fatalf("shown as usb-only before usbmuxd had a chance: %d", n)
		}
		settle(1500 * time.Millisecond)
		s := w.State()
		if len(s.Devices) != 1 || s.Devices[0].Mode != device.ModeUSBOnly {
			t.Fatalf("after the grace: %+v", s.Devices)
		}
		// usbmuxd now lists it: same ECID, so the same device changes mode.
		mux.Set([]device.MuxDevice{fixture.IPhone12OnMux()}, nil)
		settle(100 * time.Millisecond)
		s = w.State()
		if len(s.Devices) != 1 || s.Devices[0].Mode != device.ModeNormal {
			t.Fatalf("after usbmuxd listed it: %+v", s.Devices)
		}
		if k := kinds(s.Timeline); k[len(k)-1] != "mode-changed:normal" {
			t.Errorf("timeline %v", k)
		}
	})
}

func TestTimelineIsBounded(t *testing.T) {
	tl := device.NewTimeline(3)
	for i := range 10 {
		tl.Add(device.Event{Detail: tr.Raw(string(rune('a' + i)))})
	}
	ev := tl.Events()
	if len(ev) != 3 || ev[0].Detail.In("en") != "h" || ev[2].Detail.In("en") != "j" {
		t.Errorf("timeline %+v", ev)
	}
}

func TestWatcherReadyAfterEverySourceReported(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mux := fixture.NewMux()
		mux.Set([]device.MuxDevice{fixture.IPhone12OnMux()}, nil)
		usb := &fixture.USB{}
		usb.Set([]device.USBDevice{fixture.IPhoneXOnUSB(device.ModeDFU)}, nil)
		w := New(Options{Mux: mux, USB: usb})
		select {
		case <-w.Ready():
			t.Fatal("ready before running")
		default:
		}
		start(t, w)
		<-w.Ready()
		if n := len(w.State().Devices); n != 2 {
			t.Errorf("at Ready the state holds %d devices, want both sources' 2", n)
		}
	})
}

// An empty bus and an empty usbmuxd are a reading too: the first one is
// published, so Updated says the sources have been read (host checks rely
// on it to tell "nothing attached" from "not read yet").
func TestWatcherPublishesTheFirstReadingOfNothing(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mux := fixture.NewMux()
		mux.Set(nil, nil)
		usb := &fixture.USB{}
		usb.Set(nil, nil)
		w := New(Options{Mux: mux, USB: usb})
		got := make(chan device.State, 8)
		w.Subscribe(func(s device.State) { got <- s })
		if first := <-got; !first.Updated.IsZero() {
			t.Fatalf("before running, Updated is %v", first.Updated)
		}
		start(t, w)
		<-w.Ready()
		synctest.Wait()
		if s := w.State(); s.Updated.IsZero() || s.Seq == 0 || len(s.Devices) != 0 {
			t.Errorf("after the first reading: seq %d, updated %v, %d devices", s.Seq, s.Updated, len(s.Devices))
		}
		select {
		case s := <-got:
			if s.Updated.IsZero() {
				t.Error("subscribers were not told of the first reading")
			}
		default:
			t.Error("the first reading was not published")
		}
	})
}

func start(t *testing.T, w *Watcher) (*Watcher, context.CancelFunc) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { w.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	return w, cancel
}

// A phone in restore mode reveals almost nothing through lockdownd; the
// watcher still names it, from what normal mode told it under the same UDID.
func TestWatcherNamesRestoreModeFromEarlierFacts(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mux := fixture.NewMux()
		old := fixture.IPhoneXOnMux()
		old.Trust = device.TrustTrusted
		mux.Set([]device.MuxDevice{old}, nil)
		w, _ := runWatcher(t, Options{Mux: mux})
		settle(100 * time.Millisecond)
		mux.Set(nil, nil)
		settle(100 * time.Millisecond)
		mux.Set([]device.MuxDevice{{DeviceID: 2, UDID: old.UDID, ProductID: 0x12a8, Mode: device.ModeRestore}}, nil)
		settle(100 * time.Millisecond)
		s := w.State()
		if len(s.Devices) != 1 {
			t.Fatalf("devices %+v", s.Devices)
		}
		d := s.Devices[0]
		if d.Key != fixture.XKey || d.Mode != device.ModeRestore || d.Model != fixture.XModel || len(s.Departed) != 0 {
			t.Errorf("restore-mode phone %+v, departed %+v", d, s.Departed)
		}
		if d.IOSVersion != "" {
			t.Errorf("iOS version %q carried into restore mode, where it is being replaced", d.IOSVersion)
		}
	})
}

// A DFU phone whose serial could not be read at first is the same phone once
// it is identified: no detach, no second attach.
func TestWatcherReKeysAPhoneOnceIdentified(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		usb := &fixture.USB{}
		w, _ := runWatcher(t, Options{USB: usb})
		blind := fixture.IPhoneXOnUSB(device.ModeDFU)
		blind.Serial, blind.SerialErr = "", errNoUsbmuxd
		usb.Set([]device.USBDevice{blind}, nil)
		settle(200 * time.Millisecond)
		if d := w.State().Devices; len(d) != 1 || d[0].Key != "usb:1-2" {
			t.Fatalf("unidentified DFU phone: %+v", d)
		}
		usb.Set([]device.USBDevice{fixture.IPhoneXOnUSB(device.ModeDFU)}, nil)
		settle(200 * time.Millisecond)
		s := w.State()
		if len(s.Devices) != 1 || s.Devices[0].Key != "ecid:001c2d3e4f5a6b7c" || len(s.Departed) != 0 {
			t.Fatalf("after identification: %+v departed %+v", s.Devices, s.Departed)
		}
		if k := kinds(s.Timeline); len(k) != 1 || k[0] != "attached:dfu" || s.Timeline[0].Key != s.Devices[0].Key {
			t.Errorf("timeline %v (%+v), want the one attach, under the ECID key", k, s.Timeline)
		}
	})
}

// TestUSBEventsReplacePolling: while the USB source announces changes, the
// watcher lists it on each announcement and otherwise only every USBResync;
// when the announcements fail it polls again, and the State says which.
func TestUSBEventsReplacePolling(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		usb := fixture.NewAnnouncedUSB()
		w, _ := runWatcher(t, Options{USB: usb})
		settle(time.Millisecond)
		if s := w.State(); s.USBWatch != device.USBEvents {
			t.Fatalf("USB watched as %q, want %q", s.USBWatch, device.USBEvents)
		}
		usb.Plug([]device.USBDevice{fixture.IPhoneXOnUSB(device.ModeDFU)})
		synctest.Wait() // no time passes: only the announcement can have done it
		if s := w.State(); len(s.Devices) != 1 || s.Devices[0].Mode != device.ModeDFU {
			t.Fatalf("after an announced arrival: %+v", s.Devices)
		}
		usb.Set(nil, nil) // a lost announcement
		settle(10 * time.Second)
		if n := len(w.State().Devices); n != 1 {
			t.Fatalf("listed again before the resync: %d devices", n)
		}
		settle(25 * time.Second)
		if n := len(w.State().Devices); n != 0 {
			t.Fatalf("the 30 s resync did not see the phone leave: %d devices", n)
		}
		usb.Break(errors.New("ENOBUFS"))
		settle(time.Millisecond)
		if s := w.State(); s.USBWatch != device.USBPolled {
			t.Fatalf("after the events failed: USB watched as %q", s.USBWatch)
		}
		usb.Set([]device.USBDevice{fixture.IPhoneXOnUSB(device.ModeRecovery)}, nil)
		settle(200 * time.Millisecond)
		if s := w.State(); len(s.Devices) != 1 || s.Devices[0].Mode != device.ModeRecovery {
			t.Fatalf("polling did not take over: %+v", s.Devices)
		}
	})
}

// TestUSBPolledWithoutEvents: a source that cannot announce is polled, and
// the State says so.
func TestUSBPolledWithoutEvents(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w, _ := runWatcher(t, Options{USB: &fixture.USB{}})
		settle(time.Millisecond)
		if s := w.State(); s.USBWatch != device.USBPolled {
			t.Fatalf("USB watched as %q, want %q", s.USBWatch, device.USBPolled)
		}
	})
}
