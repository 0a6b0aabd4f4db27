package assets

import "embed"

//go:embed phones/*.svg
var phones embed.FS

// ScreenColour is the fill of the phone illustrations' screens, written
// exactly so in every phones/*.svg. The UI swaps it to show a dark screen
// (DFU mode, a phone that is off).
const ScreenColour = "#DCE6F2"

// Phone returns the front-view SVG illustration for a button family
// ("home-top", "home-side", "iphone7", "side"). ok is false for an unknown
// family; callers then usually fall back to "side".
func Phone(family string) (svg []byte, ok bool) {
	b, err := phones.ReadFile("phones/" + family + ".svg")
	if err != nil {
		return nil, false
	}
	return b, true
}
