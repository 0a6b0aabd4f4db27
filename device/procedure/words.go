package procedure

import (
	"math"

	"unstuck/device/tr"
)

// Name is the button as Apple names it in the person's language ("side
// button", "Volume Up"): message guide.button.<button>.
func (b Button) Name() tr.Text {
	switch b {
	case Side, Top, Home, VolumeUp, VolumeDown:
		return tr.Msg("guide.button." + string(b))
	}
	return tr.Raw(string(b))
}

// Detail is the short line about a step: how long, which buttons and
// until what ("Hold 10 s: side button, until the screen goes black").
func (s Step) Detail() tr.Text {
	var buttons tr.Text
	for i, b := range s.Buttons {
		if i == 0 {
			buttons = b.Name()
		} else {
			buttons = tr.Msg("guide.detail.plus", "First", buttons, "Second", b.Name())
		}
	}
	out := tr.Msg("guide.detail.press", "Buttons", buttons)
	if s.Action == "hold" {
		out = tr.Msg("guide.detail.hold", "Seconds", seconds(s.Seconds), "Buttons", buttons)
	}
	if !s.Until.IsZero() {
		out = tr.Msg("guide.detail.until", "Detail", out, "Until", s.Until)
	}
	return out
}

// seconds is a step's length as a Text's value: whole seconds as an
// integer ("10"), else with one decimal in the language's way ("0,5").
func seconds(v float64) any {
	if v == math.Trunc(v) {
		return int(v)
	}
	return v
}
