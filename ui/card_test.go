package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"unstuck/device"
	"unstuck/device/fixture"
	"unstuck/device/tr"
)

func TestModes(t *testing.T) {
	for _, tc := range []struct {
		mode    device.Mode
		pill    string
		meaning string // a phrase the second line must hold
		screen  screenKind
	}{
		{device.ModeNormal, "RUNNING NORMALLY", "on the phone as usual", screenLock},
		{device.ModeRestore, "UPDATING OR RESTORING", "Leave the cable in", screenRestore},
		{device.ModeRecovery, "RECOVERY MODE", "Your data is still on the phone. Updating from recovery mode keeps it; only Restore erases it.", screenRecovery},
		{device.ModeDFU, "DFU MODE", "A black screen is expected in DFU mode", screenOff},
		{device.ModePortDFU, "PORT DFU MODE", "Keep the phone connected", screenOff},
		{device.ModeUSBOnly, "NOT ANSWERING YET", "has not answered yet", screenLit},
	} {
		t.Run(string(tc.mode), func(t *testing.T) {
			c, _ := newCard(t)
			c.Apply(fixture.State(fixture.IPhoneX(tc.mode)))
			if got, want := c.Badge.Headline.Text, tc.mode.Headline(); got != want {
				t.Errorf("headline %q, want %q", got, want)
			}
			if c.Badge.Pill.Text != tc.pill {
				t.Errorf("pill %q, want %q", c.Badge.Pill.Text, tc.pill)
			}
			if !strings.Contains(c.Badge.Meaning.Text, tc.meaning) || !c.Badge.Meaning.Visible() {
				t.Errorf("meaning %q, want it to hold %q", c.Badge.Meaning.Text, tc.meaning)
			}
			if c.Badge.Colour() != modeColour(tc.mode) {
				t.Errorf("colour %v, want %v", c.Badge.Colour(), modeColour(tc.mode))
			}
			if c.ModelName.Text != "iPhone X (Global)" || !c.info.Visible() || c.empty.Visible() {
				t.Errorf("model %q, info shown %v, empty shown %v", c.ModelName.Text, c.info.Visible(), c.empty.Visible())
			}
			if want := "phone-side-notch-" + string(tc.screen) + ".svg"; c.Phone.Resource.Name() != want {
				t.Errorf("phone %s, want %s", c.Phone.Resource.Name(), want)
			}
			if c.Stability.Text != "Steady connection" {
				t.Errorf("stability %q", c.Stability.Text)
			}
		})
	}
}

func TestModeColoursDiffer(t *testing.T) {
	seen := map[any]device.Mode{}
	for _, m := range []device.Mode{device.ModeNormal, device.ModeRestore, device.ModeRecovery, device.ModeDFU, device.ModeUSBOnly} {
		if other, ok := seen[modeColour(m)]; ok {
			t.Errorf("%s and %s share a colour", m, other)
		}
		seen[modeColour(m)] = m
	}
}

func TestNormalTrustedDetails(t *testing.T) {
	c, _ := newCard(t)
	c.Apply(fixture.State(fixture.IPhoneX(device.ModeNormal)))
	if c.TrustAdvice.Text != "" || c.trustBox.Visible() {
		t.Errorf("a trusted phone shows trust advice %q", c.TrustAdvice.Text)
	}
	d := c.Details
	for got, want := range map[string]string{
		d.Product.Text: "iPhone10,3 (D22AP)",
		d.IOS.Text:     "16.7.10 (20H350)",
		d.Battery.Text: "54 %, charging",
		d.USB.Text:     "USB 2.0 high speed (480 Mb/s)",
		d.ECID.Text:    "0x001c2d3e4f5a6b7c",
		d.UDID.Text:    "03c0a17f73c6502b3c21ef14cbc5fbea61a0c471",
		d.Serial.Text:  "F17XK0ABJCLF",
	} {
		if got != want {
			t.Errorf("detail %q, want %q", got, want)
		}
	}
	if n, m := len(d.grid.Objects), len(d.techGrid.Objects); n != 8 || m != 6 {
		t.Errorf("details grids have %d and %d objects, want 4 rows shown and 3 folded", n, m)
	}
	if c.Phone.Resource.Name() != "phone-side-notch-lock.svg" {
		t.Errorf("phone %s", c.Phone.Resource.Name())
	}
}

