package ui

import (
	"net/url"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"unstuck/device/hostcheck"
)

// HostPanel is the Computer panel: a checklist of hostcheck results, each
// with a status icon, what was found and, when not ok, the fix and a link.
type HostPanel struct {
	Heading    *widget.Label
	CheckedAt  *widget.Label
	CheckAgain *widget.Button
	// Rows are the rendered checks, in the order given to Apply.
	Rows []*HostRow

	list    *fyne.Container
	content fyne.CanvasObject
}

// HostRow is one check on screen.
type HostRow struct {
	Check   hostcheck.Check
	Icon    *widget.Icon
	Title   *widget.Label
	Found   *widget.Label
	Fix     *widget.Label     // hidden when there is no fix
	Snippet *widget.Entry     // the text to copy; hidden when none
	Link    *widget.Hyperlink // hidden when there is no link or the check is ok
}

// NewHostPanel builds the panel; onCheckAgain runs when the user asks for
// a fresh check (the caller runs hostcheck.Run and calls Apply).
func NewHostPanel(onCheckAgain func()) *HostPanel {
	p := &HostPanel{
		Heading:   &widget.Label{Text: "This computer", TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText},
		CheckedAt: &widget.Label{Text: "Not checked yet", Importance: widget.LowImportance},
		list:      container.NewVBox(),
	}
	p.CheckAgain = widget.NewButtonWithIcon("Check again", theme.ViewRefreshIcon(), func() {
		if onCheckAgain != nil {
			onCheckAgain()
		}
	})
	top := container.NewBorder(nil, nil, nil, p.CheckAgain, container.NewVBox(p.Heading, p.CheckedAt))
	p.content = container.NewBorder(top, nil, nil, nil, container.NewVScroll(p.list))
	return p
}

// Content is the panel's canvas object.
func (p *HostPanel) Content() fyne.CanvasObject { return p.content }

// Apply shows a fresh set of checks, taken at checkedAt.
func (p *HostPanel) Apply(checks []hostcheck.Check, checkedAt time.Time) {
	p.Rows = p.Rows[:0]
	objects := make([]fyne.CanvasObject, 0, len(checks))
	problems := 0
	for _, c := range checks {
		row := newHostRow(c)
		p.Rows = append(p.Rows, row)
		objects = append(objects, row.content())
		if c.Status == hostcheck.Warn || c.Status == hostcheck.Fail {
			problems++
		}
	}
	p.list.Objects = objects
	p.list.Refresh()
	switch {
	case checkedAt.IsZero():
		p.CheckedAt.SetText("Not checked yet")
	case problems == 0:
		p.CheckedAt.SetText("Checked at " + checkedAt.Format("15:04:05") + ": nothing to fix")
	case problems == 1:
		p.CheckedAt.SetText("Checked at " + checkedAt.Format("15:04:05") + ": 1 thing to fix")
	default:
		p.CheckedAt.SetText("Checked at " + checkedAt.Format("15:04:05") + ": " + strconv.Itoa(problems) + " things to fix")
	}
}

func newHostRow(c hostcheck.Check) *HostRow {
	r := &HostRow{
		Check: c,
		Icon:  widget.NewIcon(statusIcon(c.Status)),
		Title: &widget.Label{Text: c.Title, TextStyle: fyne.TextStyle{Bold: true}},
		Found: &widget.Label{Text: c.Found, Wrapping: fyne.TextWrapWord},
		Fix:   &widget.Label{Text: c.Fix, Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance},
	}
	if c.Status == hostcheck.Fail {
		r.Fix.Importance = widget.DangerImportance
	}
	r.Fix.Hidden = c.Fix == ""
	r.Snippet = widget.NewEntry()
	r.Snippet.SetText(c.Snippet)
	r.Snippet.TextStyle = fyne.TextStyle{Monospace: true}
	r.Snippet.Wrapping = fyne.TextWrapBreak
	r.Snippet.MultiLine = true
	r.Snippet.Hidden = c.Snippet == ""
	r.Link = widget.NewHyperlink("", nil)
	if u, err := url.Parse(c.Link); err == nil && c.Link != "" && c.Status != hostcheck.OK && (u.Scheme == "https" || u.Scheme == "http") {
		r.Link.SetText("Open " + u.Host)
		_ = r.Link.SetURLFromString(c.Link)
	} else {
		r.Link.Hidden = true
	}
	return r
}

func (r *HostRow) content() fyne.CanvasObject {
	text := container.NewVBox(r.Title, r.Found, r.Fix, r.Snippet, r.Link)
	return container.NewBorder(nil, nil, container.NewVBox(r.Icon), nil, text)
}

// statusIcon is the theme icon for a status, coloured like the rest of
// the app: green ok, orange warn, red fail, grey unknown.
func statusIcon(s hostcheck.Status) fyne.Resource {
	switch s {
	case hostcheck.OK:
		return theme.NewSuccessThemedResource(theme.ConfirmIcon())
	case hostcheck.Warn:
		return theme.NewWarningThemedResource(theme.WarningIcon())
	case hostcheck.Fail:
		return theme.NewErrorThemedResource(theme.ErrorIcon())
	}
	return theme.NewDisabledResource(theme.QuestionIcon())
}
