//go:build linux && cgo

package usbsim

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/gousb"

	"unstuck/device"
)

var preloadErr error

func TestMain(m *testing.M) {
	preloadErr = ReexecUnderPreload()
	os.Exit(m.Run())
}

func newTestbed(t *testing.T) *Testbed {
	t.Helper()
	if preloadErr != nil {
		t.Skipf("umockdev preload unavailable: %v", preloadErr)
	}
	tb, err := NewTestbed()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tb.Close() })
	return tb
}

const dfuSerial = "CPID:8015 CPRV:11 CPFM:03 SCEP:01 BDID:06 ECID:001C2D3E4F5A6B7C IBFL:3C SRTG:[iBoot-3332.0.0.1.23]"

// appleDevices lists Apple devices through gousb without opening them.
func appleDevices(ctx *gousb.Context) map[int]gousb.ID {
	out := map[int]gousb.ID{}
	ctx.OpenDevices(func(d *gousb.DeviceDesc) bool {
		if d.Vendor == 0x05ac {
			out[d.Address] = d.Product
		}
		return false
	})
	return out
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestGousbSerialAndHotplug(t *testing.T) {
	tb := newTestbed(t)
	d, err := tb.Add(Phone{Mode: device.ModeDFU, Serial: dfuSerial, Nonce: "NONC:AB SNON:CD"})
	if err != nil {
		t.Fatal(err)
	}
	ctx := gousb.NewContext()
	defer ctx.Close()
	if got := appleDevices(ctx); got[d.Phone().Address] != 0x1227 {
		t.Fatalf("gousb sees %v", got)
	}
	dev, err := ctx.OpenDeviceWithVIDPID(0x05ac, 0x1227)
	if err != nil || dev == nil {
		t.Fatalf("open: %v", err)
	}
	s, err := dev.SerialNumber()
	n, err2 := dev.GetStringDescriptor(1)
	_, err3 := dev.GetStringDescriptor(9)
	dev.Close()
	if err != nil || s != dfuSerial || err2 != nil || n != "NONC:AB SNON:CD" || err3 == nil {
		t.Fatalf("serial %q %v, nonce %q %v, index 9: %v", s, err, n, err2, err3)
	}

	tb.Remove(d)
	waitFor(t, "removal", func() bool { return len(appleDevices(ctx)) == 0 })
	r, err := tb.Add(Phone{Mode: device.ModeRecovery, Serial: "CPID:8015 ECID:001C2D3E4F5A6B7C SRNM:[X]"})
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, "recovery arrival", func() bool { return appleDevices(ctx)[r.Phone().Address] == 0x1281 })
}

func TestIrecovery(t *testing.T) {
	if _, err := exec.LookPath("irecovery"); err != nil {
		t.Skip("irecovery not installed")
	}
	tb := newTestbed(t)
	d, err := tb.Add(Phone{Mode: device.ModeRecovery,
		Serial: "CPID:8015 CPRV:11 CPFM:03 SCEP:01 BDID:06 ECID:001C2D3E4F5A6B7C IBFL:3C SRNM:[F17XK0ABJCLF] IMEI:[356741082954417]",
		Nonce:  "NONC:" + strings.Repeat("ab", 32) + " SNON:" + strings.Repeat("cd", 20)})
	if err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) string {
		cmd := exec.Command("irecovery", args...)
		cmd.Env = append(os.Environ(), tb.Env()...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("irecovery %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	q := run("-q")
	for _, want := range []string{"CPID: 0x8015", "ECID: 0x001c2d3e4f5a6b7c", "SRNM: F17XK0ABJCLF", "MODE: Recovery", "NONC: " + strings.Repeat("ab", 32)} {
		if !strings.Contains(q, want) {
			t.Errorf("irecovery -q lacks %q:\n%s", want, q)
		}
	}
	run("-n")
	want := []string{"setenv auto-boot true", "saveenv", "reboot"}
	if got := d.Commands(); !reflect.DeepEqual(got, want) {
		t.Errorf("commands = %q, want %q", got, want)
	}
}

func TestFixtures(t *testing.T) {
	tb := newTestbed(t)
	files, _ := filepath.Glob("testdata/*.umockdev")
	if len(files) != 3 {
		t.Fatalf("fixtures: %v", files)
	}
	for _, f := range files {
		text, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d, err := tb.AddDescription(string(text))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		// The generated description must match the hand-written one.
		p := d.Phone()
		p.Descriptors = nil
		gen, err := p.Description()
		if err != nil {
			t.Fatal(err)
		}
		back, err := ParseDescription(gen)
		if err != nil {
			t.Fatal(err)
		}
		back.Serial, back.Manufacturer, back.Product = p.Serial, p.Manufacturer, p.Product // H: lines
		if err := back.setDefaults(); err != nil {
			t.Fatal(err)
		}
		// bcdDevice and string indices may differ (normal mode uses 1/2/3).
		fix := d.Phone()
		copy(back.Descriptors[12:17], fix.Descriptors[12:17])
		if !reflect.DeepEqual(back, fix) {
			t.Errorf("%s: generated %+v\nfixture  %+v", f, back, fix)
		}
		serial, err := os.ReadFile(filepath.Join(tb.Dir(), p.SysPath(), "serial"))
		if err != nil || strings.TrimSpace(string(serial)) != p.Serial {
			t.Errorf("%s: sysfs serial %q %v", f, serial, err)
		}
	}
	if len(tb.Devices()) != 3 {
		t.Errorf("devices: %d", len(tb.Devices()))
	}
}
