package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"unstuck/device"
	"unstuck/device/activity"
	"unstuck/device/catalog"
	"unstuck/device/tr"
)

// DeviceCard shows the truth about the selected phone: its mode in plain
// words, what that means for the data, trust, connection and details. With
// no phone attached it shows what to plug in and what to check.
type DeviceCard struct {
	Host        *widget.Label     // host conditions that need fixing, one message a line
	HostInfo    *widget.Label     // normal conditions, said for understanding (not warnings)
	HostDetails *widget.Accordion // "Details": the raw error text behind the messages
	HostDetail  *widget.Label
	Selector    *widget.Select // which phone, shown when several are attached
	Badge       *ModeBadge
	TrustAdvice *widget.Label
	Phone       *canvas.Image
	ModelName   *widget.Label
	Stability   *widget.Label
	Departed    *widget.Label // a phone that just left, while another is shown
	Note        *widget.Label // a problem met while reading the phone
	BatteryWarn *widget.Label // a low or falling battery
	Activity    *widget.Label // under the mode: still working, or stuck? (activity.go)
	Details     Details
	Checklist   []*widget.Label // the empty state's steps
	Timeline    *Timeline
	Handoff     *Handoff // in recovery mode: open Finder, iTunes or Apple Devices to choose Update

	// Now is the clock for "3 s ago"; tests replace it.
	Now func() time.Time
	// OnSelect is told when the user picks another phone to show.
	OnSelect func(key string)

	state    device.State
	selected string // Key of the shown phone
	acts     map[string]activity.Activity

	hostBox, selectorBox, trustBox, info, empty *fyne.Container
	problemBox, infoBox, handoffBox             *fyne.Container
	stabilityIcon                               *widget.Icon
	content                                     fyne.CanvasObject
	drawn                                       string // what the last redraw showed
}

// Details holds the smaller facts about the phone, for support staff. The
// internal identifiers (ECID, UDID, serial number, boot stage) sit folded
// under Technical, closed until tapped: a frightened person reads the model,
// the iOS and the battery, and is not asked to make sense of hex.
type Details struct {
	Product, IOS, Battery, USB, ECID, UDID, Serial, Boot *widget.Label
	Technical                                            *widget.Accordion

	keys           []fyne.CanvasObject
	grid, techGrid *fyne.Container
}

