package ui

import (
	"io/fs"
	"path"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"unstuck/assets"
	"unstuck/device/tr"
)

// AddCatalogues gives Fyne's lang the screens' catalogue (the top-level
// file, not the areas': Fyne says none of Unstuck's words) in English and in
// the language tr speaks, so that Fyne's matcher lands on that language
// for its own few words. The other languages are not parsed twice.
func AddCatalogues() error {
	for _, tag := range slices.Compact([]string{tr.English, tr.Current()}) {
		name := path.Join(assets.I18nDir, tag+".json")
		data, err := fs.ReadFile(assets.I18n(), name)
		if err != nil {
			if tag == tr.Pseudo {
				continue // built from English; it has no file
			}
			return err
		}
		if err := lang.AddTranslations(fyne.NewStaticResource(path.Base(name), data)); err != nil {
			return err
		}
	}
	return nil
}

// LanguagePref is the preferences key of the language the person chose
// (a tag of tr.Languages); "" or absent is the system's. cmd/unstuck reads
// it at start: the screens are built once, in one language, so a new
// choice is spoken from the next start, and the dialog says so.
const LanguagePref = "language"

// LanguageChoice is the language dialog's content: a select of the
// system's language and every language in its own name, and a line that
// says, in the language chosen, when it takes effect.
type LanguageChoice struct {
	Select *widget.Select
	Note   *widget.Label

	prefs fyne.Preferences
	tags  []string // beside Select's options; "" is the system's
}

// NewLanguageChoice builds the choice, showing the preference held.
func NewLanguageChoice(prefs fyne.Preferences) *LanguageChoice {
	l := &LanguageChoice{Note: wrapped(), prefs: prefs, tags: []string{""}}
	opts := []string{tr.T("language.system")}
	for _, lang := range tr.Languages() {
		opts = append(opts, lang.Name)
		l.tags = append(l.tags, lang.Tag)
	}
	l.Select = &widget.Select{Options: opts}
	held := prefs.String(LanguagePref)
	for i, t := range l.tags {
		if t == held {
			l.Select.Selected = opts[i]
		}
	}
	l.Select.OnChanged = func(string) { l.choose(l.Select.SelectedIndex()) }
	return l
}

func (l *LanguageChoice) choose(i int) {
	if i < 0 || i >= len(l.tags) {
		return
	}
	l.prefs.SetString(LanguagePref, l.tags[i])
	tag := tr.Pick(l.tags[i])
	name := tag
	for _, lang := range tr.Languages() {
		if lang.Tag == tag {
			name = lang.Name
		}
	}
	l.Note.SetText(tr.In(tag, "language.next-start", "Language", name))
}

// Content is the choice's canvas object.
func (l *LanguageChoice) Content() fyne.CanvasObject { return container.NewVBox(l.Select, l.Note) }

// ShowLanguage opens the language choice over w.
func ShowLanguage(prefs fyne.Preferences, w fyne.Window) {
	d := dialog.NewCustom(tr.T("language.title"), "OK", NewLanguageChoice(prefs).Content(), w)
	d.Resize(fyne.NewSize(420, 0))
	d.Show()
}
