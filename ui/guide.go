package ui

import (
	"fmt"
	"image/color"
	"math"
	"reflect"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"unstuck/device"
	"unstuck/device/catalog"
	"unstuck/device/guide"
	"unstuck/device/procedure"
	"unstuck/device/tr"
)

// GuideView walks the user through a button procedure: before the start it
// shows what the procedure is, what it risks and every step; while the
// guide.Run counts it shows the current step with a large countdown and the
// phone with the buttons to press; at the end it shows the verdict. It is a
// thin view: SetProcedure, ApplyTick and ApplyState are synchronous and run
// on the UI goroutine; the buttons only call the On* funcs.
type GuideView struct {
	Title    *widget.Label      // "DFU mode · iPhone X (Global)"
	Family   *widget.Label      // the family in plain words
	Mode     *canvas.Text       // the live mode pill
	ModeLine *widget.Label      // the attached phone, beside the pill
	Risk     *widget.Label      // the data-loss risk
	Wait     *widget.Label      // during an update: wait first (empty otherwise)
	Warnings []*widget.Label    // one per warning
	Steps    []*widget.Label    // the step list, one Say each
	Details  []*widget.RichText // under each step: how long, which buttons

	Countdown *canvas.Text  // whole seconds left, very large
	Say       *widget.Label // the current instruction, large
	See       *widget.Label // what the screen should do
	Status    *widget.Label // "Get ready…", "Waiting for the phone…", "Paused"
	Progress  *widget.ProgressBar
	Verdict   *widget.Label // how it ended, in plain words
	Advice    *widget.Label // Verdict.Advice()
	Observed  *widget.Label // what the phone did
	Phone     *PhoneDrawing

	Start, Pause, TryAgain *widget.Button
	Picker                 *widget.Select // the button family, when no phone is attached
	// Extras holds the caller's controls on the buttons' row, at its left
	// (the app puts the sound switch there).
	Extras *fyne.Container

	OnStart, OnPause, OnResume, OnTryAgain func()
	OnFamily                               func(catalog.Family)

	proc           procedure.Procedure
	model          string
	action, camera bool
	current        int // highlighted step, -1 for none
	paused         bool
	shown          shownTick // what the last tick put on screen
	attached       bool

	modePill                    *canvas.Rectangle
	stepRows                    []*canvas.Rectangle
	stepList                    *fyne.Container
	intro, run, done, pickerBox *fyne.Container
	warnBox, waitBox            *fyne.Container
	updating                    bool // SetUpdating: Start is the second choice
	verdictBG                   *canvas.Rectangle
	content                     fyne.CanvasObject
	drawnState                  string // the live badge as last drawn
}