// NewDeviceCard builds the card, showing the empty state until Apply.
func NewDeviceCard() *DeviceCard {
	c := &DeviceCard{
		Host:        wrapped(),
		HostInfo:    wrapped(),
		HostDetail:  &widget.Label{Wrapping: textWrap(), Selectable: true, SizeName: theme.SizeNameCaptionText},
		Selector:    &widget.Select{PlaceHolder: tr.T("card.choose")},
		Badge:       newModeBadge(),
		TrustAdvice: &widget.Label{Wrapping: textWrap(), TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText},
		Phone:       &canvas.Image{FillMode: canvas.ImageFillContain},
		ModelName:   &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameHeadingText, Truncation: fyne.TextTruncateEllipsis},
		Stability:   wrapped(),
		Departed:    wrapped(),
		Note:        &widget.Label{Wrapping: textWrap(), Importance: widget.WarningImportance},
		BatteryWarn: &widget.Label{Wrapping: textWrap(), Importance: widget.WarningImportance},
		Activity:    &widget.Label{Wrapping: textWrap(), TextStyle: fyne.TextStyle{Bold: true}},
		Timeline:    newTimeline(),
		Handoff:     NewHandoff(),
		Now:         time.Now,
	}
	c.Selector.OnChanged = c.onSelect
	c.Phone.SetMinSize(fyne.NewSize(120, 240))
	c.stabilityIcon = widget.NewIcon(theme.ConfirmIcon())

	c.HostDetails = widget.NewAccordion(widget.NewAccordionItem(tr.T("card.details"), c.HostDetail))
	c.problemBox = callout(colourRecovery, theme.WarningIcon(), c.Host)
	c.infoBox = callout(colourGrey, theme.InfoIcon(), c.HostInfo)
	c.hostBox = container.NewVBox(c.problemBox, c.infoBox, c.HostDetails)
	c.selectorBox = container.NewBorder(nil, nil, &widget.Label{Text: tr.T("card.several")}, nil, c.Selector)
	c.trustBox = callout(colourRestore, theme.InfoIcon(), c.TrustAdvice)
	c.buildDetails()
	c.buildEmpty()

	connection := container.NewBorder(nil, nil, container.NewCenter(c.stabilityIcon), nil, c.Stability)
	c.handoffBox = container.NewVBox(widget.NewSeparator(),
		&widget.Label{Text: tr.T("card.next-update"), TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText, Wrapping: textWrap()},
		c.Handoff.Content())
	c.info = container.NewVBox(c.ModelName, connection, c.Departed, c.Note, c.BatteryWarn, c.handoffBox,
		widget.NewSeparator(), &widget.Label{Text: tr.T("card.details"), TextStyle: fyne.TextStyle{Bold: true}}, c.Details.grid, c.Details.Technical)

	phone := container.NewVBox(container.New(layout.NewCustomPaddedLayout(8, 0, 4, 12), c.Phone))
	body := container.NewBorder(nil, nil, phone, fixedWidth(c.Timeline.content, 290),
		container.NewVScroll(container.NewStack(c.info, c.empty)))
	top := container.NewVBox(c.hostBox, c.selectorBox, c.Badge.Content(), c.Activity, c.trustBox)
	c.content = container.NewBorder(top, nil, nil, nil, body)

	c.Apply(device.State{})
	return c
}

// wrapped is a word-wrapping label.
func wrapped() *widget.Label { return &widget.Label{Wrapping: textWrap()} }

// textWrap is how the language's text wraps: at spaces, or, in Chinese
// and Japanese, which put no spaces between words, anywhere (Fyne's word
// wrap would break only at the spaces around "iPhone" or "USB").
func textWrap() fyne.TextWrap {
	if tr.WritesWithoutSpaces() {
		return fyne.TextWrapBreak
	}
	return fyne.TextWrapWord
}

func (c *DeviceCard) buildDetails() {
	d := &c.Details
	vals := []**widget.Label{&d.Product, &d.IOS, &d.Battery, &d.USB, &d.ECID, &d.UDID, &d.Serial, &d.Boot}
	names := []string{"field.product", "field.ios", "field.battery", "field.usb", "field.ecid", "field.udid", "field.serial", "field.boot"}
	for i, v := range vals {
		*v = &widget.Label{Selectable: i >= 4, Truncation: fyne.TextTruncateEllipsis, SizeName: theme.SizeNameCaptionText}
		d.keys = append(d.keys, muted(tr.T(names[i]), theme.SizeNameCaptionText))
	}
	d.grid, d.techGrid = container.New(compactForm{}), container.New(compactForm{})
	d.Technical = widget.NewAccordion(widget.NewAccordionItem(tr.T("card.technical"), d.techGrid))
}

func (c *DeviceCard) buildEmpty() {
	steps := []string{tr.T("check.cable"), tr.T("check.port"), tr.T("check.unlock"), tr.T("check.black")}
	box := container.NewVBox(&widget.Label{Text: tr.T("check.title"), TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText})
	for i, s := range steps {
		l := wrapped()
		l.Text = s
		c.Checklist = append(c.Checklist, l)
		box.Add(container.NewBorder(nil, nil, stepNumber(fmt.Sprint(i+1), colourRestore), nil, l))
	}
	c.empty = box
}

// Content is the card's canvas object.
func (c *DeviceCard) Content() fyne.CanvasObject { return c.content }

