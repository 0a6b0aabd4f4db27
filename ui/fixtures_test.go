package ui

import (
	"flag"
	"image"
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

// sameAsGolden reports whether img has exactly the pixels of
// testdata/name (false when there is none or it cannot be read).
func sameAsGolden(name string, img image.Image) bool {
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		return false
	}
	defer f.Close()
	want, err := png.Decode(f)
	if err != nil || want.Bounds() != img.Bounds() {
		return false
	}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r1, g1, b1, a1 := img.At(x, y).RGBA()
			r2, g2, b2, a2 := want.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
				return false
			}
		}
	}
	return true
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
	if raceDetector && !*update {
		// make test compares the images in its run without the race
		// detector. Under it, after minutes of the package's other tests,
		// captures have come out with some of Fyne's icons blank (a check
		// mark, the warning icon, the check box), in a different golden
		// each run and the same on every retry: a Fyne cache state not
		// understood yet, not a difference in what Unstuck draws.
		t.Logf("%s: compared in the run without the race detector", name)
		return
	}
	if !*update {
		// A loaded machine can capture before wrapped labels have settled
		// (a CI run once caught the first tab's checklist unwrapped): a
		// capture that differs is laid out and taken again, for at most a
		// second, before it counts as a mismatch.
		for try := 0; try < 10 && !sameAsGolden(name, img); try++ {
			time.Sleep(100 * time.Millisecond)
			settle(w)
			img = w.Canvas().Capture()
		}
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
