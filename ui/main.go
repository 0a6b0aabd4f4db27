// Package ui is Unstuck's window content: a thin view over device.State.
//
// Every view is built once from struct-literal widgets and then updated with
// Apply(device.State), which is synchronous, cheap and must run on the UI
// goroutine. The package starts no goroutines and never calls fyne.Do: the
// one boundary between the watcher's goroutine and the UI lives in cmd/.
// It imports no fyne app driver, go-ios or gousb, so its tests run headless
// with fyne.io/fyne/v2/test and CGO_ENABLED=0.
package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"unstuck/assets"
	"unstuck/device"
	"unstuck/device/tr"
)

// WindowSize is the size the main window is designed for.
var WindowSize = fyne.NewSize(900, 640)

// The smallest screens the window must fit (issue 16): a 1024x600 netbook
// and a 1366x768 laptop at 150 % scale, each less a taskbar and a title bar.
var (
	SmallScreen  = fyne.NewSize(1024, 600)
	LaptopScreen = fyne.NewSize(1366, 768)
)

// ScreenChrome is what a desktop takes from a screen's height in pixels:
// a taskbar (40) and the window's title bar (30).
const ScreenChrome = 70

// OpenSize is the size the window opens at for a scale: WindowSize, made
// smaller where it would not fit a 1366x768 laptop (at 150 %, say). A
// smaller screen (1024x600) gets a window its manager shrinks to fit: the
// smallest size fits there, and every tab scrolls. (Fyne tells nothing of
// the monitor's size, so the laptop is the floor assumed.)
func OpenSize(scale float32) fyne.Size {
	if scale <= 0 {
		scale = 1
	}
	return fyne.NewSize(min(WindowSize.Width, (LaptopScreen.Width-40)/scale),
		min(WindowSize.Height, (LaptopScreen.Height-ScreenChrome)/scale))
}

// MainView is the whole window: a header with the app's name and the device
// card below it.
type MainView struct {
	Title    *widget.Label
	Subtitle *widget.RichText
	DemoTag  *fyne.Container // shown only in demo mode
	Card     *DeviceCard

	content fyne.CanvasObject
}

// NewMainView builds the window content. demo adds a "Demo" tag to the
// header, to say the phones on screen are simulated.
func NewMainView(demo bool) *MainView {
	m := &MainView{
		Title:    &widget.Label{Text: tr.T("app.name"), TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameHeadingText},
		Subtitle: muted(tr.T("header.subtitle"), theme.SizeNameText),
		Card:     NewDeviceCard(),
	}
	demoText := &canvas.Text{Text: tr.T("header.demo"), TextStyle: fyne.TextStyle{Bold: true}, TextSize: 12, Color: onColour(colourRecovery)}
	m.DemoTag = container.NewStack(&canvas.Rectangle{FillColor: colourRecovery, CornerRadius: 11},
		container.New(layout.NewCustomPaddedLayout(4, 4, 12, 12), demoText))
	m.DemoTag.Hidden = !demo

	icon := &canvas.Image{Resource: fyne.NewStaticResource("icon.png", assets.Icon()), FillMode: canvas.ImageFillContain}
	icon.SetMinSize(fyne.NewSize(36, 36))
	titles := container.NewHBox(container.NewCenter(m.Title), container.NewCenter(m.Subtitle))
	header := container.NewBorder(nil, nil, icon, container.NewCenter(m.DemoTag), titles)
	headerBG := canvas.NewRectangle(theme.Color(theme.ColorNameHeaderBackground))
	top := container.NewVBox(
		container.NewStack(headerBG, container.New(layout.NewCustomPaddedLayout(10, 10, 18, 18), header)),
		widget.NewSeparator())
	// The card scrolls under a fixed header: its top grows with warnings
	// and notes, and the window must fit a 1024x600 screen (issue 16).
	body := container.NewVScroll(container.New(layout.NewCustomPaddedLayout(14, 16, 18, 18), m.Card.Content()))
	m.content = container.NewBorder(top, nil, nil, nil, body)
	return m
}

// Content is the window content.
func (m *MainView) Content() fyne.CanvasObject { return m.content }

// Apply shows a new state; see DeviceCard.Apply.
func (m *MainView) Apply(s device.State) { m.Card.Apply(s) }