// NewGuideView builds the screen, empty until SetProcedure.
func NewGuideView() *GuideView {
	g := &GuideView{
		Title:     &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameHeadingText, Truncation: fyne.TextTruncateEllipsis},
		Family:    &widget.Label{Wrapping: fyne.TextWrapWord},
		Mode:      &canvas.Text{TextStyle: fyne.TextStyle{Bold: true}, TextSize: 12, Color: color.White},
		ModeLine:  &widget.Label{},
		Risk:      &widget.Label{Wrapping: fyne.TextWrapWord},
		Wait:      &widget.Label{Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Bold: true}},
		Countdown: &canvas.Text{TextStyle: fyne.TextStyle{Bold: true}, TextSize: 120, Alignment: fyne.TextAlignCenter},
		Say:       &widget.Label{Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameHeadingText, Alignment: fyne.TextAlignCenter},
		See:       &widget.Label{Wrapping: fyne.TextWrapWord, SizeName: theme.SizeNameSubHeadingText, Alignment: fyne.TextAlignCenter},
		Status:    &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText, Alignment: fyne.TextAlignCenter, Wrapping: fyne.TextWrapWord},
		Progress:  &widget.ProgressBar{TextFormatter: func() string { return "" }},
		Verdict:   &widget.Label{Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameHeadingText},
		Advice:    &widget.Label{Wrapping: fyne.TextWrapWord, SizeName: theme.SizeNameSubHeadingText},
		Observed:  &widget.Label{Wrapping: fyne.TextWrapWord},
		Phone:     NewPhoneDrawing(),
		current:   -1,
		verdictBG: &canvas.Rectangle{CornerRadius: radius, StrokeWidth: 1},
		modePill:  &canvas.Rectangle{CornerRadius: 11},
	}
	g.Start = &widget.Button{Text: tr.T("guide.start"), Icon: theme.MediaPlayIcon(), Importance: widget.HighImportance, OnTapped: func() { call(g.OnStart) }}
	g.Pause = &widget.Button{Text: tr.T("guide.pause"), Icon: theme.MediaPauseIcon(), OnTapped: g.onPause}
	g.TryAgain = &widget.Button{Text: tr.T("guide.try-again"), Icon: theme.MediaReplayIcon(), Importance: widget.HighImportance, OnTapped: func() { call(g.OnTryAgain) }}
	opts := make([]string, len(guideFamilies))
	for i, f := range guideFamilies {
		opts[i] = familyOption(f)
	}
	g.Picker = &widget.Select{Options: opts, PlaceHolder: tr.T("guide.choose"), OnChanged: g.onFamily}
	g.Countdown.Color = theme.Color(theme.ColorNamePrimary)

	g.stepList = container.New(layout.NewCustomPaddedVBoxLayout(compactGap))
	g.warnBox = container.NewVBox()
	g.pickerBox = container.NewVBox(&widget.Label{Text: tr.T("guide.which"), TextStyle: fyne.TextStyle{Bold: true}, Wrapping: textWrap()},
		fixedWidth(g.Picker, selectWidth(opts)))
	riskTitle := &widget.Label{Text: tr.T("guide.your-data"), TextStyle: fyne.TextStyle{Bold: true}}
	g.waitBox = container.NewVBox(callout(colourRestore, theme.InfoIcon(), g.Wait))
	g.waitBox.Hide()
	g.intro = container.NewVBox(g.waitBox, g.pickerBox, g.Family, panel(tint(colourRestore, 0x22), container.NewVBox(riskTitle, g.Risk)), g.warnBox)
	g.run = container.NewVBox(g.Status, g.Countdown, g.Say, g.See)
	g.done = container.NewStack(g.verdictBG, container.New(layout.NewCustomPaddedLayout(12, 12, 14, 14),
		container.NewVBox(g.Verdict, g.Advice, g.Observed)))

	pill := container.NewStack(g.modePill, container.New(layout.NewCustomPaddedLayout(4, 4, 12, 12), g.Mode))
	header := container.NewBorder(nil, nil, nil, container.NewHBox(container.NewCenter(g.ModeLine), container.NewCenter(pill)), g.Title)
	stepsTitle := &widget.Label{Text: tr.T("guide.steps"), TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}
	steps := fixedWidth(panel(tint(colourGrey, 0x1e), container.NewBorder(stepsTitle, nil, nil, nil,
		container.NewVScroll(container.New(layout.NewCustomPaddedLayout(0, 0, 2, 8), g.stepList)))), 250)
	g.Extras = container.NewHBox()
	buttons := container.NewHBox(g.Extras, layout.NewSpacer(), g.Start, g.Pause, g.TryAgain)
	bottom := container.NewVBox(g.Progress, buttons)
	centre := container.NewVScroll(container.New(layout.NewCustomPaddedLayout(0, 0, 8, 8),
		container.NewStack(g.intro, g.run, container.NewVBox(g.done))))
	// The drawing, the words and the steps scroll on a short screen (1024x600,
	// 150 % on 1366x768); Start and the progress bar stay in sight below.
	body := container.NewBorder(nil, bottom, nil, nil,
		container.NewVScroll(container.NewBorder(nil, nil, fixedWidth(g.Phone, 262), steps, centre)))
	g.content = container.New(layout.NewCustomPaddedLayout(10, 12, 14, 14),
		container.NewBorder(container.NewVBox(header, widget.NewSeparator()), nil, nil, nil, body))
	g.ApplyState(device.State{}, "")
	g.showIdle()
	return g
}

