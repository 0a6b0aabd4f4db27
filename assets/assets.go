// Package assets holds the files Unstuck embeds: the app icon, the phone
// illustrations and the data tables (model catalogue, USB product IDs).
//
// It is plain Go (no Fyne), so the device layer can read the data tables and
// the UI can wrap the images in Fyne resources.
package assets

import "embed"

//go:embed data/*.tsv data/*.json
var data embed.FS

//go:embed icon.png
var icon []byte

// Data returns the named data table, e.g. "models.tsv".
func Data(name string) ([]byte, error) { return data.ReadFile("data/" + name) }

// Icon returns the application icon as PNG bytes.
func Icon() []byte { return icon }
