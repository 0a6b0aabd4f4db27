package ui

import (
	"bytes"
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"github.com/fyne-io/oksvg"

	"unstuck/assets"
	"unstuck/device"
	"unstuck/device/catalog"
	"unstuck/device/fixture"
)

// TestScreenOf: the drawn screen follows the mode and the trust prompt.
func TestScreenOf(t *testing.T) {
	for _, tc := range []struct {
		mode  device.Mode
		trust device.Trust
		want  screenKind
	}{
		{device.ModeNormal, device.TrustTrusted, screenLock},
		{device.ModeNormal, device.TrustPending, screenTrust},
		{device.ModeNormal, device.TrustPasscode, screenLock},
		{device.ModeRestore, device.TrustPending, screenRestore},
		{device.ModeRecovery, device.TrustUnknown, screenRecovery},
		{device.ModeDFU, device.TrustUnknown, screenOff},
		{device.ModePortDFU, device.TrustUnknown, screenOff},
		{device.ModeWTF, device.TrustUnknown, screenOff},
		{device.ModeUSBOnly, device.TrustUnknown, screenLit},
		{device.Mode("sleeping"), device.TrustUnknown, screenOff},
	} {
		d := fixture.IPhoneX(tc.mode)
		d.Mode, d.Trust = tc.mode, tc.trust
		if got := screenOf(d); got != tc.want {
			t.Errorf("%s, trust %s: screen %s, want %s", tc.mode, tc.trust, got, tc.want)
		}
	}
}

// TestFrontOf: the face comes from the catalogue by product type, chip or
// name, and from the family when the catalogue does not know the phone.
func TestFrontOf(t *testing.T) {
	for _, tc := range []struct {
		d    device.Device
		want catalog.Front
	}{
		{device.Device{ProductType: "iPhone10,3"}, catalog.FrontNotch},
		{device.Device{ProductType: "iPhone10,1", Family: "side"}, catalog.FrontHome},
		{device.Device{ProductType: "iPhone15,2"}, catalog.FrontIsland},
		{device.Device{CPID: 0x8120, BDID: 0x0C, ChipKnown: true}, catalog.FrontIsland}, // 14 Pro in recovery
		{device.Device{Model: "iPhone 16e"}, catalog.FrontNotch},
		{device.Device{Family: "home-side"}, catalog.FrontHome},
		{device.Device{Family: "side"}, catalog.FrontUnknown},
		{device.Device{}, catalog.FrontUnknown},
	} {
		if got := frontOf(tc.d); got != tc.want {
			t.Errorf("%+v: front %s, want %s", tc.d, got, tc.want)
		}
	}
}

// TestPhoneDrawingsParse: every combination is an SVG that Fyne's renderer
// (oksvg) reads without an error, and each draws what it should.
func TestPhoneDrawingsParse(t *testing.T) {
	kinds := []screenKind{screenOff, screenLit, screenLock, screenTrust, screenRestore, screenRecovery}
	fronts := []catalog.Front{catalog.FrontHome, catalog.FrontNotch, catalog.FrontIsland, catalog.FrontUnknown}
	for base, r := range screenRects {
		svg, _ := assets.Phone(base)
		rect := fmt.Sprintf(`<rect x="%g" y="%g" width="%g" height="%g"`, r.x, r.y, r.w, r.h)
		if !bytes.Contains(svg, []byte(rect)) || !bytes.Contains(svg, []byte(assets.ScreenColour)) {
			t.Errorf("%s.svg has no screen %s filled %s", base, rect, assets.ScreenColour)
		}
		for _, f := range fronts {
			for _, k := range kinds {
				res := phoneResource(base, f, k)
				if _, err := oksvg.ReadIconStream(bytes.NewReader(res.Content()), oksvg.StrictErrorMode); err != nil {
					t.Errorf("%s: %v", res.Name(), err)
				}
			}
		}
	}
	has := func(k phoneKey, part string) bool { return bytes.Contains(composePhone(k), []byte(part)) }
	side := string(catalog.Side)
	if !has(phoneKey{side, catalog.FrontNotch, screenLock}, notchSVG) || has(phoneKey{side, catalog.FrontNotch, screenLock}, islandSVG) {
		t.Error("a notch phone is drawn without its notch, or with an island")
	}
	if !has(phoneKey{side, catalog.FrontIsland, screenOff}, islandSVG) || has(phoneKey{side, catalog.FrontIsland, screenOff}, notchSVG) {
		t.Error("an island phone is drawn without its island, or with a notch")
	}
	if !has(phoneKey{side, catalog.FrontIsland, screenRecovery}, recoverySVG) || !has(phoneKey{side, catalog.FrontIsland, screenRestore}, appleSVG) ||
		!has(phoneKey{"iphone7", catalog.FrontHome, screenTrust}, trustSVG) {
		t.Error("a screen's picture is missing")
	}
	if !has(phoneKey{side, catalog.FrontNotch, screenOff}, darkScreenColour) || has(phoneKey{side, catalog.FrontNotch, screenLock}, darkScreenColour) {
		t.Error("the black screen is not where it should be")
	}
	// An iPhone 8 is a side-button phone with the iPhone 7's face.
	if got := phoneResource(side, catalog.FrontHome, screenLock).Name(); got != "phone-iphone7-home-lock.svg" {
		t.Errorf("an iPhone 8 is drawn as %s", got)
	}
}

// TestPhoneDrawingsAreCached: a storm of states draws from a handful of
// resources, the same ones each time, never a new one per state.
func TestPhoneDrawingsAreCached(t *testing.T) {
	c, _ := newCard(t)
	phoneCache.Lock()
	phoneCache.m = map[phoneKey]fyne.Resource{}
	phoneCache.Unlock()
	first := map[string]any{}
	for i := 0; i < 300; i++ {
		d := fixture.IPhoneX([]device.Mode{device.ModeNormal, device.ModeRecovery, device.ModeRestore}[i%3])
		if i%2 == 0 {
			d.Trust = device.TrustPending
		}
		c.Apply(fixture.State(d))
		r := c.Phone.Resource
		if seen, ok := first[r.Name()]; ok && seen != r {
			t.Fatalf("state %d: a second resource for %s", i, r.Name())
		}
		first[r.Name()] = r
	}
	phoneCache.Lock()
	n := len(phoneCache.m)
	phoneCache.Unlock()
	if len(first) != 4 || n != 4 {
		t.Errorf("%d drawings shown, %d cached; want 4 (lock, trust, recovery, restore)", len(first), n)
	}
}
