package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"unstuck/device/desktop"
	"unstuck/device/diagnose"
	"unstuck/device/report"
	"unstuck/device/tr"
)

// SaveDialogFunc asks where to save in the system's own dialog: the path,
// "" when cancelled, desktop.ErrNoDialog where there is none.
type SaveDialogFunc = func(context.Context, desktop.Save) (string, error)

// ReportPanelOptions are the report panel's collaborators.
type ReportPanelOptions struct {
	Ctx     context.Context
	Window  fyne.Window
	Post    Post
	Options func() diagnose.Options // read on the UI goroutine
	Failed  func(error)             // every failure, for the report's recent errors
	// SaveDialog is the system's own save dialog (desktop.SaveDialog); nil,
	// or a system without one, falls back to Fyne's folder dialog.
	SaveDialog SaveDialogFunc
	// Reveal opens the file manager at a saved report (desktop.Reveal);
	// nil hides "Show in folder".
	Reveal func(ctx context.Context, path string) error
}

// ReportPanel is the report's corner of the "This computer" tab: save a
// zip (the page and the text in the person's language, the JSON in English
// for support staff), copy the short summary, and the choice to
// include identifiers. Building and saving run off the UI goroutine.
type ReportPanel struct {
	Save        *widget.Button
	Copy        *widget.Button
	Identifiers *widget.Check
	Status      *widget.Label
	// ShowInFolder opens the file manager at the report just saved.
	ShowInFolder *widget.Button

	o     ReportPanelOptions
	saved string // the report saved last
}

// NewReportPanel builds the panel.
func NewReportPanel(o ReportPanelOptions) *ReportPanel {
	e := &ReportPanel{o: o,
		Identifiers: widget.NewCheck(tr.T("report.identifiers"), nil),
		Status:      &widget.Label{Wrapping: fyne.TextWrapWord},
	}
	e.Save = widget.NewButtonWithIcon(tr.T("report.save"), theme.DocumentSaveIcon(), e.saveReport)
	e.Copy = widget.NewButtonWithIcon(tr.T("report.copy"), theme.ContentCopyIcon(), e.copySummary)
	e.ShowInFolder = widget.NewButtonWithIcon(tr.T("report.show"), theme.FolderOpenIcon(), e.reveal)
	e.ShowInFolder.Hide()
	e.Status.Text = tr.T("report.stays")
	return e
}

// Content is the panel.
func (e *ReportPanel) Content() fyne.CanvasObject {
	title := &widget.Label{Text: tr.T("report.title"), TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}
	about := &widget.Label{Text: tr.T("report.about"), Wrapping: fyne.TextWrapWord}
	return container.NewVBox(title, about, container.NewHBox(e.Save, e.Copy), e.Identifiers, e.Status, container.NewHBox(e.ShowInFolder))
}

// build makes the report in the background and hands it to then on the UI
// goroutine.
func (e *ReportPanel) build(then func(report.Report)) {
	o, redact := e.o.Options(), !e.Identifiers.Checked
	e.Save.Disable()
	e.Copy.Disable()
	e.Status.SetText(tr.T("report.gathering"))
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
		data, err := r.ZipIn(tr.Current()) // the page and the summary in the person's language, the JSON in English
		if err != nil {
			e.Status.SetText(tr.T("report.failed", "Error", err.Error()))
			return
		}
		e.pickAndSave(data, r.Generated)
	})
}