// The internal identifiers start folded away; a tap on the fold's title
// (through the canvas, where the user taps) opens it and shows them.
func TestTechnicalDetailsFolded(t *testing.T) {
	c, w := newCard(t)
	c.Apply(fixture.State(fixture.IPhoneX(device.ModeNormal)))
	settle(w)
	d := c.Details
	if !d.Technical.Visible() || d.Technical.Items[0].Open || d.techGrid.Visible() {
		t.Fatalf("technical details: shown %v, open %v, values shown %v; want a closed fold", d.Technical.Visible(), d.Technical.Items[0].Open, d.techGrid.Visible())
	}
	if !d.grid.Visible() || !d.Product.Visible() {
		t.Error("the everyday details are folded too")
	}
	for _, l := range []*widget.Label{d.ECID, d.Serial} {
		if l.Visible() && d.techGrid.Visible() {
			t.Errorf("%q is on show in a closed fold", l.Text)
		}
	}
	title := fyne.CurrentApp().Driver().AbsolutePositionForObject(d.Technical)
	test.TapCanvas(w.Canvas(), title.AddXY(20, 10))
	if !d.Technical.Items[0].Open || !d.techGrid.Visible() {
		t.Fatal("a tap on the title does not open the fold")
	}
	if d.ECID.Text != "0x001c2d3e4f5a6b7c" || !d.ECID.Visible() || d.Serial.Text != "F17XK0ABJCLF" {
		t.Errorf("open fold: ECID %q (shown %v), serial %q", d.ECID.Text, d.ECID.Visible(), d.Serial.Text)
	}
	c.Apply(fixture.State(fixture.IPhoneX(device.ModeNormal)))
	if !d.Technical.Items[0].Open {
		t.Error("a new state closes the fold the user opened")
	}
}

func TestTrustPending(t *testing.T) {
	c, _ := newCard(t)
	d := fixture.IPhoneX(device.ModeNormal)
	d.Trust = device.TrustPending
	c.Apply(fixture.State(d))
	if c.TrustAdvice.Text != "Unlock your iPhone and tap Trust, then enter your passcode." || !c.trustBox.Visible() {
		t.Errorf("trust advice %q shown %v", c.TrustAdvice.Text, c.trustBox.Visible())
	}
	d.Trust = device.TrustTrusted
	c.Apply(fixture.State(d))
	if c.trustBox.Visible() {
		t.Error("trust advice stays after the phone trusted the computer")
	}
}

func TestEmpty(t *testing.T) {
	c, _ := newCard(t)
	c.Apply(fixture.State())
	if c.Badge.Headline.Text != "No iPhone found yet: plug it into this computer" {
		t.Errorf("headline %q", c.Badge.Headline.Text)
	}
	if !c.empty.Visible() || c.info.Visible() || c.trustBox.Visible() || c.selectorBox.Visible() || c.hostBox.Visible() {
		t.Error("the empty state shows the wrong parts")
	}
	all := ""
	for _, l := range c.Checklist {
		all += l.Text + "\n"
	}
	for _, want := range []string{"carries data", "not into a hub", "unlock it", "DFU mode", "off or its battery empty"} {
		if !strings.Contains(all, want) {
			t.Errorf("checklist misses %q:\n%s", want, all)
		}
	}
	if c.Timeline.Quiet.String() != "Nothing has happened yet." || !c.Timeline.Quiet.Visible() {
		t.Errorf("quiet timeline %q", c.Timeline.Quiet.String())
	}
}

