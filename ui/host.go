package ui

import (
	"net/url"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"unstuck/device/hostcheck"
	"unstuck/device/tr"
)

// HostPanel is the Computer panel: a checklist of hostcheck results, each
// with a status icon, what was found and, when not ok, the fix and a link.
type HostPanel struct {
	Heading    *widget.Label
	CheckedAt  *widget.Label
	CheckAgain *widget.Button
	// Rows are the rendered checks, in the order given to Apply.
	Rows []*HostRow

	rows    []*HostRow // every row built so far, for reuse
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

	box *fyne.Container
}

// NewHostPanel builds the panel; onCheckAgain runs when the user asks for
// a fresh check (the caller runs hostcheck.Run and calls Apply).
func NewHostPanel(onCheckAgain func()) *HostPanel {
	p := &HostPanel{
		Heading:   &widget.Label{Text: tr.T("tab.computer"), TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText},
		CheckedAt: &widget.Label{Text: tr.T("host.not-checked")},
		list:      container.NewVBox(),
	}
	p.CheckAgain = widget.NewButtonWithIcon(tr.T("host.check-again"), theme.ViewRefreshIcon(), func() {
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

// Apply shows a fresh set of checks, taken at checkedAt. Rows are reused:
// the checks change with every phone that comes and goes.
func (p *HostPanel) Apply(checks []hostcheck.Check, checkedAt time.Time) {
	for len(p.rows) < len(checks) {
		p.rows = append(p.rows, newHostRow())
	}
	p.Rows = p.rows[:len(checks)]
	objects := make([]fyne.CanvasObject, len(checks))
	problems := 0
	for i, c := range checks {
		p.Rows[i].set(c)
		objects[i] = p.Rows[i].box
		if c.Status == hostcheck.Warn || c.Status == hostcheck.Fail {
			problems++
		}
	}
	p.list.Objects = objects
	p.list.Refresh()
	switch {
	case checkedAt.IsZero():
		p.CheckedAt.SetText(tr.T("host.not-checked"))
	case problems == 0:
		p.CheckedAt.SetText(tr.T("host.checked.fine", "Time", checkedAt.Format("15:04:05")))
	default:
		p.CheckedAt.SetText(tr.N("host.checked.problems", problems, "Time", checkedAt.Format("15:04:05")))
	}
}

func newHostRow() *HostRow {
	r := &HostRow{
		Icon:    widget.NewIcon(nil),
		Title:   &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Wrapping: textWrap()},
		Found:   &widget.Label{Wrapping: fyne.TextWrapWord},
		Fix:     &widget.Label{Wrapping: fyne.TextWrapWord},
		Snippet: widget.NewEntry(),
		Link:    widget.NewHyperlink("", nil),
	}
	r.Snippet.Wrapping = fyne.TextWrapBreak
	r.Snippet.MultiLine = true
	text := container.NewVBox(r.Title, r.Found, r.Fix, r.Snippet, r.Link)
	r.box = container.NewBorder(nil, nil, container.NewVBox(r.Icon), nil, text)
	return r
}

// set shows check c in the row.
func (r *HostRow) set(c hostcheck.Check) {
	if r.Icon.Resource == nil || r.Check.Status != c.Status {
		r.Icon.SetResource(statusIcon(c.Status))
	}
	r.Check = c
	r.Title.Text, r.Found.Text, r.Fix.Text = c.Title.String(), c.Found.String(), c.Fix.String()
	r.Fix.Importance = widget.WarningImportance
	if c.Status == hostcheck.Fail {
		r.Fix.Importance = widget.DangerImportance
	}
	r.Fix.Hidden = c.Fix.IsZero()
	if r.Snippet.Text != c.Snippet {
		r.Snippet.SetText(c.Snippet)
	}
	r.Snippet.Hidden = c.Snippet == ""
	r.Link.Hidden = true
	if u, err := url.Parse(c.Link); err == nil && c.Link != "" && c.Status != hostcheck.OK && (u.Scheme == "https" || u.Scheme == "http") {
		r.Link.Text = tr.T("host.open", "Host", u.Host)
		r.Link.URL = u
		r.Link.Hidden = false
	}
	r.box.Refresh()
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