func call(f func()) {
	if f != nil {
		f()
	}
}

// Content is the screen's canvas object.
func (g *GuideView) Content() fyne.CanvasObject { return g.content }

// ShowingVerdict says whether the screen shows how a run ended: it stays
// until the user dismisses it (Try again, or another procedure).
func (g *GuideView) ShowingVerdict() bool { return g.done.Visible() }

// Current is the index of the highlighted step, or -1.
func (g *GuideView) Current() int { return g.current }

// SetProcedure shows a procedure before it starts: its family, the
// data-loss risk, the warnings and every step. modelName is "" when no
// phone is attached.
func (g *GuideView) SetProcedure(p procedure.Procedure, modelName string) {
	same := reflect.DeepEqual(g.proc, p) && g.Steps != nil
	g.proc, g.model = p, modelName
	g.shown = shownTick{}
	g.action, g.camera = extras(modelName)
	g.Title.Text = p.Kind.Name().String()
	if modelName != "" {
		g.Title.Text = tr.T("guide.title", "Kind", p.Kind.Name(), "Model", modelName)
	}
	g.Family.Text = tr.T("guide.buttons", "Buttons", p.Family.Describe())
	g.Risk.Text = p.Risk.String()
	if !same { // a phone that comes and goes shows the same steps again: keep them
		g.buildSteps(p)
	}
	g.Progress.Max = p.Seconds()
	g.Progress.Value = 0
	g.Phone.SetButtons(p.Family, nil, "", g.action, g.camera)
	if g.Picker.Selected != familyOption(p.Family) {
		g.Picker.Selected = familyOption(p.Family) // set directly: no OnFamily round trip
		g.Picker.Refresh()
	}
	g.showIdle()
}

// SetUpdating says, before a start, that the phone is updating or backing
// up: wait first, with the caution beside the risk, and Start a second
// choice (tr.T("guide.start-anyway")). A zero wait clears it. Call it
// after SetProcedure.
func (g *GuideView) SetUpdating(wait, caution tr.Text) {
	g.updating = !wait.IsZero()
	g.Wait.SetText(wait.String())
	g.waitBox.Hidden, g.Wait.Hidden = !g.updating, !g.updating
	g.Start.Text, g.Start.Importance = tr.T("guide.start"), widget.HighImportance
	if g.updating {
		g.Start.Text, g.Start.Importance = tr.T("guide.start-anyway"), widget.MediumImportance
		g.Risk.Text = caution.String() + "\n\n" + g.proc.Risk.String()
	}
	g.Start.Refresh()
	g.content.Refresh()
}

// buildSteps makes the warnings and the step list of p.
func (g *GuideView) buildSteps(p procedure.Procedure) {
	g.Warnings = nil
	g.warnBox.Objects = nil
	for _, w := range p.Warnings {
		l := &widget.Label{Text: w.String(), Wrapping: fyne.TextWrapWord}
		g.Warnings = append(g.Warnings, l)
		g.warnBox.Add(callout(colourRecovery, theme.WarningIcon(), l))
	}
	g.Steps, g.Details, g.stepRows = nil, nil, nil
	g.stepList.Objects = nil
	for i, s := range p.Steps {
		l := &widget.Label{Text: s.Say.String(), Wrapping: fyne.TextWrapWord}
		d := muted(s.Detail().String(), theme.SizeNameCaptionText)
		d.Wrapping = fyne.TextWrapWord
		bg := &canvas.Rectangle{CornerRadius: 8, StrokeWidth: 1.5}
		g.Steps, g.Details, g.stepRows = append(g.Steps, l), append(g.Details, d), append(g.stepRows, bg)
		row := container.NewBorder(nil, nil, stepNumber(fmt.Sprint(i+1), colourGrey), nil, container.New(compactColumn{}, l, d))
		g.stepList.Add(container.NewStack(bg, container.New(layout.NewCustomPaddedLayout(2, 4, 4, 4), row)))
	}
}