func TestFlapping(t *testing.T) {
	c, _ := newCard(t)
	d := fixture.IPhoneX(device.ModeRecovery)
	d.Stability.Flaps = 3
	c.Apply(fixture.State(d))
	if want := "Dropped 3 times in the last minute: try another cable or USB port"; c.Stability.Text != want {
		t.Errorf("stability %q, want %q", c.Stability.Text, want)
	}
	d.Stability.Flaps = 1
	c.Apply(fixture.State(d))
	if !strings.HasPrefix(c.Stability.Text, "Dropped once in the last minute") {
		t.Errorf("stability %q", c.Stability.Text)
	}
}

// A phone that drops in and out makes the cable the headline: amber, at
// the table's threshold, in normal mode and during an update; below it the
// mode's own headline stays.
func TestDroppingCableIsTheHeadline(t *testing.T) {
	for _, m := range []device.Mode{device.ModeNormal, device.ModeRestore} {
		c, _ := newCard(t)
		d := fixture.IPhoneX(m)
		d.Stability.Flaps = device.UnsteadyDrops - 1
		c.Apply(fixture.State(d))
		if c.Badge.Headline.Text != m.Headline() || c.Badge.Colour() != modeColour(m) {
			t.Errorf("%s, %d drop: headline %q", m, d.Stability.Flaps, c.Badge.Headline.Text)
		}
		d.Stability.Flaps = device.UnsteadyDrops
		c.Apply(fixture.State(d))
		if !strings.Contains(c.Badge.Headline.Text, "change the cable first") || c.Badge.Colour() != colourRecovery {
			t.Errorf("%s, %d drops: headline %q, colour %v", m, d.Stability.Flaps, c.Badge.Headline.Text, c.Badge.Colour())
		}
		if !strings.Contains(c.Badge.Meaning.Text, "2 times in the last minute") || !strings.Contains(c.Badge.Meaning.Text, m.Headline()) {
			t.Errorf("%s: meaning %q", m, c.Badge.Meaning.Text)
		}
	}
}

func TestDeparted(t *testing.T) {
	c, _ := newCard(t)
	gone := fixture.IPhoneX(device.ModeNormal)
	gone.Stability.LastSeen = now.Add(-3 * time.Second)
	s := fixture.State()
	s.Departed = []device.Device{gone}
	c.Apply(s)
	if want := "Your iPhone X (Global) disconnected 3 s ago"; c.Badge.Headline.Text != want {
		t.Errorf("headline %q, want %q", c.Badge.Headline.Text, want)
	}
	if !strings.Contains(c.Badge.Meaning.Text, "restarting") || !strings.Contains(c.Badge.Meaning.Text, "cable") {
		t.Errorf("meaning %q", c.Badge.Meaning.Text)
	}

	// Another phone stays: the departure is a line under it.
	s.Devices = []device.Device{fixture.IPhone6s()}
	c.Apply(s)
	if !strings.HasPrefix(c.Departed.Text, "Your iPhone X (Global) disconnected 3 s ago.") || !c.Departed.Visible() {
		t.Errorf("departed %q shown %v", c.Departed.Text, c.Departed.Visible())
	}
	if c.ModelName.Text != "iPhone 6s" || c.Phone.Resource.Name() != "phone-home-side-home-recovery.svg" {
		t.Errorf("model %q phone %s", c.ModelName.Text, c.Phone.Resource.Name())
	}
	c.Apply(fixture.State(fixture.IPhone6s()))
	if c.Departed.Visible() {
		t.Error("the departure line stays after the state dropped it")
	}
}

