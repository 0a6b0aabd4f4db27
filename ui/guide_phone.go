package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"unstuck/device/catalog"
	"unstuck/device/procedure"
	"unstuck/device/tr"
)

// Extra buttons a phone may have that are in no sequence: drawn greyed and
// labelled "not this one".
const (
	ActionButton  procedure.Button = "action"
	CameraControl procedure.Button = "camera_control"
	ringSwitch    procedure.Button = "ring" // the older ring/silent switch: drawn, never named
)

// The drawing's design space: the phone is 140x280 (as in assets/phones),
// placed at (phoneX, phoneY) with room around it for the labels.
const (
	designW, designH = 270, 324
	phoneX, phoneY   = 65, 22
)

// Phone colours, as in the SVG illustrations: a dark phone reads on light
// and dark themes alike.
var (
	phoneBody   = color.NRGBA{R: 0x2b, G: 0x30, B: 0x38, A: 0xff}
	phoneEdge   = color.NRGBA{R: 0x4b, G: 0x53, B: 0x60, A: 0xff}
	phoneButton = color.NRGBA{R: 0x8a, G: 0x94, B: 0xa3, A: 0xff}
	phoneScreen = color.NRGBA{R: 0xdc, G: 0xe6, B: 0xf2, A: 0xff}
	phoneGreyed = color.NRGBA{R: 0x8a, G: 0x94, B: 0xa3, A: 0x50}
)

// part is one button's place on the phone, in design units relative to the
// phone's top-left corner. A round part (the Home button) uses x, y as its
// centre and w as its radius.
type part struct {
	button     procedure.Button
	x, y, w, h float32
	round      bool
	edge       byte // 'l', 'r', 't' or 'b': where its label goes
}

// layoutOf lists a family's buttons at their real positions.
func layoutOf(f catalog.Family, action, camera bool) (parts []part, screen [4]float32, corner float32) {
	switch f {
	case catalog.HomeTop:
		return []part{
			{button: procedure.Top, x: 88, y: 0, w: 26, h: 8, edge: 't'},
			{button: ringSwitch, x: 0, y: 50, w: 8, h: 14, edge: 'l'},
			{button: procedure.VolumeUp, x: 0, y: 76, w: 8, h: 20, edge: 'l'},
			{button: procedure.VolumeDown, x: 0, y: 104, w: 8, h: 20, edge: 'l'},
			{button: procedure.Home, x: 66, y: 255, w: 13, round: true, edge: 'b'},
		}, [4]float32{13, 42, 106, 192}, 18
	case catalog.HomeSide, catalog.IPhone7:
		return []part{
			{button: ringSwitch, x: 0, y: 54, w: 8, h: 14, edge: 'l'},
			{button: procedure.VolumeUp, x: 0, y: 80, w: 8, h: 26, edge: 'l'},
			{button: procedure.VolumeDown, x: 0, y: 114, w: 8, h: 26, edge: 'l'},
			{button: procedure.Side, x: 124, y: 80, w: 8, h: 30, edge: 'r'},
			{button: procedure.Home, x: 66, y: 255, w: 13, round: true, edge: 'b'},
		}, [4]float32{13, 42, 106, 192}, 22
	}
	parts = []part{
		{button: ringSwitch, x: 0, y: 58, w: 8, h: 16, edge: 'l'},
		{button: procedure.VolumeUp, x: 0, y: 88, w: 8, h: 30, edge: 'l'},
		{button: procedure.VolumeDown, x: 0, y: 126, w: 8, h: 30, edge: 'l'},
		{button: procedure.Side, x: 124, y: 96, w: 8, h: 48, edge: 'r'},
	}
	if action {
		parts[0].button = ActionButton
	}
	if camera {
		parts = append(parts, part{button: CameraControl, x: 124, y: 184, w: 8, h: 28, edge: 'r'})
	}
	return parts, [4]float32{12, 6, 108, 260}, 24
}

// PhoneDrawing is a front view of a phone of one button family with the
// buttons to use highlighted: a filled glow for "hold", an outlined glow for
// "press", each with a small label.
type PhoneDrawing struct {
	widget.BaseWidget

	Family        catalog.Family
	Active        []procedure.Button
	Action        string // "press" or "hold"
	ActionButton  bool   // the phone has an Action button (drawn greyed)
	CameraControl bool   // the phone has Camera Control (drawn greyed)
	// Dark draws the screen black, for steps during which it stays black.
	Dark bool
}

