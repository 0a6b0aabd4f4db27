package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Dense lists (the timeline, the details, the guide's steps) draw their texts
// closer together than Fyne's default padding allows. They do it with
// layouts that overlap the texts' inner padding, not with a theme override:
// Fyne gives a ThemeOverride a new cache scope on every Refresh, and the font
// faces cached for each scope are never freed, so a card refreshed ten times
// a second by a flapping cable grew by megabytes a second.

// compactInnerPadding is the space left above and below a text in a dense list.
const compactInnerPadding = 3

// compactGap is the space between two rows of a dense list.
const compactGap = 2

// compactTrim is how much of a text widget's padding a dense list overlaps,
// above and below.
func compactTrim() float32 { return theme.InnerPadding() - compactInnerPadding }

// compactColumn stacks text widgets closely, top to bottom; hidden ones take
// no space. Texts keep their usual left inset, in line with the texts
// around the list, and reach closer to the right edge.
type compactColumn struct{}

func (compactColumn) MinSize(objs []fyne.CanvasObject) fyne.Size {
	trim, w, h, n := compactTrim(), float32(0), float32(0), 0
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		w = max(w, m.Width-trim)
		h += max(0, m.Height-2*trim)
		n++
	}
	if n > 1 {
		h += float32(n-1) * compactGap
	}
	return fyne.NewSize(w, h)
}

func (compactColumn) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	trim, y := compactTrim(), float32(0)
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y-trim))
		o.Resize(fyne.NewSize(size.Width+trim, h))
		y += max(0, h-2*trim) + compactGap
	}
}

// compactForm lays out key and value texts in two columns, pairwise, as a
// dense form: keys as wide as the widest, values taking the rest.
type compactForm struct{}

func (compactForm) columns(objs []fyne.CanvasObject) (keyWidth, valueWidth float32) {
	for i := 0; i+1 < len(objs); i += 2 {
		keyWidth = max(keyWidth, objs[i].MinSize().Width)
		valueWidth = max(valueWidth, objs[i+1].MinSize().Width-compactTrim())
	}
	return keyWidth, valueWidth
}

func (f compactForm) MinSize(objs []fyne.CanvasObject) fyne.Size {
	trim := compactTrim()
	kw, vw := f.columns(objs)
	h := float32(0)
	for i := 0; i+1 < len(objs); i += 2 {
		if i > 0 {
			h += compactGap
		}
		h += max(0, max(objs[i].MinSize().Height, objs[i+1].MinSize().Height)-2*trim)
	}
	return fyne.NewSize(kw+theme.Padding()+vw, h)
}

func (f compactForm) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	trim := compactTrim()
	kw, _ := f.columns(objs)
	x := kw + theme.Padding()
	y := float32(0)
	for i := 0; i+1 < len(objs); i += 2 {
		key, val := objs[i], objs[i+1]
		h := max(key.MinSize().Height, val.MinSize().Height)
		key.Move(fyne.NewPos(0, y-trim))
		key.Resize(fyne.NewSize(kw, h))
		val.Move(fyne.NewPos(x, y-trim))
		val.Resize(fyne.NewSize(max(0, size.Width-x+trim), h))
		y += max(0, h-2*trim) + compactGap
	}
}