func TestHostCondition(t *testing.T) {
	c, _ := newCard(t)
	s := fixture.State(fixture.IPhoneX(device.ModeDFU))
	s.Host = []device.Condition{
		{Code: device.CondUsbmuxdUnavailable, Message: tr.Raw("usbmuxd is not running.")},
		{Code: device.CondUSBPermission, Message: tr.Raw("No permission to read USB devices.")},
	}
	c.Apply(s)
	if c.Host.Text != "usbmuxd is not running.\nNo permission to read USB devices." || !c.hostBox.Visible() {
		t.Errorf("host %q shown %v", c.Host.Text, c.hostBox.Visible())
	}
	c.Apply(fixture.State(fixture.IPhoneX(device.ModeDFU)))
	if c.hostBox.Visible() {
		t.Error("the host banner stays after the condition cleared")
	}
}

// A normal condition (usbmuxd asleep with no phone) is information, not a
// warning, and the raw error text sits folded under Details.
func TestHostInformationIsNotAWarning(t *testing.T) {
	c, _ := newCard(t)
	s := fixture.State()
	s.Host = []device.Condition{{Code: device.CondUsbmuxdUnavailable, Severity: device.SeverityInfo,
		Message: tr.Raw("usbmuxd is not running. On Linux that is normal while no iPhone in normal mode is plugged in."),
		Detail:  "dial unix /var/run/usbmuxd: connect: no such file or directory"}}
	c.Apply(s)
	if c.problemBox.Visible() || c.Host.Text != "" || !c.infoBox.Visible() || !strings.Contains(c.HostInfo.Text, "normal") {
		t.Errorf("warning %q shown %v; information %q shown %v", c.Host.Text, c.problemBox.Visible(), c.HostInfo.Text, c.infoBox.Visible())
	}
	if strings.Contains(c.HostInfo.Text, "dial unix") || !c.HostDetails.Visible() || c.HostDetails.Items[0].Open {
		t.Errorf("the raw error is not folded away: %q, details shown %v", c.HostInfo.Text, c.HostDetails.Visible())
	}
	if c.HostDetail.Text != s.Host[0].Detail {
		t.Errorf("details %q", c.HostDetail.Text)
	}
}

func TestSelector(t *testing.T) {
	c, _ := newCard(t)
	s := fixture.State(fixture.IPhoneX(device.ModeDFU), fixture.IPhone6s())
	c.Apply(s)
	if !c.selectorBox.Visible() || len(c.Selector.Options) != 2 || c.ModelName.Text != "iPhone X (Global)" {
		t.Fatalf("selector shown %v options %q model %q", c.selectorBox.Visible(), c.Selector.Options, c.ModelName.Text)
	}
	c.Selector.SetSelectedIndex(1)
	if c.ModelName.Text != "iPhone 6s" || c.Badge.Headline.Text != device.ModeRecovery.Headline() || c.Selected() != "udid:abc" {
		t.Errorf("after choosing the second phone: model %q headline %q", c.ModelName.Text, c.Badge.Headline.Text)
	}
	c.Apply(s) // a new snapshot keeps the choice
	if c.ModelName.Text != "iPhone 6s" || c.Selector.Selected != "2 · iPhone 6s — Recovery mode" {
		t.Errorf("choice lost: model %q selected %q", c.ModelName.Text, c.Selector.Selected)
	}
	c.Apply(fixture.State(fixture.IPhoneX(device.ModeDFU))) // the chosen phone left
	if c.ModelName.Text != "iPhone X (Global)" || c.selectorBox.Visible() {
		t.Errorf("model %q selector shown %v", c.ModelName.Text, c.selectorBox.Visible())
	}
}

func TestTimeline(t *testing.T) {
	c, _ := newCard(t)
	s := fixture.State(fixture.IPhoneX(device.ModeRecovery))
	s.Timeline = timeline()
	for i := range 6 {
		s.Timeline = append(s.Timeline, device.Event{At: now.Add(time.Duration(i-10) * time.Second), Kind: device.EventObserved, Detail: tr.Raw("note " + string(rune('a'+i)))})
	}
	c.Apply(s)
	rows := c.Timeline.Shown()
	if len(rows) != TimelineRows || rows[0] != "note f" || rows[5] != "note a" {
		t.Fatalf("rows %q", rows)
	}
	if rows[6] != "Came back in recovery mode (was update/restore mode)" || rows[7] != "Disconnected" {
		t.Errorf("rows %q", rows)
	}
	if got := c.Timeline.Times[6].String(); got != "15:03:38 · iPhone X (Global)" {
		t.Errorf("time %q", got)
	}
	if c.Timeline.Quiet.Visible() {
		t.Error("quiet text shows beside events")
	}
}