// NewPhoneDrawing draws a side-family phone with nothing highlighted.
func NewPhoneDrawing() *PhoneDrawing {
	p := &PhoneDrawing{Family: catalog.Side}
	p.ExtendBaseWidget(p)
	return p
}

// SetButtons shows a family's phone with the active buttons highlighted.
func (p *PhoneDrawing) SetButtons(family catalog.Family, active []procedure.Button, action string, actionButton, cameraControl bool) {
	p.Family, p.Active, p.Action = family, append([]procedure.Button(nil), active...), action
	p.ActionButton, p.CameraControl = actionButton, cameraControl
	p.Refresh()
}

// Label is the role of the small text beside a button: "hold" or "press"
// for an active button, "not this one" for an Action button or Camera
// Control, else "". labelWords says it.
func (p *PhoneDrawing) Label(b procedure.Button) string {
	if b == ActionButton || b == CameraControl {
		return "not this one"
	}
	for _, a := range p.Active {
		if a == b {
			return p.Action
		}
	}
	return ""
}

// labelWords is a Label as the drawing shows it, in the person's language.
func labelWords(label string) string {
	switch label {
	case "hold":
		return tr.T("guide.phone.hold")
	case "press":
		return tr.T("guide.phone.press")
	case "not this one":
		return tr.T("guide.phone.not-this-one")
	}
	return ""
}

// CreateRenderer is part of fyne.Widget.
func (p *PhoneDrawing) CreateRenderer() fyne.WidgetRenderer {
	r := &phoneRenderer{p: p,
		body:   &canvas.Rectangle{FillColor: phoneBody, StrokeColor: phoneEdge, StrokeWidth: 1.5},
		screen: &canvas.Rectangle{FillColor: phoneScreen},
		notch:  &canvas.Rectangle{FillColor: phoneBody},
	}
	r.build()
	return r
}

type phoneRenderer struct {
	p             *PhoneDrawing
	parts         []part
	screenAt      [4]float32
	corner        float32
	body, screen  *canvas.Rectangle
	notch         *canvas.Rectangle
	glows, shapes []fyne.CanvasObject // one each per part
	labels        []*canvas.Text
	objects       []fyne.CanvasObject
}

// build makes the canvas objects for the widget's family.
func (r *phoneRenderer) build() {
	r.parts, r.screenAt, r.corner = layoutOf(r.p.Family, r.p.ActionButton, r.p.CameraControl)
	r.glows, r.shapes, r.labels = nil, nil, nil
	var buttons []fyne.CanvasObject
	for _, pt := range r.parts {
		var glow, shape fyne.CanvasObject
		if pt.round {
			glow, shape = &canvas.Circle{}, &canvas.Circle{StrokeWidth: 2.5}
		} else {
			glow, shape = &canvas.Rectangle{}, &canvas.Rectangle{}
		}
		r.glows = append(r.glows, glow)
		r.shapes = append(r.shapes, shape)
		r.labels = append(r.labels, &canvas.Text{TextStyle: fyne.TextStyle{Bold: true}})
		buttons = append(buttons, glow)
		if !pt.round {
			buttons = append(buttons, shape) // side buttons sit behind the body's edge
		}
	}
	r.objects = append(buttons, r.body, r.screen, r.notch)
	for i, pt := range r.parts {
		if pt.round {
			r.objects = append(r.objects, r.glows[i], r.shapes[i]) // the Home button sits on the front
		}
	}
	for _, l := range r.labels {
		r.objects = append(r.objects, l)
	}
	r.colour()
}

