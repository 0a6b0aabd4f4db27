package ui

import (
	"fmt"
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
		othersHead: &widget.Label{Text: "Other backups on this computer", TextStyle: fyne.TextStyle{Bold: true}},
	}
	l.content = container.NewVBox(l.answer, l.Problems, l.othersHead, l.Others)
	l.Headline.Text = "Looking for backups on this computer…"
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
		l.Headline.Text = "This computer has no iPhone backup folder"
		l.Detail.Text = "Finder, iTunes and the Apple Devices app keep backups on a Mac or Windows PC. Check there, or in iCloud, before anything that erases the phone."
	case phone == "":
		l.Headline.Text = "Connect the iPhone, turned on and unlocked, to see whether this computer has a backup of it."
		l.Detail.Text = ""
	case len(mine) == 0:
		l.Headline.Text = "No backup of this iPhone on this computer"
		l.Detail.Text = "Restoring the phone erases it; only what is in iCloud would come back."
	default:
		newest := mine[0]
		l.Headline.Text = "Newest backup of this iPhone: " + backup.Age(newest.Date, now)
		l.Detail.Text = backupFacts(newest)
		if len(mine) > 1 {
			l.Detail.Text += "\nThere " + map[bool]string{true: "is", false: "are"}[len(mine) == 2] + " " +
				countOf(len(mine)-1, "older backup") + " of this iPhone too."
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
		l.othersHead.Text = "Backups on this computer"
	} else {
		l.othersHead.Text = "Other backups on this computer"
	}

	msgs := make([]string, len(found.Problems))
	for i, p := range found.Problems {
		msgs[i] = p.Message
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
		parts = append(parts, "Made "+b.Date.Local().Format("2 January 2006 at 15:04"))
	}
	parts = append(parts, b.SizeWords())
	if b.Encrypted {
		parts = append(parts, "encrypted (it needs its password to restore)")
	} else {
		parts = append(parts, "not encrypted")
	}
	text := strings.Join(parts, " · ")
	if b.Complete {
		return text + "\nComplete: every part of it is there."
	}
	return text + "\nNot complete: " + strings.Join(b.Missing, "; ") + "."
}

// otherLine is a short line about a backup of another phone.
func otherLine(b backup.Backup, now time.Time) string {
	name := b.DeviceName
	if name == "" {
		name = "Unnamed iPhone"
	}
	if b.ProductType != "" {
		name += " (" + b.ProductType + ")"
	}
	state := "complete"
	if !b.Complete {
		state = "not complete"
	}
	return fmt.Sprintf("%s: %s, %s, %s", name, backup.Age(b.Date, now), b.SizeWords(), state)
}

// tintedBox is callout (parts.go) for any content: a tinted panel with an
// icon on the left.
func tintedBox(c color.NRGBA, icon fyne.Resource, obj fyne.CanvasObject) *fyne.Container {
	bg := &canvas.Rectangle{FillColor: tint(c, 0x26), StrokeColor: tint(c, 0x70), StrokeWidth: 1, CornerRadius: radius}
	row := container.NewBorder(nil, nil, container.NewCenter(widget.NewIcon(icon)), nil, obj)
	return container.NewStack(bg, container.New(layout.NewCustomPaddedLayout(8, 8, 12, 12), row))
}

func countOf(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}