func TestEventText(t *testing.T) {
	for _, tc := range []struct {
		e    device.Event
		want string
	}{
		{device.Event{Kind: device.EventAttached, To: "dfu", Detail: tr.Raw("dfu")}, "Connected in DFU mode"},
		{device.Event{Kind: device.EventAttached, To: "normal", Detail: tr.Raw("normal (reconnected)")}, "Reconnected in normal mode"},
		{device.Event{Kind: device.EventDetached, From: "normal"}, "Disconnected"},
		{device.Event{Kind: device.EventModeChanged, From: "restore", To: "recovery"}, "Now in recovery mode (was update/restore mode)"},
		{device.Event{Kind: device.EventTrustChanged, From: "pair-dialog-pending", To: "trusted"}, "Trusts this computer now"},
		{device.Event{Kind: device.EventHost, To: "usb-no-permission", Detail: tr.Raw("No USB permission.")}, "No USB permission."},
		{device.Event{Kind: device.EventHost, From: "usb-no-permission", Detail: tr.Raw("resolved")}, "Fixed on this computer: usb no permission"},
		{device.Event{Kind: device.EventObserved, Detail: tr.Raw("tried a force restart")}, "tried a force restart"},
	} {
		if got := eventText(tc.e); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.e, got, tc.want)
		}
	}
}

func TestMainViewDemoTag(t *testing.T) {
	test.NewTempApp(t)
	if m := NewMainView(true); !m.DemoTag.Visible() || m.Title.Text != "Unstuck" {
		t.Error("demo view without its tag")
	}
	m := NewMainView(false)
	if m.DemoTag.Visible() {
		t.Error("the demo tag shows outside demo mode")
	}
	m.Apply(fixture.State(fixture.IPhoneX(device.ModeRecovery)))
	if m.Card.Badge.Headline.Text != device.ModeRecovery.Headline() {
		t.Errorf("MainView.Apply did not reach the card: %q", m.Card.Badge.Headline.Text)
	}
}

// The battery shows its health, and a low or falling battery is warned of
// before anything long starts.
func TestBatteryHealthAndWarnings(t *testing.T) {
	c, _ := newCard(t)
	for _, tc := range []struct {
		b            device.Battery
		detail, warn string
	}{
		{device.Battery{Percent: 80, DesignCapacity: 2716, FullChargeCapacity: 2390, CycleCount: 312}, "80 %; health 88 % after 312 charge cycles", ""},
		{device.Battery{Percent: 15}, "15 %", "Battery 15 %: charge the phone"},
		{device.Battery{Percent: 15, Charging: true}, "15 %, charging", "let it charge"},
		{device.Battery{Percent: 52, Falling: true, ExternalPower: true}, "52 %, on power", "running down"},
	} {
		d := fixture.IPhoneX(device.ModeNormal)
		b := tc.b
		d.Battery = &b
		c.Apply(fixture.State(d))
		if c.Details.Battery.Text != tc.detail {
			t.Errorf("%+v: detail %q, want %q", tc.b, c.Details.Battery.Text, tc.detail)
		}
		if !strings.Contains(c.BatteryWarn.Text, tc.warn) || c.BatteryWarn.Hidden != (tc.warn == "") {
			t.Errorf("%+v: warning %q (hidden %v), want %q", tc.b, c.BatteryWarn.Text, c.BatteryWarn.Hidden, tc.warn)
		}
	}
}