// colour sets each part's fill, glow and label from the widget's state.
func (r *phoneRenderer) colour() {
	accent := theme.Color(theme.ColorNamePrimary)
	ac := color.NRGBAModel.Convert(accent).(color.NRGBA)
	for i, pt := range r.parts {
		label := r.p.Label(pt.button)
		fill, stroke, glowFill, glowStroke := color.Color(phoneButton), color.Color(color.Transparent), color.Color(color.Transparent), color.Color(color.Transparent)
		var glowWidth float32
		textColour := accent
		switch {
		case label == "not this one":
			fill, textColour = phoneGreyed, theme.Color(theme.ColorNamePlaceHolder)
		case label == "hold":
			fill, glowFill, glowStroke, glowWidth = accent, tint(ac, 0x90), accent, 1.5
		case label == "press":
			fill, glowStroke, glowWidth = accent, accent, 2.5
		}
		if pt.round {
			fill, stroke = color.Color(color.Transparent), color.Color(phoneEdge)
			if label == "hold" || label == "press" {
				fill, stroke = accent, accent
			}
			if r.p.Family == catalog.IPhone7 && fill == color.Color(color.Transparent) {
				fill = color.NRGBA{R: 0x34, G: 0x3a, B: 0x43, A: 0xff}
			}
		}
		setShape(r.glows[i], glowFill, glowStroke, glowWidth)
		setShape(r.shapes[i], fill, stroke, -1)
		r.labels[i].Text, r.labels[i].Color = labelWords(label), textColour
		r.labels[i].TextStyle.Bold = label != "not this one"
	}
	r.notch.Hidden = r.p.Family != catalog.Side && r.p.Family != ""
	r.screen.FillColor = phoneScreen
	if r.p.Dark {
		r.screen.FillColor = color.NRGBA{R: 0x0b, G: 0x0d, B: 0x10, A: 0xff}
	}
}

func setShape(o fyne.CanvasObject, fill, stroke color.Color, width float32) {
	switch s := o.(type) {
	case *canvas.Rectangle:
		s.FillColor, s.StrokeColor = fill, stroke
		if width >= 0 {
			s.StrokeWidth = width
		}
	case *canvas.Circle:
		s.FillColor, s.StrokeColor = fill, stroke
		if width >= 0 {
			s.StrokeWidth = width
		}
	}
}

func (r *phoneRenderer) Layout(size fyne.Size) {
	s := min(size.Width/designW, size.Height/designH)
	ox, oy := (size.Width-designW*s)/2+phoneX*s, (size.Height-designH*s)/2+phoneY*s
	place := func(o fyne.CanvasObject, x, y, w, h float32) {
		o.Move(fyne.NewPos(ox+x*s, oy+y*s))
		o.Resize(fyne.NewSize(w*s, h*s))
	}
	place(r.body, 6, 4, 120, 272)
	r.body.CornerRadius = r.corner * s
	place(r.screen, r.screenAt[0], r.screenAt[1], r.screenAt[2], r.screenAt[3])
	r.screen.CornerRadius = 3 * s
	if r.p.Family == catalog.Side || r.p.Family == "" {
		r.screen.CornerRadius = 18 * s
	}
	place(r.notch, 48, 15, 36, 10)
	r.notch.CornerRadius = 5 * s
	textSize := max(12, 13*s)
	for i, pt := range r.parts {
		if pt.round {
			place(r.shapes[i], pt.x-pt.w, pt.y-pt.w, 2*pt.w, 2*pt.w)
			place(r.glows[i], pt.x-pt.w-6, pt.y-pt.w-6, 2*pt.w+12, 2*pt.w+12)
		} else {
			place(r.shapes[i], pt.x, pt.y, pt.w, pt.h)
			place(r.glows[i], pt.x-5, pt.y-5, pt.w+10, pt.h+10)
			r.shapes[i].(*canvas.Rectangle).CornerRadius = 2.5 * s
			r.glows[i].(*canvas.Rectangle).CornerRadius = 6 * s
		}
		l := r.labels[i]
		l.TextSize = textSize
		if !l.TextStyle.Bold {
			l.TextSize = max(10, 10*s)
		}
		w := l.MinSize().Width
		cy := oy + (pt.y+pt.h/2)*s - l.MinSize().Height/2
		switch pt.edge {
		case 'l':
			l.Move(fyne.NewPos(ox-9*s-w, cy))
		case 'r':
			l.Move(fyne.NewPos(ox+(pt.x+pt.w+9)*s, cy))
		case 't':
			l.Move(fyne.NewPos(ox+(pt.x+pt.w/2)*s-w/2, oy-8*s-l.MinSize().Height))
		case 'b':
			l.Move(fyne.NewPos(ox+pt.x*s-w/2, oy+282*s))
		}
		l.Resize(l.MinSize())
	}
}

func (r *phoneRenderer) MinSize() fyne.Size { return fyne.NewSize(designW*0.8, designH*0.8) }

func (r *phoneRenderer) Refresh() {
	r.build()
	r.Layout(r.p.Size())
	canvas.Refresh(r.p)
}

func (r *phoneRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *phoneRenderer) Destroy()                     {}
