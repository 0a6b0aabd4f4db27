package ui

import (
	"context"
	"image/color"
	"runtime"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"unstuck/device/handoff"
	"unstuck/device/hostcheck"
	"unstuck/device/tr"
)

// Handoff hands the repair to Apple's tool: a button that opens Finder,
// iTunes or Apple Devices (whichever this computer uses), a picture of
// the question that tool asks with Update marked as the one to choose,
// and what to do if the phone leaves recovery mode. Unstuck itself never
// updates, restores or erases.
type Handoff struct {
	Button  *widget.Button
	Then    *widget.Label // what to do once the tool is open
	Result  *widget.Label // "Opening Finder...", or what went wrong
	Note    *widget.Label // what to do when the phone leaves recovery mode (no minutes: none verified, handoff.tsv)
	Caption *widget.RichText
	Picture fyne.CanvasObject // the tool's "update or restore" question, drawn

	// Post brings the launcher's answer to the UI goroutine (nil: fyne.Do).
	Post Post
	// GOOS is the system whose tool is offered and opened (runtime.GOOS).
	GOOS string
	// Launch opens a tool; by default handoff.Open on GOOS.
	Launch func(ctx context.Context, t handoff.Tool) error

	offer   handoff.Offer
	checks  []hostcheck.Check
	content *fyne.Container
}

// handoffSystem is the system NewHandoff offers the tool of: this one
// (the tests pin it, so that every golden image shows the same hand-off
// whatever system draws it).
var handoffSystem = runtime.GOOS

// NewHandoff builds the hand-off for this system, before any checks.
func NewHandoff() *Handoff {
	h := &Handoff{
		Then:    wrapped(),
		Result:  &widget.Label{Wrapping: textWrap(), Importance: widget.WarningImportance},
		Note:    wrapped(),
		Caption: muted("", theme.SizeNameCaptionText),
		GOOS:    handoffSystem,
	}
	h.Launch = func(ctx context.Context, t handoff.Tool) error { return handoff.Open(ctx, h.GOOS, t) }
	h.Note.Text = tr.T("ladder.handoff.leave-recovery")
	h.Button = widget.NewButtonWithIcon("", theme.ComputerIcon(), h.open)
	h.Button.Importance = widget.HighImportance
	h.Picture = updateDialogPicture()
	h.content = container.NewVBox(container.NewHBox(h.Button), h.Then, h.Result, h.Caption, h.Picture, h.Note)
	h.SetChecks(nil)
	return h
}

// Content is the hand-off's canvas object.
func (h *Handoff) Content() fyne.CanvasObject { return h.content }

// Offer is what the hand-off offers now.
func (h *Handoff) Offer() handoff.Offer { return h.offer }

// SetChecks chooses the tool again from the computer's checks.
func (h *Handoff) SetChecks(checks []hostcheck.Check) {
	h.checks = checks
	o := handoff.Choose(h.GOOS, checks)
	if o == h.offer && h.Button.Text != "" {
		return
	}
	h.offer = o
	h.Button.SetText(o.Button.String())
	h.Button.Hidden = o.Tool == handoff.NoTool
	h.Then.Text = o.Then.String()
	h.Result.Hidden = true
	setMuted(h.Caption, tr.T("ladder.handoff.will-ask", "Tool", handoff.Name(o.Tool)))
	h.content.Refresh()
}

// open is the button's handler: the launcher runs off the UI goroutine.
func (h *Handoff) open() {
	o := h.offer
	if o.Tool == handoff.NoTool {
		return
	}
	post := h.Post
	if post == nil {
		post = fyne.Do
	}
	h.Button.Disable()
	h.Result.SetText(tr.T("ladder.handoff.opening", "Tool", handoff.Name(o.Tool)))
	h.Result.Importance = widget.MediumImportance
	h.Result.Show()
	go func() {
		err := h.Launch(context.Background(), o.Tool)
		post(func() {
			h.Button.Enable()
			if err != nil {
				h.Result.Importance = widget.WarningImportance
				h.Result.SetText(tr.T("ladder.handoff.could-not-open", "Tool", handoff.Name(o.Tool), "Error", err.Error()))
				return
			}
			h.Result.SetText(tr.T("ladder.handoff.asked", "Tool", handoff.Name(o.Tool)))
		})
	}()
}

// updateDialogPicture draws the question Finder, iTunes and Apple Devices
// ask about a phone in recovery mode, with Update marked as the one to
// choose and Restore as the one that erases.
func updateDialogPicture() fyne.CanvasObject {
	title := &widget.Label{Text: tr.T("ladder.handoff.question"),
		Wrapping: textWrap(), TextStyle: fyne.TextStyle{Bold: true}}
	cancel := fakeButton(tr.T("ladder.handoff.cancel"), colourGrey, false)
	restore := fakeButton(tr.T("ladder.handoff.restore"), colourDanger, false)
	update := fakeButton(tr.T("ladder.handoff.update"), colourRestore, true)
	erases := &widget.Label{Text: tr.T("ladder.handoff.erases"), Importance: widget.DangerImportance, Alignment: fyne.TextAlignCenter,
		Wrapping: textWrap(), SizeName: theme.SizeNameCaptionText, TextStyle: fyne.TextStyle{Bold: true}}
	keeps := &widget.Label{Text: tr.T("ladder.handoff.keeps"), Importance: widget.SuccessImportance, Alignment: fyne.TextAlignCenter,
		Wrapping: textWrap(), SizeName: theme.SizeNameCaptionText, TextStyle: fyne.TextStyle{Bold: true}}
	buttons := container.NewGridWithColumns(3,
		container.NewVBox(cancel), container.NewVBox(restore, erases), container.NewVBox(update, keeps))
	bg := &canvas.Rectangle{FillColor: tint(colourGrey, 0x1e), StrokeColor: tint(colourGrey, 0x80), StrokeWidth: 1, CornerRadius: 10}
	box := container.NewStack(bg, container.New(layout.NewCustomPaddedLayout(6, 6, 10, 10), container.NewVBox(title, buttons)))
	return container.NewHBox(fixedWidth(box, 360))
}

// fakeButton is a drawn button in the picture: it does nothing when
// tapped. The one to choose is filled; the others are outlined.
func fakeButton(text string, c color.NRGBA, chosen bool) fyne.CanvasObject {
	bg := &canvas.Rectangle{StrokeColor: c, StrokeWidth: 1.5, CornerRadius: 7}
	label := &canvas.Text{Text: text, Color: c, TextStyle: fyne.TextStyle{Bold: chosen}, Alignment: fyne.TextAlignCenter, TextSize: 13}
	if chosen {
		bg.FillColor, bg.StrokeWidth, label.Color = c, 3, color.White
	}
	return container.NewStack(bg, container.New(layout.NewCustomPaddedLayout(5, 5, 6, 6), label))
}
