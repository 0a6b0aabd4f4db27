package ui

import (
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"unstuck/device/ladder"
	"unstuck/device/tr"
)

// LadderView is the "Fix it step by step" screen: the troubleshooting
// ladder from the safest step to the one that erases, each with its risk,
// its status and what Unstuck saw.
type LadderView struct {
	Heading *widget.Label
	Summary *widget.Label
	Rows    []*LadderRow
	// Handoff sits in the recovery step's row while that step is Now: the
	// button that opens Finder, iTunes or Apple Devices.
	Handoff *Handoff

	// OnTick is called when the user marks a manual step done (or undoes
	// it); OnGuide when they open a step's guided procedure.
	OnTick  func(id string, done bool)
	OnGuide func(procedure string)

	list    *fyne.Container
	content fyne.CanvasObject
	drawn   string // the steps on screen
}

// LadderRow is one step on screen.
type LadderRow struct {
	Step   ladder.Step
	Number *canvas.Text
	Title  *widget.Label
	Risk   *canvas.Text
	Status *widget.Label
	What   *widget.Label
	Detail *widget.Label   // hidden when Unstuck saw nothing
	Tick   *widget.Button  // "Mark done" / "Not done yet", for manual steps
	Guide  *widget.Button  // "Open the guide", for steps with a procedure
	Extra  *fyne.Container // holds the hand-off on the recovery step while it is Now

	riskBG, badge *canvas.Rectangle
	content       fyne.CanvasObject
}

// NewLadderView builds the screen with the nine steps, all to do; a row
// is added for the wait step (rung 0) when a backup or an update first
// runs, and hidden again when nothing is going on.
func NewLadderView() *LadderView {
	v := &LadderView{
		Heading: &widget.Label{Text: tr.T("tab.ladder"), TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText},
		Summary: &widget.Label{Wrapping: textWrap()},
		list:    container.NewVBox(),
		Handoff: NewHandoff(),
	}
	for _, s := range ladder.Evaluate(ladder.Input{}) {
		r := v.newRow(s)
		v.Rows = append(v.Rows, r)
		v.list.Add(r.content)
	}
	top := container.NewVBox(v.Heading, v.Summary)
	v.content = container.NewBorder(container.New(layout.NewCustomPaddedLayout(8, 4, 18, 18), top), nil, nil, nil,
		container.NewVScroll(container.New(layout.NewCustomPaddedLayout(0, 12, 18, 18), v.list)))
	v.Apply(ladder.Evaluate(ladder.Input{}))
	return v
}

// Content is the screen's canvas object.
func (v *LadderView) Content() fyne.CanvasObject { return v.content }

func (v *LadderView) newRow(s ladder.Step) *LadderRow {
	r := &LadderRow{
		Number: &canvas.Text{TextStyle: fyne.TextStyle{Bold: true}, TextSize: 15, Color: color.White, Alignment: fyne.TextAlignCenter},
		Title:  &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Wrapping: textWrap()},
		Risk:   &canvas.Text{TextStyle: fyne.TextStyle{Bold: true}, TextSize: 11, Color: color.White},
		Status: &widget.Label{}, // regular and bold are the only text styles: each style parses its own fonts
		What:   &widget.Label{Wrapping: textWrap()},
		Detail: &widget.Label{Wrapping: textWrap(), Importance: widget.WarningImportance},
		riskBG: &canvas.Rectangle{CornerRadius: 9},
		badge:  &canvas.Rectangle{CornerRadius: 15},
		Extra:  container.NewVBox(),
	}
	r.badge.SetMinSize(fyne.NewSize(30, 30))
	r.Tick = widget.NewButtonWithIcon(tr.T("ladder.mark-done"), theme.ConfirmIcon(), func() {
		if v.OnTick != nil {
			v.OnTick(r.Step.ID, r.Step.Status != ladder.Done)
		}
	})
	r.Guide = widget.NewButtonWithIcon(tr.T("ladder.open-guide"), theme.MediaPlayIcon(), func() {
		if v.OnGuide != nil {
			v.OnGuide(r.Step.Guide)
		}
	})
	number := container.NewVBox(container.NewStack(r.badge, container.NewCenter(r.Number)))
	risk := container.NewStack(r.riskBG, container.New(layout.NewCustomPaddedLayout(2, 2, 8, 8), r.Risk))
	head := container.NewBorder(nil, nil, nil, container.NewHBox(container.NewCenter(risk), r.Status), r.Title)
	buttons := container.NewHBox(r.Tick, r.Guide)
	body := container.NewVBox(head, r.What, r.Detail, buttons, r.Extra)
	r.content = container.NewVBox(container.NewBorder(nil, nil, number, nil, body), widget.NewSeparator())
	return r
}

