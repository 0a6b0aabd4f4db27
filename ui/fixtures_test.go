package ui

import (
	"flag"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"unstuck/device/fixture"
)

// now is the fixed clock of every test: the fixtures' (device/fixture).
var now = fixture.Now

// newCard makes a card in a window at the designed size, on a fixed clock.
func newCard(t *testing.T) (*DeviceCard, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	c := NewDeviceCard()
	c.Now = func() time.Time { return now }
	w := test.NewTempWindow(t, c.Content())
	w.Resize(WindowSize)
	return c, w
}

// settle lays the window out until wrapped labels have their final height,
// as the GL driver does over its first frames.
func settle(w fyne.Window) {
	for range 3 {
		w.Content().Refresh()
	}
}

// update rewrites the golden images from what the tests draw:
// go test ./ui/ -update, then look at the changed PNGs before committing.
var update = flag.Bool("update", false, "rewrite ui/testdata's golden images")

// assertGolden compares the window, laid out, with testdata/name; a
// mismatch leaves the drawing in testdata/failed/name.
func assertGolden(t *testing.T, w fyne.Window, name string) {
	t.Helper()
	settle(w)
	img := w.Canvas().Capture()
	if !*update {
		test.AssertImageMatches(t, name, img)
		return
	}
	path := filepath.Join("testdata", name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}
