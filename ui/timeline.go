package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"unstuck/device"
	"unstuck/device/tr"
)

// TimelineRows is how many events the "What happened" list shows.
const TimelineRows = 8

// Timeline is the "What happened" list: the last events, newest first.
type Timeline struct {
	Times [TimelineRows]*widget.RichText // clock time and phone of each row
	Texts [TimelineRows]*widget.Label    // the event in plain words
	Quiet *widget.RichText               // shown while nothing has happened

	rows    [TimelineRows]*fyne.Container
	content fyne.CanvasObject
	drawn   string // what the last redraw showed
}

func newTimeline() *Timeline {
	t := &Timeline{Quiet: muted(tr.T("timeline.quiet"), theme.SizeNameText)}
	list := container.New(layout.NewCustomPaddedVBoxLayout(compactGap), t.Quiet)
	for i := range t.rows {
		t.Times[i] = muted("", theme.SizeNameCaptionText)
		t.Times[i].Truncation = fyne.TextTruncateEllipsis
		t.Texts[i] = wrapped()
		t.rows[i] = container.New(compactColumn{}, t.Times[i], t.Texts[i])
		list.Add(t.rows[i])
	}
	title := &widget.Label{Text: tr.T("timeline.title"), TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}
	t.content = panel(tint(colourGrey, 0x1e),
		container.NewBorder(title, nil, nil, nil, container.NewVScroll(list)))
	return t
}

// Shown returns the texts of the visible rows, newest first.
func (t *Timeline) Shown() []string {
	var out []string
	for i, r := range t.rows {
		if r.Visible() {
			out = append(out, t.Texts[i].Text)
		}
	}
	return out
}

func (t *Timeline) apply(events []device.Event, now time.Time) {
	n := 0
	for i := len(events) - 1; i >= 0 && n < TimelineRows; i-- {
		e := events[i]
		text := eventText(e)
		if i > 0 && comeBack(events[i-1], e) {
			// One row for "left in one mode, came back in another".
			text = tr.T("event.came-back", "Mode", modeWords(e.To), "Was", modeWords(e.From))
			i--
		}
		if text == "" {
			continue
		}
		when := clock(e.At, now)
		if e.Device != "" {
			when += " · " + e.Device
		}
		setMuted(t.Times[n], when)
		t.Texts[n].Text = text
		t.rows[n].Show()
		n++
	}
	for i := n; i < TimelineRows; i++ {
		setMuted(t.Times[i], "")
		t.Texts[i].Text = ""
		t.rows[i].Hide()
	}
	t.Quiet.Hidden = n > 0
	shown := []any{n}
	for i := range n {
		shown = append(shown, t.Times[i].String(), t.Texts[i].Text)
	}
	if changed(&t.drawn, shown...) {
		t.content.Refresh()
	}
}

// comeBack says whether mode is the mode change that came with attach.
func comeBack(attach, mode device.Event) bool {
	return attach.Kind == device.EventAttached && mode.Kind == device.EventModeChanged &&
		attach.Key == mode.Key && attach.Device == mode.Device && attach.To == mode.To && attach.At.Equal(mode.At)
}

// clock is the event's wall-clock time, with the date when it is not today.
func clock(at, now time.Time) string {
	if y, m, d := at.Date(); y != now.Year() || m != now.Month() || d != now.Day() {
		return tr.DayMonth(at).String() + " " + tr.Clock(at)
	}
	return at.Format("15:04:05")
}