// showIdle is the screen before a start.
func (g *GuideView) showIdle() {
	g.paused = false
	g.highlight(-1)
	g.intro.Show()
	g.run.Hide()
	g.done.Hide()
	g.pickerBox.Hidden = g.attached
	g.Start.Show()
	g.Start.Disable()
	if len(g.proc.Steps) > 0 {
		g.Start.Enable()
	}
	g.Pause.Hide()
	g.TryAgain.Hide()
	g.Progress.Hide()
	g.content.Refresh()
}

// shownTick is what a tick puts on screen besides the progress bar: ticks
// come every 50 ms, and most of them change only the bar.
type shownTick struct {
	phase   guide.Phase
	step    int
	seconds string
	paused  bool
}

// ApplyTick shows one tick of the countdown. A tick that changes only the
// progress bar redraws only the bar.
func (g *GuideView) ApplyTick(t guide.Tick) {
	now := shownTick{t.Phase, t.Step, seconds(t.StepLeft), t.Paused}
	if same := now; t.Phase != guide.PhaseDone && g.Progress.Visible() {
		same.seconds = g.shown.seconds
		if same == g.shown { // the same step: only the numeral and the bar move
			if now.seconds != g.shown.seconds {
				g.shown.seconds = now.seconds
				g.Countdown.Text = now.seconds
				g.Countdown.Refresh()
			}
			// The bar moves in quarter seconds: smooth enough, and a
			// quarter of the redraws.
			if v := math.Floor(t.Elapsed.Seconds()*4) / 4; t.Total > 0 && v != g.Progress.Value {
				g.Progress.Max, g.Progress.Value = t.Total.Seconds(), min(v, t.Total.Seconds())
				g.Progress.Refresh()
			}
			return
		}
	}
	g.shown = now
	g.intro.Hide()
	g.Start.Hide()
	g.Progress.Show()
	if t.Total > 0 {
		g.Progress.Max, g.Progress.Value = t.Total.Seconds(), min(t.Elapsed.Seconds(), t.Total.Seconds())
	}
	g.paused = t.Paused
	g.Pause.Text, g.Pause.Icon = tr.T("guide.pause"), theme.MediaPauseIcon()
	if t.Paused {
		g.Pause.Text, g.Pause.Icon = tr.T("guide.resume"), theme.MediaPlayIcon()
	}
	if t.Phase == guide.PhaseDone {
		g.applyDone(t)
		return
	}
	g.run.Show()
	g.done.Hide()
	g.Pause.Show()
	g.TryAgain.Hide()
	g.Countdown.Text = seconds(t.StepLeft)
	g.Say.Text, g.See.Text = "", ""
	switch t.Phase {
	case guide.PhaseGetReady:
		g.Status.Text = tr.T("guide.get-ready")
		g.highlight(-1)
		if len(g.proc.Steps) > 0 {
			g.Say.Text = tr.T("guide.first", "Step", g.proc.Steps[0].Say)
		}
		g.Phone.SetButtons(g.proc.Family, nil, "", g.action, g.camera)
	case guide.PhaseWaiting:
		g.Status.Text = tr.T("guide.waiting")
		g.highlight(-1)
		g.See.Text = tr.T("guide.keep-cable")
		g.Phone.SetButtons(g.proc.Family, nil, "", g.action, g.camera)
	default:
		g.Status.Text = ""
		g.highlight(t.Step)
		if t.Step >= 0 && t.Step < len(g.proc.Steps) {
			s := g.proc.Steps[t.Step]
			g.Status.Text = tr.T("guide.step-of", "Step", t.Step+1, "Count", len(g.proc.Steps))
			g.Say.Text, g.See.Text = s.Say.String(), s.See.String()
			g.Phone.Dark = s.ScreenDark()
			g.Phone.SetButtons(g.proc.Family, s.Buttons, s.Action, g.action, g.camera)
		}
	}
	if t.Paused {
		g.Status.Text = tr.T("guide.paused")
	}
	g.Countdown.Color = theme.Color(theme.ColorNamePrimary)
	if t.Paused {
		g.Countdown.Color = theme.Color(theme.ColorNamePlaceHolder)
	}
	g.Countdown.Hidden = t.Phase == guide.PhaseWaiting
	g.content.Refresh()
}

