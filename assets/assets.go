// Package assets holds the files Unstuck embeds: the app icon, the phone
// illustrations, the data tables (model catalogue, USB product IDs) and the
// translation catalogues.
//
// It is plain Go (no Fyne), so the device layer can read the data tables and
// the UI can wrap the images in Fyne resources.
package assets

import "embed"

//go:embed data/*.tsv data/*.json
var data embed.FS

// i18n holds the catalogues, one go-i18n JSON file per language named by
// its BCP 47 tag (en.json, pt-BR.json, zh-Hans.json), and below them one
// folder per area (hostcheck/de.json: the host checks' messages): device/tr
// reads them all, and Fyne's lang.AddTranslationsFS reads the same files.
//
//go:embed i18n/*.json i18n/*/*.json
var i18n embed.FS

// I18nDir is the catalogues' folder inside I18n.
const I18nDir = "i18n"

// I18n is the catalogues' file system; the files are in I18nDir.
func I18n() embed.FS { return i18n }

//go:embed icon.png
var icon []byte

// Data returns the named data table, e.g. "models.tsv".
func Data(name string) ([]byte, error) { return data.ReadFile("data/" + name) }

// Icon returns the application icon as PNG bytes.
func Icon() []byte { return icon }