// Apply shows the steps as they stand, in the order ladder.Evaluate gives
// them: the step that applies now first; each keeps its rung's number.
func (v *LadderView) Apply(steps []ladder.Step) {
	if !changed(&v.drawn, steps) {
		return // the same steps as on screen: a state that changed nothing here
	}
	for len(v.Rows) < len(steps) { // the wait step (rung 0) comes and goes
		r := v.newRow(steps[len(v.Rows)])
		v.Rows = append(v.Rows, r)
		v.list.Add(r.content)
	}
	for i, r := range v.Rows {
		if i < len(steps) {
			r.content.Show()
		} else {
			r.content.Hide()
		}
	}
	done, next := 0, -1
	for i, s := range steps {
		v.Rows[i].apply(s)
		v.Rows[i].Extra.Objects = nil
		if s.ID == ladder.StepRecovery && s.Status == ladder.Now {
			v.Rows[i].Extra.Objects = []fyne.CanvasObject{v.Handoff.Content()}
		}
		v.Rows[i].Extra.Refresh()
		switch s.Status {
		case ladder.Done, ladder.CheckedOK, ladder.NotApplicable:
			done++
		default:
			if next < 0 {
				next = i
			}
		}
	}
	switch {
	case next < 0:
		v.Summary.SetText(tr.T("ladder.summary.all-done"))
	default:
		v.Summary.SetText(tr.N("ladder.summary", len(steps), "Done", done, "Next", steps[next].Title))
	}
}

func (r *LadderRow) apply(s ladder.Step) {
	r.Step = s
	r.Number.Text = strconv.Itoa(s.Rung)
	r.Title.Text = s.Title.String()
	r.What.Text = s.What.String()
	// A step that cannot apply now says so in its status and its Detail
	// says why; its words stay in the normal colour (the disabled one is
	// 1.5:1, too faint to read).
	r.Detail.Text = s.Detail.String()
	r.Detail.Hidden = s.Detail.IsZero()
	r.Detail.Importance = widget.MediumImportance
	if s.Status == ladder.ToDo || s.Status == ladder.Now {
		r.Detail.Importance = widget.WarningImportance
	}
	c := riskColour(s.Risk)
	r.Risk.Text = riskWords(s.Risk)
	r.riskBG.FillColor = c
	r.Risk.Color = onColour(c)
	r.Status.Text = ladderStatusWords(s.Status)
	r.badge.FillColor = colourGrey
	switch s.Status {
	case ladder.Done, ladder.CheckedOK:
		r.badge.FillColor = colourNormal
	case ladder.Now:
		r.badge.FillColor = colourRestore
	}
	r.Number.Color = onColour(r.badge.FillColor)
	r.Tick.Hidden = !s.Manual && s.Status != ladder.Done
	r.Tick.SetText(tr.T("ladder.mark-done"))
	r.Tick.SetIcon(theme.ConfirmIcon())
	if s.Status == ladder.Done {
		r.Tick.SetText(tr.T("ladder.not-done"))
		r.Tick.SetIcon(theme.ContentUndoIcon())
	}
	if s.Status == ladder.NotApplicable || s.Status == ladder.CheckedOK {
		r.Tick.Hidden = true
	}
	r.Guide.Hidden = s.Guide == ""
	r.content.Refresh()
}

// riskWords names a step's risk to the phone's data.
func riskWords(r ladder.Risk) string {
	switch r {
	case ladder.RiskKeepsData:
		return tr.T("risk.keeps-data")
	case ladder.RiskErases:
		return tr.T("risk.erases")
	}
	return tr.T("risk.none")
}

func riskColour(r ladder.Risk) color.NRGBA {
	switch r {
	case ladder.RiskKeepsData:
		return colourRecovery
	case ladder.RiskErases:
		return colourDanger
	}
	return colourNormal
}

// ladderStatusWords says where a step stands.
func ladderStatusWords(s ladder.Status) string {
	switch s {
	case ladder.Done:
		return tr.T("ladder.status.done")
	case ladder.CheckedOK:
		return tr.T("ladder.status.checked-ok")
	case ladder.NotApplicable:
		return tr.T("ladder.status.not-needed")
	case ladder.Now:
		return tr.T("ladder.status.now")
	}
	return tr.T("ladder.status.to-do")
}
