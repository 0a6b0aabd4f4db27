package ui

import "fmt"

// The SVG parts composed into the phone illustrations (phone_screen.go).
// Screen contents are drawn around (0, 0), the screen's centre; the notch
// and the island in the side-button illustration's units (its screen
// starts at y = 10). oksvg, Fyne's SVG renderer, draws no text: words are
// drawn as bars.

// dimScreenColour is a lit screen behind an alert.
const dimScreenColour = "#A7B2C1"

const (
	notchSVG  = `<path d="M45 10 h50 v3 a7 7 0 0 1 -7 7 h-36 a7 7 0 0 1 -7 -7 z" fill="#2B3038"/>`
	islandSVG = `<rect x="55" y="16" width="30" height="9" rx="4.5" ry="4.5" fill="#05070A"/>`

	// appleSVG is the Apple logo, about 24 by 31 units, centred.
	appleSVG = `<g transform="translate(0 -4)" fill="#F2F4F7">` +
		`<path d="M0 -2 C-3 -4 -11 -5 -12 3 C-13 11 -7 19 -3.5 19 C-2 19 -1 18 0 18 C1 18 2 19 3.5 19 C6.5 19 10 14 11.5 9.5 C8 8 6.5 1 10.5 -1.5 C8.5 -4.5 3.5 -4.5 0 -2 Z"/>` +
		`<path d="M0.5 -4 C0.5 -8 3 -11 7 -11.5 C7 -7.5 4.5 -4.5 0.5 -4 Z"/></g>`

	// restoreSVG: the Apple logo with a progress bar under it.
	restoreSVG = appleSVG +
		`<rect x="-24" y="26" width="48" height="3.5" rx="1.75" ry="1.75" fill="#3A414C"/>` +
		`<rect x="-24" y="26" width="20" height="3.5" rx="1.75" ry="1.75" fill="#E8ECF1"/>`

	// recoverySVG: the recovery-mode picture since iOS 13 or so, a laptop
	// and a cable whose plug points at it, with the support address under it.
	recoverySVG = `<g fill="none" stroke="#F2F4F7" stroke-width="2" stroke-linecap="round">` +
		`<rect x="-22" y="-42" width="44" height="28" rx="2.5" ry="2.5"/>` +
		`<path d="M0 8 C0 26 -14 28 -14 46"/></g>` +
		`<path d="M-29 -13 h58 l-3 5 h-52 z" fill="#F2F4F7"/>` +
		`<rect x="-2" y="-6" width="4" height="4" fill="#B8C0CC"/>` +
		`<rect x="-3.5" y="-2" width="7" height="11" rx="1.5" ry="1.5" fill="#F2F4F7"/>` +
		`<rect x="-30" y="58" width="60" height="3" rx="1.5" ry="1.5" fill="#6E7682"/>`

	// trustSVG: the "Trust This Computer?" alert, Trust on the left.
	trustSVG = `<rect x="-41" y="-27" width="82" height="54" rx="7" ry="7" fill="#F4F6F8"/>` +
		`<rect x="-28" y="-19" width="56" height="5" rx="2.5" ry="2.5" fill="#2B3038"/>` +
		`<rect x="-33" y="-10" width="66" height="3" rx="1.5" ry="1.5" fill="#8A94A3"/>` +
		`<rect x="-26" y="-4" width="52" height="3" rx="1.5" ry="1.5" fill="#8A94A3"/>` +
		`<rect x="-41" y="5" width="82" height="0.8" fill="#C3CAD4"/>` +
		`<rect x="-0.4" y="5" width="0.8" height="22" fill="#C3CAD4"/>` +
		`<rect x="-29" y="14" width="18" height="5" rx="2.5" ry="2.5" fill="#2F6FE0"/>` +
		`<rect x="8" y="14.5" width="26" height="4" rx="2" ry="2" fill="#2F6FE0"/>`
)

// lockSVG is a lock screen: a padlock, the clock and the date, near the
// top of a screen half as tall as half (its half height).
func lockSVG(half float32) string {
	top := -half
	return fmt.Sprintf(`<rect x="-4" y="%g" width="8" height="6" rx="1.2" ry="1.2" fill="#5A6577"/>`+
		`<path d="M-2.5 %g v-2 a2.5 2.5 0 0 1 5 0 v2" fill="none" stroke="#5A6577" stroke-width="1.3"/>`+
		`<rect x="-24" y="%g" width="48" height="13" rx="3" ry="3" fill="#5A6577"/>`+
		`<rect x="-15" y="%g" width="30" height="4" rx="2" ry="2" fill="#7D8898"/>`,
		top+24, top+24, top+36, top+54)
}

// screenContent is what a screen of the given kind shows, centred.
func screenContent(k screenKind, r screenRect) string {
	switch k {
	case screenLock:
		return lockSVG(r.h / 2)
	case screenTrust:
		return trustSVG
	case screenRestore:
		return restoreSVG
	case screenRecovery:
		return recoverySVG
	}
	return ""
}