// pickAndSave asks where to save in the system's own save dialog, which
// asks itself before replacing a file, and falls back to Fyne's folder
// dialog where the system has none or it fails. The dialog waits for the
// person off the UI goroutine.
func (e *ReportPanel) pickAndSave(data []byte, made time.Time) {
	if e.o.SaveDialog == nil {
		e.pickFolder(data, made)
		return
	}
	s := desktop.Save{Title: tr.T("report.save-title"), Folder: e.folder(), Name: report.FileName(made, "zip")}
	e.Save.Disable()
	e.Status.SetText(tr.T("report.choose-where"))
	go func() {
		path, err := e.o.SaveDialog(e.o.Ctx, s)
		e.o.Post(func() {
			e.Save.Enable()
			switch {
			case err == nil && path == "":
				e.Status.SetText(notSaved())
			case err == nil:
				e.WriteTo(path, data, made, true)
			default:
				if !errors.Is(err, desktop.ErrNoDialog) && e.o.Failed != nil {
					e.o.Failed(err)
				}
				e.pickFolder(data, made)
			}
		})
	}()
}

// notSaved is the status after the person cancelled a save dialog.
func notSaved() string { return tr.T("report.not-saved") }

// folder is where the save dialog opens: where the last report went, else
// the home folder.
func (e *ReportPanel) folder() string {
	if e.saved != "" {
		return filepath.Dir(e.saved)
	}
	home, _ := os.UserHomeDir()
	return home
}

// pickFolder asks for a folder in Fyne's dialog and writes the report there
// atomically under a dated name. (A folder, not a file chooser: Fyne's
// file chooser empties an existing file before the report is written, and
// a failed save would then lose it.) A file of that name is replaced only
// after asking; when the disk is full or the folder read-only the report
// is kept and the user is offered another place.
func (e *ReportPanel) pickFolder(data []byte, made time.Time) {
	e.Status.SetText(tr.T("report.choose-folder"))
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil || dir == nil {
			e.Status.SetText(notSaved())
			return
		}
		e.WriteTo(filepath.Join(dir.Path(), report.FileName(made, "zip")), data, made, false)
	}, e.o.Window)
	d.SetConfirmText(tr.T("report.save-here"))
	d.SetTitleText(tr.T("report.folder-title"))
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
		e.saved = path
		e.Status.SetText(tr.T("report.saved", "File", filepath.Base(path), "Folder", filepath.Dir(path)))
		if e.o.Reveal != nil {
			e.ShowInFolder.Show()
		}
		return
	}
	if errors.Is(err, report.ErrExists) {
		e.Status.SetText(tr.T("report.exists", "File", filepath.Base(path), "Folder", filepath.Dir(path)))
		dialog.ShowConfirm(tr.T("report.replace.title"), tr.T("report.replace", "File", filepath.Base(path)), func(replace bool) {
			if replace {
				e.WriteTo(path, data, made, true)
			} else {
				e.pickAndSave(data, made)
			}
		}, e.o.Window)
		return
	}
	e.Status.SetText(tr.T("report.not-saved.error", "Error", err.Error()))
	if e.o.Failed != nil {
		e.o.Failed(fmt.Errorf("saving the report: %w", err))
	}
	dialog.ShowConfirm(tr.T("report.failed.title"),
		tr.T("report.failed.again", "Error", err.Error()), func(again bool) {
			if again {
				e.pickAndSave(data, made)
			}
		}, e.o.Window)
}

// reveal opens the file manager at the saved report, off the UI goroutine;
// a failure says where the report is.
func (e *ReportPanel) reveal() {
	path := e.saved
	go func() {
		err := e.o.Reveal(e.o.Ctx, path)
		e.o.Post(func() {
			if err == nil {
				e.Status.SetText(tr.T("report.opening", "File", filepath.Base(path)))
				return
			}
			msg := tr.T("report.no-folder", "Error", err.Error(), "Path", path)
			e.Status.SetText(msg)
			if e.o.Failed != nil {
				e.o.Failed(fmt.Errorf("showing the report in its folder: %w", err))
			}
			dialog.ShowInformation(tr.T("report.no-folder.title"), msg, e.o.Window)
		})
	}()
}

func (e *ReportPanel) copySummary() {
	e.build(func(r report.Report) {
		fyne.CurrentApp().Clipboard().SetContent(r.TextIn(tr.Current()))
		e.Status.SetText(tr.T("report.copied"))
	})
}