// Apply shows a new state. Call it on the UI goroutine; it is cheap and does
// not block. Call it again with the same state to refresh "3 s ago" texts.
// The card is redrawn only when something it shows has changed: a phone on
// a failing cable sends states that differ in nothing on screen.
func (c *DeviceCard) Apply(s device.State) {
	c.state = s
	c.applyHost(s.Host)
	c.Timeline.apply(s.Timeline, c.Now())
	c.applySelector(s.Devices)
	c.render()
}

// redraw refreshes the card if what it shows differs from the last redraw.
func (c *DeviceCard) redraw() {
	var shown []any
	for _, l := range []*widget.Label{c.Host, c.HostInfo, c.HostDetail, c.Badge.Headline, c.Badge.Meaning, c.TrustAdvice, c.ModelName,
		c.Stability, c.Departed, c.Note, c.BatteryWarn, c.Activity} {
		shown = append(shown, l.Text, l.Visible())
	}
	for _, o := range append(c.Details.grid.Objects, c.Details.techGrid.Objects...) {
		if l, ok := o.(*widget.Label); ok {
			shown = append(shown, l.Text)
		} else {
			shown = append(shown, fmt.Sprintf("%p", o))
		}
	}
	shown = append(shown, c.Badge.Pill.Text, c.Badge.colour, c.Phone.Resource.Name(), c.stabilityIcon.Resource.Name(),
		c.Selector.Options, c.Selector.Selected, c.hostBox.Visible(), c.problemBox.Visible(), c.infoBox.Visible(), c.HostDetails.Visible(), c.Details.Technical.Visible(), c.selectorBox.Visible(), c.trustBox.Visible(), c.info.Visible(),
		c.handoffBox.Visible(), c.Handoff.Button.Text)
	if changed(&c.drawn, shown...) {
		c.content.Refresh()
	}
}

// Selected is the Key of the phone on show, or "".
func (c *DeviceCard) Selected() string { return c.selected }

// applyHost shows the computer's conditions: the ones to fix in a warning,
// the normal ones as information, the raw errors folded under Details.
func (c *DeviceCard) applyHost(conds []device.Condition) {
	var problems, infos, details []string
	for _, h := range conds {
		if h.Problem() {
			problems = append(problems, h.Message.String())
		} else {
			infos = append(infos, h.Message.String())
		}
		if h.Detail != "" {
			details = append(details, h.Detail)
		}
	}
	c.Host.Text, c.HostInfo.Text, c.HostDetail.Text = strings.Join(problems, "\n"), strings.Join(infos, "\n"), strings.Join(details, "\n")
	c.problemBox.Hidden, c.infoBox.Hidden, c.HostDetails.Hidden = len(problems) == 0, len(infos) == 0, len(details) == 0
	c.hostBox.Hidden = len(conds) == 0
}

func (c *DeviceCard) applySelector(devs []device.Device) {
	d, _ := c.state.Focus(c.selected)
	c.selected = d.Key
	opts := make([]string, len(devs))
	for i, d := range devs {
		opts[i] = fmt.Sprintf("%d · %s — %s", i+1, d.Name(), modeName(d.Mode))
		if d.Key == c.selected {
			c.Selector.Selected = opts[i] // set directly: no OnChanged round trip
		}
	}
	c.Selector.Options = opts
	c.selectorBox.Hidden = len(devs) < 2
}

// onSelect is the selector's handler: show the chosen phone.
func (c *DeviceCard) onSelect(string) {
	i := c.Selector.SelectedIndex()
	if i < 0 || i >= len(c.state.Devices) || c.state.Devices[i].Key == c.selected {
		return
	}
	c.selected = c.state.Devices[i].Key
	c.render()
	if c.OnSelect != nil {
		c.OnSelect(c.selected)
	}
}

