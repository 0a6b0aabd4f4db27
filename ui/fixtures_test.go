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

	"unstuck/device"
)

// now is the fixed clock of every test.
var now = time.Date(2026, 3, 14, 15, 4, 30, 0, time.UTC)

func iPhoneX(mode device.Mode) device.Device {
	d := device.Device{
		Key: "ecid:1a2b3c4d5e6f7", Mode: mode, ECID: 0x1a2b3c4d5e6f7,
		ProductType: "iPhone10,3", HardwareModel: "d22ap", Model: "iPhone X (Global)", Family: "side",
		USB:       device.USBInfo{Bus: 1, Address: 7, SpeedMbps: 480},
		Stability: device.Stability{FirstSeen: now.Add(-2 * time.Minute), LastSeen: now},
	}
	if mode == device.ModeNormal {
		d.UDID = "00008020-001A2B3C4D5E6F7A"
		d.IOSVersion, d.IOSBuild = "16.7.10", "20H350"
		d.Trust = device.TrustTrusted
		d.Battery = &device.Battery{Percent: 54, Charging: true}
		d.SerialNumber = "F2LX1234JCLJ"
	}
	if mode == device.ModeDFU || mode == device.ModeRecovery {
		d.Boot = map[device.Mode]string{device.ModeDFU: "securerom", device.ModeRecovery: "iboot"}[mode]
		d.USB.ProductID = 0x1227
	}
	return d
}

func iPhone6s() device.Device {
	return device.Device{
		Key: "udid:abc", Mode: device.ModeRecovery, ProductType: "iPhone8,1", Model: "iPhone 6s", Family: "home-side",
		Stability: device.Stability{LastSeen: now},
	}
}

func state(devs ...device.Device) device.State {
	return device.State{Seq: 1, Updated: now, Devices: devs}
}

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
