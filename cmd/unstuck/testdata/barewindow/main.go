// Command barewindow is the baseline for the GUI benchmarks: a Fyne window
// with one label, built the same way as Unstuck.
package main

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := app.NewWithID("app.unstuck.barewindow")
	w := a.NewWindow("Unstuck")
	w.SetContent(widget.NewLabel("bare window"))
	w.Resize(fyne.NewSize(900, 640))
	w.ShowAndRun()
}