func (c *DeviceCard) render() {
	d, ok := c.state.Find(c.selected)
	if !ok {
		c.renderEmpty()
		return
	}
	now := c.Now()
	c.Badge.set(badgeWords(d))
	c.TrustAdvice.Text = d.Trust.Advice().String()
	c.trustBox.Hidden = c.TrustAdvice.Text == ""
	c.Phone.Resource = phoneFor(d)
	c.ModelName.Text = d.Name()
	c.Stability.Text = stabilityText(d.Stability)
	c.stabilityIcon.Resource = theme.NewSuccessThemedResource(theme.ConfirmIcon())
	if d.Stability.Flaps > 0 {
		c.stabilityIcon.Resource = theme.NewWarningThemedResource(theme.WarningIcon())
	}
	c.Departed.Text = ""
	if len(c.state.Departed) > 0 {
		gone := c.state.Departed[0]
		c.Departed.Text = tr.Sentences(departedText(gone, now), c.departedAdvice(gone))
	} else if a, ok := c.away(); ok { // left during an update, longer ago than Departed keeps
		c.Departed.Text = a.Advice.String()
	}
	c.Departed.Hidden = c.Departed.Text == ""
	c.Note.Text = d.Note.String()
	c.Note.Hidden = d.Note.IsZero()
	c.BatteryWarn.Text = batteryWarning(d.Battery)
	c.BatteryWarn.Hidden = c.BatteryWarn.Text == ""
	c.handoffBox.Hidden = d.Mode != device.ModeRecovery
	c.applyDetails(d)
	c.renderActivity(d)
	c.info.Hidden, c.empty.Hidden = false, true
	c.redraw()
}

func (c *DeviceCard) renderEmpty() {
	now := c.Now()
	if len(c.state.Departed) > 0 {
		gone := c.state.Departed[0]
		c.Badge.set(tr.T("badge.departed.pill"), departedText(gone, now), c.departedAdvice(gone), colourGrey)
	} else if a, ok := c.away(); ok {
		c.Badge.set(tr.T("badge.departed.pill"), tr.T("activity.left-during-update"), a.Advice.String(), colourGrey)
	} else {
		c.Badge.set(tr.T("badge.empty.pill"), tr.T("badge.empty.headline"), tr.T("badge.empty.meaning"), colourGrey)
	}
	c.TrustAdvice.Text = ""
	c.trustBox.Hidden = true
	c.Phone.Resource = phoneResource("", catalog.FrontUnknown, screenOff)
	c.ModelName.Text, c.Stability.Text, c.Departed.Text, c.Note.Text, c.BatteryWarn.Text = "", "", "", "", ""
	c.handoffBox.Hidden = true
	c.renderActivity(device.Device{})
	c.info.Hidden, c.empty.Hidden = true, false
	c.redraw()
}

func (c *DeviceCard) applyDetails(d device.Device) {
	x := &c.Details
	product := d.ProductType
	if d.HardwareModel != "" {
		product = strings.TrimSpace(product + " (" + strings.ToUpper(d.HardwareModel) + ")")
	}
	x.Product.Text = product
	x.IOS.Text = iosText(d)
	x.Battery.Text = batteryText(d.Battery)
	x.USB.Text = d.USB.Speed()
	x.ECID.Text = ""
	if d.ECID != 0 {
		x.ECID.Text = fmt.Sprintf("0x%016x", d.ECID)
	}
	x.UDID.Text = d.UDID
	x.Serial.Text = d.SerialNumber
	x.Boot.Text = d.Boot
	if d.PWND != "" {
		x.Boot.Text = strings.TrimSpace(d.Boot + " (pwned: " + d.PWND + ")")
	}
	var rows, tech []fyne.CanvasObject
	for i, v := range []*widget.Label{x.Product, x.IOS, x.Battery, x.USB} {
		if v.Text != "" {
			rows = append(rows, x.keys[i], v)
		}
	}
	for i, v := range []*widget.Label{x.ECID, x.UDID, x.Serial, x.Boot} {
		if v.Text != "" {
			tech = append(tech, x.keys[4+i], v)
		}
	}
	x.grid.Objects, x.techGrid.Objects = rows, tech
	x.Technical.Hidden = len(tech) == 0
}
