package ui

import (
	"image/color"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"unstuck/device"
	"unstuck/device/fixture"
	"unstuck/device/tr"
)

func timeline() []device.Event {
	at := func(s int) time.Time { return now.Add(time.Duration(-s) * time.Second) }
	return []device.Event{
		{At: at(300), Kind: device.EventAttached, Device: "iPhone X (Global)", To: "normal", Detail: tr.Raw("normal")},
		{At: at(240), Kind: device.EventDetached, Device: "iPhone X (Global)", From: "normal"},
		{At: at(236), Kind: device.EventAttached, Device: "iPhone X (Global)", To: "restore", Detail: tr.Raw("restore")},
		{At: at(236), Kind: device.EventModeChanged, Device: "iPhone X (Global)", From: "normal", To: "restore"},
		{At: at(60), Kind: device.EventDetached, Device: "iPhone X (Global)", From: "restore"},
		{At: at(52), Kind: device.EventAttached, Device: "iPhone X (Global)", To: "recovery", Detail: tr.Raw("recovery")},
		{At: at(52), Kind: device.EventModeChanged, Device: "iPhone X (Global)", From: "restore", To: "recovery"},
	}
}

// TestScreens pins the first tab in the real theme for every kind of
// moment: recovery, the Trust prompt on a dropping cable, a phone that just
// left, nothing attached, two phones.
func TestScreens(t *testing.T) {
	test.NewTempApp(t)
	for name, s := range map[string]device.State{
		"recovery": func() device.State {
			s := fixture.State(fixture.IPhoneX(device.ModeRecovery))
			s.Timeline = timeline()
			return s
		}(),
		"normal-pending": func() device.State {
			d := fixture.IPhoneX(device.ModeNormal)
			d.Trust = device.TrustPending
			d.Stability.Flaps = 3
			s := fixture.State(d)
			s.Timeline = timeline()
			return s
		}(),
		"empty-departed": func() device.State {
			d := fixture.IPhoneX(device.ModeRestore)
			d.Stability.LastSeen = now.Add(-3 * time.Second)
			s := fixture.State()
			s.Departed = []device.Device{d}
			s.Timeline = timeline()
			s.Host = []device.Condition{{Code: device.CondUsbmuxdUnavailable, Message: tr.Raw("The Apple Mobile Device service (usbmuxd) is not running, so phones in normal mode cannot be read.")}}
			return s
		}(),
		"empty":   fixture.State(),
		"dfu-two": func() device.State { s := fixture.State(fixture.IPhoneX(device.ModeDFU), fixture.IPhone6s()); return s }(),
	} {
		t.Run(name, func(t *testing.T) {
			m := NewMainView(name != "empty")
			m.Card.Now = func() time.Time { return now }
			w := test.NewTempWindow(t, m.Content())
			w.Resize(WindowSize)
			m.Apply(s)
			assertGolden(t, w, "screens/"+name+".png")
		})
	}
}

// TestScreenLight pins the first tab in the light theme.
func TestScreenLight(t *testing.T) {
	test.NewTempApp(t)
	test.ApplyTheme(t, lightTheme{Theme()})
	m := NewMainView(true)
	m.Card.Now = func() time.Time { return now }
	w := test.NewTempWindow(t, m.Content())
	w.Resize(WindowSize)
	d := fixture.IPhoneX(device.ModeRestore)
	d.Stability.Flaps = 2
	s := fixture.State(d)
	s.Timeline = timeline()
	s.Host = []device.Condition{{Code: device.CondUSBPermission, Message: tr.Raw("This computer does not let Unstuck read USB devices: see the README for the udev rule.")}}
	m.Apply(s)
	assertGolden(t, w, "screens/light-restore.png")
}

// lightTheme is the default theme in its light variant.
type lightTheme struct{ fyne.Theme }

func (l lightTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return l.Theme.Color(n, theme.VariantLight)
}
