package ui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"unstuck/device/diagnose"
	"unstuck/device/report"
)

// ReportPanelOptions are the report panel's collaborators.
type ReportPanelOptions struct {
	Ctx     context.Context
	Window  fyne.Window
	Post    Post
	Options func() diagnose.Options // read on the UI goroutine
	Failed  func(error)             // every failure, for the report's recent errors
}

// ReportPanel is the report's corner of the "This computer" tab: save a
// zip (JSON, HTML and text), copy the short summary, and the choice to
// include identifiers. Building and saving run off the UI goroutine.
type ReportPanel struct {
	Save        *widget.Button
	Copy        *widget.Button
	Identifiers *widget.Check
	Status      *widget.Label

	o ReportPanelOptions
}

// NewReportPanel builds the panel.
func NewReportPanel(o ReportPanelOptions) *ReportPanel {
	e := &ReportPanel{o: o,
		Identifiers: widget.NewCheck("Include identifiers (UDID, serial number, phone name)", nil),
		Status:      &widget.Label{Wrapping: fyne.TextWrapWord},
	}
	e.Save = widget.NewButtonWithIcon("Save report…", theme.DocumentSaveIcon(), e.saveReport)
	e.Copy = widget.NewButtonWithIcon("Copy summary", theme.ContentCopyIcon(), e.copySummary)
	e.Status.Text = "The report stays on this computer until you send it to someone."
	return e
}

// Content is the panel.
func (e *ReportPanel) Content() fyne.CanvasObject {
	title := &widget.Label{Text: "Diagnostic report", TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}
	about := &widget.Label{Text: "For whoever helps you next: what the phone did, what was tried, and this computer's checks.", Wrapping: fyne.TextWrapWord}
	return container.NewVBox(title, about, container.NewHBox(e.Save, e.Copy), e.Identifiers, e.Status)
}

// build makes the report in the background and hands it to then on the UI
// goroutine.
func (e *ReportPanel) build(then func(report.Report)) {
	o, redact := e.o.Options(), !e.Identifiers.Checked
	e.Save.Disable()
	e.Copy.Disable()
	e.Status.SetText("Gathering the report…")
	go func() {
		r := report.Build(diagnose.Collect(e.o.Ctx, o), redact)
		e.o.Post(func() {
			e.Save.Enable()
			e.Copy.Enable()
			then(r)
		})
	}()
}

func (e *ReportPanel) saveReport() {
	e.build(func(r report.Report) {
		data, err := r.Zip()
		if err != nil {
			e.Status.SetText("Could not build the report: " + err.Error())
			return
		}
		e.pickAndSave(data, r.Generated)
	})
}

// pickAndSave asks for a folder and writes the report there atomically
// under a dated name. (A folder, not a file chooser: Fyne's file chooser
// empties an existing file before the report is written, and a failed
// save would then lose it.) A file of that name is replaced only after
// asking; when the disk is full or the folder read-only the report is
// kept and the user is offered another place.
func (e *ReportPanel) pickAndSave(data []byte, made time.Time) {
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil || dir == nil {
			return // cancelled
		}
		e.WriteTo(filepath.Join(dir.Path(), report.FileName(made, "zip")), data, made, false)
	}, e.o.Window)
	d.SetConfirmText("Save here")
	d.SetTitleText("Choose a folder for the report")
	d.Show()
}

// WriteTo saves in the background and reports on the UI goroutine.
func (e *ReportPanel) WriteTo(path string, data []byte, made time.Time, replace bool) {
	go func() {
		err := report.Save(path, data, replace)
		e.o.Post(func() { e.afterSave(path, err, data, made) })
	}()
}

func (e *ReportPanel) afterSave(path string, err error, data []byte, made time.Time) {
	if err == nil {
		e.Status.SetText("Saved " + filepath.Base(path) + " in " + filepath.Dir(path) + ". It holds the report as a web page, as JSON and as text.")
		return
	}
	if errors.Is(err, report.ErrExists) {
		e.Status.SetText(filepath.Base(path) + " already exists in " + filepath.Dir(path) + ".")
		dialog.ShowConfirm("Replace the report?", filepath.Base(path)+" already exists there. Replace it?", func(replace bool) {
			if replace {
				e.WriteTo(path, data, made, true)
			} else {
				e.pickAndSave(data, made)
			}
		}, e.o.Window)
		return
	}
	e.Status.SetText("Not saved: " + err.Error())
	if e.o.Failed != nil {
		e.o.Failed(fmt.Errorf("saving the report: %w", err))
	}
	dialog.ShowConfirm("The report was not saved",
		fmt.Sprintf("%s.\n\nThe report is kept. Save it somewhere else?", err), func(again bool) {
			if again {
				e.pickAndSave(data, made)
			}
		}, e.o.Window)
}

func (e *ReportPanel) copySummary() {
	e.build(func(r report.Report) {
		fyne.CurrentApp().Clipboard().SetContent(r.Text())
		e.Status.SetText("Summary copied: paste it into your support chat.")
	})
}
