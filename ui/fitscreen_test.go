package ui

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"unstuck/device"
	"unstuck/device/awake"
	"unstuck/device/backup"
	"unstuck/device/fixture"
	"unstuck/device/hostcheck"
	"unstuck/device/tr"
	"unstuck/device/watch"
)

// newScreens builds the whole window content in a test window, with a real
// watcher and keeper and no host checks.
func newScreens(t *testing.T) (*Screens, fyne.Window) {
	t.Helper()
	s, w, _ := newScreensQ(t)
	return s, w
}

// newScreensQ is newScreens with the queue the background work posts to.
func newScreensQ(t *testing.T) (*Screens, fyne.Window, *Queue) {
	t.Helper()
	a := test.NewTempApp(t)
	w := a.NewWindow("t")
	t.Cleanup(func() { // unless a test closed it (the test driver panics on a second Close)
		for _, open := range a.Driver().AllWindows() {
			if open == w {
				w.Close()
			}
		}
	})
	k := awake.NewKeeper(&heldLocks{}, nil)
	t.Cleanup(k.Close)
	q := NewQueue()
	s := NewScreens(ScreensOptions{Ctx: context.Background(), Window: w, Post: q.Post, Phones: watch.New(watch.Options{}),
		Keeper: k, Check: func(context.Context, device.State) (checks []hostcheck.Check, found backup.Result) {
			return nil, backup.Result{}
		}})
	w.SetContent(s.Content())
	return s, w, q
}

// menuBar is the height the Help menu takes inside the window on Linux
// and Windows (the test driver draws no menu).
const menuBar = 32

// TestFitsSmallScreens: in the real theme, with any phone and warning on
// show and on any tab, the window's smallest size fits a 1024x600 screen at
// scale 1 and a 1366x768 one at 150 %, and it does not grow with content.
func TestFitsSmallScreens(t *testing.T) {
	s, w := newScreens(t)
	test.ApplyTheme(t, theme.DefaultTheme())
	w.Resize(OpenSize(1))
	many := fixture.State(fixture.IPhoneX(device.ModeNormal), fixture.IPhone6s())
	many.Devices[0].Trust = device.TrustPending
	many.Devices[0].Stability.Flaps = 4
	many.Timeline = timeline()
	many.Host = []device.Condition{
		{Code: device.CondUsbmuxdUnavailable, Message: tr.Raw("The Apple Mobile Device service (usbmuxd) is not running, so phones in normal mode cannot be read.")},
		{Code: device.CondUSBPermission, Message: tr.Raw("This computer does not let Unstuck read USB devices: see the README for the udev rule.")}}
	var first fyne.Size
	for _, st := range []device.State{fixture.State(), fixture.State(fixture.IPhoneX(device.ModeRecovery)), many} {
		s.Apply(st)
		for i := range s.Tabs.Items {
			s.Tabs.SelectIndex(i)
			settle(w)
			m := w.Content().MinSize().AddWidthHeight(0, menuBar)
			if first.IsZero() {
				first = m
			} else if m.Height > first.Height+1 {
				t.Errorf("tab %d: the smallest window is %v, was %v: it grows taller with content", i, m, first)
			}
			for _, scr := range []struct {
				size  fyne.Size
				scale float32
			}{{SmallScreen, 1}, {LaptopScreen, 1.5}} {
				room := fyne.NewSize(scr.size.Width, scr.size.Height-ScreenChrome)
				if m.Width*scr.scale > room.Width || m.Height*scr.scale > room.Height {
					t.Errorf("tab %d at scale %v: the smallest window is %vx%v px, more than the %v of a %v screen",
						i, scr.scale, m.Width*scr.scale, m.Height*scr.scale, room, scr.size)
				}
				laptop := fyne.NewSize(LaptopScreen.Width, LaptopScreen.Height-ScreenChrome)
				if o := OpenSize(scr.scale); o.Width*scr.scale > laptop.Width || o.Height*scr.scale > laptop.Height || o.Width < m.Width || o.Height < m.Height {
					t.Errorf("at scale %v the window opens at %v: not between %v and a laptop's %v", scr.scale, o, m, laptop)
				}
			}
		}
	}
}

// TestFamilyPickerFits: with no phone attached, the guide's family picker
// shows each family's phones in full, not cut short with an ellipsis, in the
// smallest window and on a 1024x600 screen.
func TestFamilyPickerFits(t *testing.T) {
	s, w := newScreens(t)
	test.ApplyTheme(t, theme.DefaultTheme())
	s.Apply(fixture.State())
	s.Tabs.SelectIndex(TabGuide)
	picker := s.Guide.View.Picker
	for _, size := range []fyne.Size{w.Content().MinSize(), fyne.NewSize(SmallScreen.Width, SmallScreen.Height-ScreenChrome-menuBar)} {
		w.Resize(size)
		settle(w)
		th := picker.Theme()
		pad := th.Size(theme.SizeNameInnerPadding)
		for _, opt := range picker.Options {
			// the room Fyne's Select gives its text: three paddings and the arrow's
			need := fyne.MeasureText(opt, th.Size(theme.SizeNameText), fyne.TextStyle{}).Width + 4*pad + th.Size(theme.SizeNameInlineIcon)
			if need > picker.Size().Width {
				t.Errorf("window %v: the picker is %v wide, %q needs %v", size, picker.Size().Width, opt, need)
			}
		}
	}
}

// TestSmallScreenGoldens pins the first tab and the guide in the room a
// 1024x600 screen leaves: nothing overlaps, the bottom bar and Start show.
func TestSmallScreenGoldens(t *testing.T) {
	s, w := newScreens(t)
	test.ApplyTheme(t, theme.DefaultTheme())
	s.Main.Card.Now = func() time.Time { return now }
	w.Resize(fyne.NewSize(SmallScreen.Width, SmallScreen.Height-ScreenChrome))
	st := fixture.State(fixture.IPhoneX(device.ModeRecovery))
	st.Timeline = timeline()
	st.Host = []device.Condition{{Code: device.CondUSBPermission, Message: tr.Raw("This computer does not let Unstuck read USB devices: see the README for the udev rule.")}}
	s.Apply(st)
	assertGolden(t, w, "screens/small-now.png")
	s.Tabs.SelectIndex(TabGuide)
	assertGolden(t, w, "screens/small-guide.png")
}
