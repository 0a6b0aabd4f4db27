package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"unstuck/device"
)

// TestGoldens pins the two key screens as images. After a deliberate design
// change, review testdata/failed/*.png and move them over testdata/*.png.
func TestGoldens(t *testing.T) {
	for name, s := range map[string]device.State{
		"recovery.png": func() device.State {
			d := iPhoneX(device.ModeRecovery)
			d.Trust = device.TrustPending
			s := state(d)
			s.Timeline = timeline()
			return s
		}(),
		"empty.png": state(),
	} {
		t.Run(name, func(t *testing.T) {
			test.NewTempApp(t)
			test.ApplyTheme(t, test.Theme())
			m := NewMainView(false)
			m.Card.Now = func() time.Time { return now }
			w := test.NewTempWindow(t, m.Content())
			w.Resize(WindowSize)
			m.Apply(s)
			settle(w)
			test.AssertImageMatches(t, name, w.Canvas().Capture())
		})
	}
}
