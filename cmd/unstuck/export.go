package main

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

// reportExport is the report's corner of the "This computer" tab: save a
// zip (JSON, HTML and text), copy the short summary, and the choice to
// include identifiers. Building and saving run off the UI goroutine.
type reportExport struct {
	ctx     context.Context
	w       fyne.Window
	options func() diagnose.Options // read on the UI goroutine

	Save        *widget.Button
	Copy        *widget.Button
	Identifiers *widget.Check
	Status      *widget.Label

	// saved is called with the path after a successful save (tests);
	// failed with every failure, for the report's recent errors.
	saved  func(path string)
	failed func(error)
}

func newReportExport(ctx context.Context, w fyne.Window, options func() diagnose.Options) *reportExport {
	e := &reportExport{ctx: ctx, w: w, options: options,
		Identifiers: widget.NewCheck("Include identifiers (UDID, serial number, phone name)", nil),
		Status:      &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance},
	}
	e.Save = widget.NewButtonWithIcon("Save report…", theme.DocumentSaveIcon(), e.saveReport)
	e.Copy = widget.NewButtonWithIcon("Copy summary", theme.ContentCopyIcon(), e.copySummary)
	e.Status.Text = "The report stays on this computer until you send it to someone."
	return e
}

func (e *reportExport) content() fyne.CanvasObject {
	title := &widget.Label{Text: "Diagnostic report", TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}
	about := &widget.Label{Text: "For whoever helps you next: what the phone did, what was tried, and this computer's checks.", Wrapping: fyne.TextWrapWord}
	return container.NewVBox(title, about, container.NewHBox(e.Save, e.Copy), e.Identifiers, e.Status)
}

// build makes the report in the background and hands it to then on the UI
// goroutine.
func (e *reportExport) build(then func(report.Report)) {
	o, redact := e.options(), !e.Identifiers.Checked
	e.Save.Disable()
	e.Copy.Disable()
	e.Status.SetText("Gathering the report…")
	go func() {
		r := report.Build(diagnose.Collect(e.ctx, o), redact)
		fyne.Do(func() {
			e.Save.Enable()
			e.Copy.Enable()
			then(r)
		})
	}()
}

func (e *reportExport) saveReport() {
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
func (e *reportExport) pickAndSave(data []byte, made time.Time) {
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil || dir == nil {
			return // cancelled
		}
		e.writeTo(filepath.Join(dir.Path(), report.FileName(made, "zip")), data, made, false)
	}, e.w)
	d.SetConfirmText("Save here")
	d.SetTitleText("Choose a folder for the report")
	d.Show()
}

// writeTo saves in the background and reports on the UI goroutine.
func (e *reportExport) writeTo(path string, data []byte, made time.Time, replace bool) {
	go func() {
		err := report.Save(path, data, replace)
		fyne.Do(func() { e.afterSave(path, err, data, made) })
	}()
}

func (e *reportExport) afterSave(path string, err error, data []byte, made time.Time) {
	if err == nil {
		e.Status.SetText("Saved " + filepath.Base(path) + " in " + filepath.Dir(path) + ". It holds the report as a web page, as JSON and as text.")
		if e.saved != nil {
			e.saved(path)
		}
		return
	}
	if errors.Is(err, report.ErrExists) {
		e.Status.SetText(filepath.Base(path) + " already exists in " + filepath.Dir(path) + ".")
		dialog.ShowConfirm("Replace the report?", filepath.Base(path)+" already exists there. Replace it?", func(replace bool) {
			if replace {
				e.writeTo(path, data, made, true)
			} else {
				e.pickAndSave(data, made)
			}
		}, e.w)
		return
	}
	e.Status.SetText("Not saved: " + err.Error())
	if e.failed != nil {
		e.failed(fmt.Errorf("saving the report: %w", err))
	}
	dialog.ShowConfirm("The report was not saved",
		fmt.Sprintf("%s.\n\nThe report is kept. Save it somewhere else?", err), func(again bool) {
			if again {
				e.pickAndSave(data, made)
			}
		}, e.w)
}

func (e *reportExport) copySummary() {
	e.build(func(r report.Report) {
		fyne.CurrentApp().Clipboard().SetContent(r.Text())
		e.Status.SetText("Summary copied: paste it into your support chat.")
	})
}
