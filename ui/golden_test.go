package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"unstuck/device"
	"unstuck/device/fixture"
)

// TestGoldens pins the two key screens as images in Fyne's test theme.
// After a deliberate design change, run the tests with -update and look at
// the new images before committing them.
func TestGoldens(t *testing.T) {
	for name, s := range map[string]device.State{
		"recovery.png": func() device.State {
			d := fixture.IPhoneX(device.ModeRecovery)
			d.Trust = device.TrustPending
			s := fixture.State(d)
			s.Timeline = timeline()
			return s
		}(),
		"empty.png": fixture.State(),
	} {
		t.Run(name, func(t *testing.T) {
			test.NewTempApp(t)
			test.ApplyTheme(t, test.Theme())
			m := NewMainView(false)
			m.Card.Now = func() time.Time { return now }
			m.Card.Handoff.SetChecks(nil)
			w := test.NewTempWindow(t, m.Content())
			w.Resize(WindowSize)
			m.Apply(s)
			assertGolden(t, w, name)
		})
	}
}
