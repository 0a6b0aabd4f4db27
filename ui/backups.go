package ui

import (
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"unstuck/device"
	"unstuck/device/backup"
	"unstuck/device/tr"
)

// BackupList answers "is there a backup of this iPhone on this computer?"
// before any step that erases: the attached phone's newest backup first
// (when, how big, encrypted, complete), then the computer's other backups.
type BackupList struct {
	Headline *widget.Label // the answer for the attached phone, in one sentence
	Detail   *widget.Label // date, size, encrypted, complete; hidden when there is no backup
	Others   *widget.Label // the other backups on this computer, one a line
	Problems *widget.Label // folders that could not be searched

	// Now is the clock for "3 days ago"; tests replace it.
	Now func() time.Time

	// Good says the attached phone has a complete backup; Colour is the
	// answer's tint (green when good, amber when not, grey with no phone).
	Good   bool
	Colour color.NRGBA

	answer     *fyne.Container // the tinted box around Headline and Detail
	othersHead *widget.Label
	content    *fyne.Container
	drawn      string // what the last redraw showed
}

// NewBackupList builds the list, empty until Apply.
func NewBackupList() *BackupList {
	l := &BackupList{
		Headline:   &widget.Label{Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Bold: true}},
		Detail:     wrapped(),
		Others:     wrapped(),
		Problems:   &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance},
		Now:        time.Now,
		answer:     container.NewStack(),
		othersHead: &widget.Label{Text: tr.T("backups.others"), TextStyle: fyne.TextStyle{Bold: true}},
	}
	l.content = container.NewVBox(l.answer, l.Problems, l.othersHead, l.Others)
	l.Headline.Text = tr.T("backups.looking")
	l.Colour = colourGrey
	l.answer.Objects = []fyne.CanvasObject{tintedBox(colourGrey, theme.SearchIcon(), container.NewVBox(l.Headline, l.Detail))}
	l.Detail.Hidden, l.Problems.Hidden, l.othersHead.Hidden, l.Others.Hidden = true, true, true, true
	return l
}

// Content is the list's canvas object.
func (l *BackupList) Content() fyne.CanvasObject { return l.content }

// Apply shows what a backup scan found, for the phones attached now
// (their UDIDs; empty ones are ignored). Call it on the UI goroutine.
func (l *BackupList) Apply(found backup.Result, attachedUDIDs []string) {
	now := l.Now()
	phone := ""
	for _, u := range attachedUDIDs {
		if strings.TrimSpace(u) != "" {
			phone = u
			break
		}
	}
	mine := found.ForUDID(phone)
	l.Good = len(mine) > 0 && mine[0].Complete
	switch {
	case len(found.Searched) == 0 && len(found.Backups) == 0:
		// No Finder, iTunes or Apple Devices here (Linux): nothing to look in.
		l.Headline.Text = tr.T("backups.no-folder")
		l.Detail.Text = tr.T("backups.no-folder.detail")
	case phone == "":
		l.Headline.Text = tr.T("backups.connect")
		l.Detail.Text = ""
	case len(mine) == 0:
		l.Headline.Text = tr.T("backups.none")
		l.Detail.Text = tr.T("backups.none.detail")
	default:
		newest := mine[0]
		l.Headline.Text = tr.T("backups.newest", "Age", backup.Age(newest.Date, now).String())
		l.Detail.Text = backupFacts(newest)
		if len(mine) > 1 {
			l.Detail.Text += "\n" + tr.N("backups.older", len(mine)-1)
		}
	}
	l.Detail.Hidden = l.Detail.Text == ""

	colour, icon := colourRecovery, theme.WarningIcon()
	if l.Good {
		colour, icon = colourNormal, theme.ConfirmIcon()
	} else if phone == "" || len(found.Searched) == 0 {
		colour, icon = colourGrey, theme.InfoIcon()
	}
	if l.Colour != colour || len(l.answer.Objects) == 0 {
		l.answer.Objects = []fyne.CanvasObject{tintedBox(colour, icon, container.NewVBox(l.Headline, l.Detail))}
	}
	l.Colour = colour

	var others []string
	for _, b := range found.Backups {
		if phone == "" || !device.SameUDID(b.UDID, phone) {
			others = append(others, otherLine(b, now))
		}
	}
	l.Others.Text = strings.Join(others, "\n")
	l.Others.Hidden = len(others) == 0
	l.othersHead.Hidden = l.Others.Hidden
	if phone == "" {
		l.othersHead.Text = tr.T("backups.all")
	} else {
		l.othersHead.Text = tr.T("backups.others")
	}

	msgs := make([]string, len(found.Problems))
	for i, p := range found.Problems {
		msgs[i] = p.Message.String()
	}
	l.Problems.Text = strings.Join(msgs, "\n")
	l.Problems.Hidden = len(msgs) == 0
	if changed(&l.drawn, l.Headline.Text, l.Detail.Text, l.Colour, l.Others.Text, l.othersHead.Text, l.Problems.Text) {
		l.content.Refresh()
	}
}

// backupFacts is one backup's date, size, encryption and completeness.
func backupFacts(b backup.Backup) string {
	parts := []string{}
	if !b.Date.IsZero() {
		at := b.Date.Local()
		parts = append(parts, tr.T("backups.made", "Date", tr.Msg("activity.date-at", "Date", tr.Date(at), "Time", tr.Clock(at)).String()))
	}
	parts = append(parts, b.SizeWords().String())
	if b.Encrypted {
		parts = append(parts, tr.T("backups.encrypted"))
	} else {
		parts = append(parts, tr.T("backups.not-encrypted"))
	}
	text := strings.Join(parts, " · ")
	if b.Complete {
		return text + "\n" + tr.T("backups.complete")
	}
	return text + "\n" + tr.T("backups.incomplete", "Missing", b.MissingWords().String())
}

// otherLine is a short line about a backup of another phone.
func otherLine(b backup.Backup, now time.Time) string {
	name := b.DeviceName
	if name == "" {
		name = tr.T("backups.unnamed")
	}
	if b.ProductType != "" {
		name += " (" + b.ProductType + ")"
	}
	state := tr.T("backups.other.complete")
	if !b.Complete {
		state = tr.T("backups.other.incomplete")
	}
	return tr.T("activity.other-line", "Name", name, "Age", backup.Age(b.Date, now).String(), "Size", b.SizeWords().String(), "State", state)
}

// tintedBox is callout (parts.go) for any content: a tinted panel with an
// icon on the left.
func tintedBox(c color.NRGBA, icon fyne.Resource, obj fyne.CanvasObject) *fyne.Container {
	bg := &canvas.Rectangle{FillColor: tint(c, 0x26), StrokeColor: tint(c, 0x70), StrokeWidth: 1, CornerRadius: radius}
	row := container.NewBorder(nil, nil, container.NewCenter(widget.NewIcon(icon)), nil, obj)
	return container.NewStack(bg, container.New(layout.NewCustomPaddedLayout(8, 8, 12, 12), row))
}
