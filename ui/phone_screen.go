package ui

import (
	"bytes"
	"fmt"
	"strings"
	"sync"

	"fyne.io/fyne/v2"

	"unstuck/assets"
	"unstuck/device"
	"unstuck/device/catalog"
)

// screenKind is what the drawn phone's screen shows: what the real one
// shows now, as far as the computer can tell.
type screenKind string

const (
	screenOff      screenKind = "off"      // black: off, DFU, port DFU, WTF, no phone, an unknown mode
	screenLit      screenKind = "lit"      // lit, nothing known of what it shows (not answering yet)
	screenLock     screenKind = "lock"     // iOS runs: a lock screen's clock
	screenTrust    screenKind = "trust"    // the "Trust This Computer?" alert
	screenRestore  screenKind = "restore"  // the Apple logo with a progress bar under it
	screenRecovery screenKind = "recovery" // the computer-and-cable picture of recovery mode
)

// screenOf is the screen a phone shows in its mode (modeLooks) and trust
// state: a running phone asking "Trust This Computer?" shows the alert.
func screenOf(d device.Device) screenKind {
	k := modeScreen(d.Mode)
	if k == screenLock && d.Trust == device.TrustPending {
		return screenTrust
	}
	return k
}

// dark says whether the screen's background is black.
func (k screenKind) dark() bool { return k == screenOff || k == screenRestore || k == screenRecovery }

// frontOf is what the top of the phone's face shows, from the catalogue
// (models.tsv's front column): by product type, else by chip, else by
// name. A phone the catalogue does not name is drawn by its family: a Home
// button for the Home button families, neither notch nor island else.
func frontOf(d device.Device) catalog.Front {
	if m, ok := catalog.ByProductType(d.ProductType); ok && d.ProductType != "" {
		return m.Front
	}
	if m, ok := catalog.ByChip(d.CPID, d.BDID); ok && d.ChipKnown {
		return m.Front
	}
	if d.Model != "" {
		for _, m := range catalog.All() {
			if m.Name == d.Model {
				return m.Front
			}
		}
	}
	if d.Family == "" || d.Family == string(catalog.Side) {
		return catalog.FrontUnknown
	}
	return catalog.FrontHome
}

// screenRect is where a base illustration's screen is, in its 140x280
// design units (as written in assets/phones/*.svg; a test checks).
type screenRect struct{ x, y, w, h float32 }

var screenRects = map[string]screenRect{
	string(catalog.HomeTop):  {17, 42, 106, 192},
	string(catalog.HomeSide): {17, 42, 106, 192},
	string(catalog.IPhone7):  {17, 42, 106, 192},
	string(catalog.Side):     {16, 10, 108, 260},
}

// phoneKey names one drawing: a base illustration, the front and the screen.
type phoneKey struct {
	base  string
	front catalog.Front
	kind  screenKind
}

// phoneCache holds one resource per drawing ever shown: at most
// 4 bases x 4 fronts x 6 screens, whatever the number of states.
var phoneCache = struct {
	sync.Mutex
	m map[phoneKey]fyne.Resource
}{m: map[phoneKey]fyne.Resource{}}

// phoneFor is the drawn phone for a device: its model's face and what
// its screen shows now.
func phoneFor(d device.Device) fyne.Resource {
	return phoneResource(d.Family, frontOf(d), screenOf(d))
}

// phoneResource is the illustration for a button family with a front and
// a screen, built once per combination. Unknown families are drawn as the
// side-button family; a side-button phone with a Home button (iPhone 8,
// SE 2nd and 3rd generation) has the iPhone 7's face.
func phoneResource(family string, front catalog.Front, kind screenKind) fyne.Resource {
	base := family
	if _, ok := screenRects[base]; !ok {
		base = string(catalog.Side)
	}
	if base == string(catalog.Side) && front == catalog.FrontHome {
		base = string(catalog.IPhone7)
	}
	if base != string(catalog.Side) {
		front = catalog.FrontHome
	}
	k := phoneKey{base, front, kind}
	phoneCache.Lock()
	defer phoneCache.Unlock()
	if r, ok := phoneCache.m[k]; ok {
		return r
	}
	r := fyne.NewStaticResource(fmt.Sprintf("phone-%s-%s-%s.svg", k.base, k.front, k.kind), composePhone(k))
	phoneCache.m[k] = r
	return r
}

// darkScreenColour replaces the illustration's screen fill for a black screen.
const darkScreenColour = "#0B0D10"

// composePhone draws one combination: the base SVG with its screen
// recoloured, the screen's content centred on the screen, then the notch
// or island on top.
func composePhone(k phoneKey) []byte {
	svg, _ := assets.Phone(k.base)
	if k.kind.dark() {
		svg = bytes.ReplaceAll(svg, []byte(assets.ScreenColour), []byte(darkScreenColour))
	} else if k.kind == screenTrust {
		svg = bytes.ReplaceAll(svg, []byte(assets.ScreenColour), []byte(dimScreenColour))
	}
	r := screenRects[k.base]
	var parts strings.Builder
	fmt.Fprintf(&parts, `<g transform="translate(%g %g)">%s</g>`, r.x+r.w/2, r.y+r.h/2, screenContent(k.kind, r))
	if k.front == catalog.FrontNotch || k.front == catalog.FrontIsland || k.front == catalog.FrontUnknown {
		if !k.kind.dark() {
			fmt.Fprintf(&parts, `<rect x="50" y="%g" width="40" height="3" rx="1.5" ry="1.5" fill="#7D8898"/>`, r.y+r.h-11)
		}
	}
	switch k.front {
	case catalog.FrontNotch:
		parts.WriteString(notchSVG)
	case catalog.FrontIsland:
		parts.WriteString(islandSVG)
	}
	return bytes.Replace(svg, []byte("</svg>"), []byte(parts.String()+"</svg>"), 1)
}
