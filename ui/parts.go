package ui

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// changed says whether what a view shows now (parts) differs from what it
// showed at its last redraw (*last), and remembers it. Views redraw only
// when it does: fast-changing states often change nothing on screen.
func changed(last *string, parts ...any) bool {
	now := fmt.Sprintf("%#v", parts)
	if now == *last {
		return false
	}
	*last = now
	return true
}

// radius is the corner radius of panels.
const radius = 12

// ModeBadge is the large coloured panel that says what the phone is doing.
type ModeBadge struct {
	Pill     *canvas.Text  // the short mode name, upper case
	Headline *widget.Label // device.Mode.Headline() or the empty-state sentence
	Meaning  *widget.Label // what it means for the data; hidden when empty

	colour        color.NRGBA
	bg, bar, pill *canvas.Rectangle
	content       *fyne.Container
}

func newModeBadge() *ModeBadge {
	b := &ModeBadge{
		Pill:     &canvas.Text{TextStyle: fyne.TextStyle{Bold: true}, TextSize: 12, Color: color.White},
		Headline: &widget.Label{Wrapping: textWrap(), TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameHeadingText},
		Meaning:  &widget.Label{Wrapping: textWrap(), SizeName: theme.SizeNameSubHeadingText},
		bg:       &canvas.Rectangle{CornerRadius: radius, StrokeWidth: 1},
		bar:      &canvas.Rectangle{TopLeftCornerRadius: radius, BottomLeftCornerRadius: radius},
		pill:     &canvas.Rectangle{CornerRadius: 11},
	}
	b.bar.SetMinSize(fyne.NewSize(8, 8))
	pill := container.NewStack(b.pill, container.New(layout.NewCustomPaddedLayout(4, 4, 12, 12), b.Pill))
	text := container.NewVBox(container.NewHBox(pill), b.Headline, b.Meaning)
	b.content = container.NewStack(b.bg,
		container.NewBorder(nil, nil, b.bar, nil, container.New(layout.NewCustomPaddedLayout(14, 14, 12, 16), text)))
	return b
}

// Content is the badge's canvas object.
func (b *ModeBadge) Content() fyne.CanvasObject { return b.content }

// Colour is the badge's current colour.
func (b *ModeBadge) Colour() color.NRGBA { return b.colour }

func (b *ModeBadge) set(pill, headline, meaning string, c color.NRGBA) {
	b.colour = c
	b.Pill.Text = strings.ToUpper(pill)
	b.pill.FillColor = c
	b.Pill.Color = onColour(c)
	b.bar.FillColor = c
	b.bg.FillColor = tint(c, 0x22)
	b.bg.StrokeColor = tint(c, 0x55)
	b.Headline.Text = headline
	b.Meaning.Text = meaning
	b.Meaning.Hidden = meaning == ""
}

// muted is grey secondary text in the placeholder colour, 4.5:1 or more
// in both variants of Theme (a label's LowImportance is the disabled
// colour, 1.5:1, too faint to read). Read it back with String().
func muted(text string, size fyne.ThemeSizeName) *widget.RichText {
	rt := widget.NewRichText(&widget.TextSegment{Text: text,
		Style: widget.RichTextStyle{ColorName: theme.ColorNamePlaceHolder, SizeName: size, Inline: true}})
	return rt
}

// setMuted changes a muted text.
func setMuted(rt *widget.RichText, text string) {
	rt.Segments[0].(*widget.TextSegment).Text = text
}

// tint is c at the given opacity, so it shows on light and dark themes.
func tint(c color.NRGBA, alpha uint8) color.NRGBA {
	c.A = alpha
	return c
}

// panel puts obj on a rounded rectangle of the given fill.
func panel(fill color.Color, obj fyne.CanvasObject) *fyne.Container {
	bg := &canvas.Rectangle{FillColor: fill, CornerRadius: radius}
	return container.NewStack(bg, container.New(layout.NewCustomPaddedLayout(10, 10, 12, 12), obj))
}

// callout is a tinted panel with an icon left of a wrapping label.
func callout(c color.NRGBA, icon fyne.Resource, label *widget.Label) *fyne.Container {
	bg := &canvas.Rectangle{FillColor: tint(c, 0x26), StrokeColor: tint(c, 0x70), StrokeWidth: 1, CornerRadius: radius}
	ic := widget.NewIcon(icon)
	row := container.NewBorder(nil, nil, container.NewCenter(ic), nil, label)
	return container.NewStack(bg, container.New(layout.NewCustomPaddedLayout(8, 8, 12, 12), row))
}

// fixedWidth makes obj at least w wide.
func fixedWidth(obj fyne.CanvasObject, w float32) *fyne.Container {
	spacer := canvas.NewRectangle(color.Transparent)
	spacer.SetMinSize(fyne.NewSize(w, 0))
	return container.NewStack(spacer, obj)
}

// selectWidth is the width Fyne's Select needs to show each of opts whole:
// the text, and beside it three inner paddings and the arrow's icon (as
// widget.Select lays them out, with one padding more of margin).
func selectWidth(opts []string) float32 {
	widest := float32(0)
	for _, o := range opts {
		widest = max(widest, fyne.MeasureText(o, theme.Size(theme.SizeNameText), fyne.TextStyle{}).Width)
	}
	return widest + 4*theme.Size(theme.SizeNameInnerPadding) + theme.Size(theme.SizeNameInlineIcon)
}

// stepNumber is a small filled circle with a number, for checklists.
func stepNumber(n string, c color.NRGBA) fyne.CanvasObject {
	circle := &canvas.Circle{FillColor: c}
	text := &canvas.Text{Text: n, Color: onColour(c), TextStyle: fyne.TextStyle{Bold: true}, TextSize: 12, Alignment: fyne.TextAlignCenter}
	spacer := canvas.NewRectangle(color.Transparent)
	spacer.SetMinSize(fyne.NewSize(22, 22))
	// Top inset: centre the circle on the first line of the label beside it.
	return container.NewVBox(container.New(layout.NewCustomPaddedLayout(6, 0, 0, 0),
		container.NewStack(spacer, circle, container.NewCenter(text))))
}