func (g *GuideView) applyDone(t guide.Tick) {
	g.run.Hide()
	g.done.Show()
	g.Pause.Hide()
	g.TryAgain.Show()
	g.highlight(-1)
	g.Phone.SetButtons(g.proc.Family, nil, "", g.action, g.camera)
	c := verdictColour(t.Verdict)
	g.verdictBG.FillColor, g.verdictBG.StrokeColor = tint(c, 0x22), tint(c, 0x70)
	g.Verdict.Text = verdictTitle(t)
	g.Advice.Text = t.Verdict.Advice().String()
	g.Advice.Hidden = g.Advice.Text == ""
	g.Observed.Text = ""
	if !t.Observed.IsZero() {
		g.Observed.Text = tr.T("guide.observed", "What", t.Observed)
	}
	g.Observed.Hidden = g.Observed.Text == ""
	g.content.Refresh()
}

// highlight marks step i (or none for -1) in the step list.
func (g *GuideView) highlight(i int) {
	g.current = i
	accent := color.NRGBAModel.Convert(theme.Color(theme.ColorNamePrimary)).(color.NRGBA)
	for j, bg := range g.stepRows {
		bg.FillColor, bg.StrokeColor = color.Transparent, color.Transparent
		g.Steps[j].TextStyle.Bold = j == i
		g.Details[j].Hidden = i >= 0 && j != i // while running, only the current step's detail
		if j == i {
			bg.FillColor, bg.StrokeColor = tint(accent, 0x30), accent
		}
	}
}

// ApplyState updates the live mode badge for the phone on show (focus,
// see device.State.Focus) and, when a phone is attached, hides the family
// picker. The badge takes the first tab's colour: the mode's, or amber
// while the connection keeps dropping (badgeWords).
func (g *GuideView) ApplyState(s device.State, focus string) {
	d, attached := s.Focus(focus)
	g.attached = attached
	if !g.attached {
		g.Mode.Text, g.ModeLine.Text = tr.T("guide.no-phone"), tr.T("guide.not-connected")
		g.modePill.FillColor = colourGrey
	} else {
		pill, _, _, colour := badgeWords(d) // amber while the cable keeps dropping, as on the first tab
		g.Mode.Text, g.ModeLine.Text = strings.ToUpper(pill), d.Name()
		g.modePill.FillColor = colour
	}
	g.Mode.Color = onColour(g.modePill.FillColor)
	g.pickerBox.Hidden = g.attached || !g.intro.Visible()
	if changed(&g.drawnState, g.Mode.Text, g.ModeLine.Text, g.modePill.FillColor, g.pickerBox.Hidden) {
		g.content.Refresh()
	}
}

// ModeColour is the live badge's colour.
func (g *GuideView) ModeColour() color.Color { return g.modePill.FillColor }

func (g *GuideView) onPause() {
	if g.paused {
		call(g.OnResume)
		return
	}
	call(g.OnPause)
}

func (g *GuideView) onFamily(string) {
	i := g.Picker.SelectedIndex()
	if i >= 0 && i < len(guideFamilies) && g.OnFamily != nil {
		g.OnFamily(guideFamilies[i])
	}
}
