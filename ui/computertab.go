package ui

import (
	"context"
	"maps"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"unstuck/device"
	"unstuck/device/activity"
	"unstuck/device/awake"
	"unstuck/device/backup"
	"unstuck/device/diagnose"
	"unstuck/device/hostcheck"
	"unstuck/device/ladder"
	"unstuck/device/tr"
)

// Keeper keeps the computer awake; *awake.Keeper is one.
type Keeper interface {
	Update(why tr.Text, hold bool)
	SetEnabled(on bool)
	Status() awake.Status
	Subscribe(fn func(awake.Status)) (unsubscribe func())
}

// CheckFunc checks the computer and scans for backups; it runs off the UI
// goroutine.
type CheckFunc func(ctx context.Context, s device.State) ([]hostcheck.Check, backup.Result)

// RealChecks runs the computer's real checks and backup scan.
func RealChecks(ctx context.Context, s device.State) ([]hostcheck.Check, backup.Result) {
	return hostcheck.Run(ctx, hostcheck.Input{State: s}), diagnose.Backups(ctx)
}

// ComputerTabOptions are the computer tab's collaborators.
type ComputerTabOptions struct {
	Ctx     context.Context
	Window  fyne.Window // for the report's dialogs
	Post    Post
	Phones  interface{ State() device.State }
	Keeper  Keeper
	Version string    // the app's version, for the report
	Check   CheckFunc // nil: RealChecks
	// SaveDialog and Reveal are the system's save dialog and file manager
	// for the report (see ReportPanelOptions).
	SaveDialog SaveDialogFunc
	Reveal     func(ctx context.Context, path string) error
}

// ComputerTab holds what the app learns beside the live State: the
// computer's checks, the backups, the ladder ticks and the keep-awake
// state. It drives the "Fix it step by step" and "This computer" tabs and
// the keep-awake bar. Its fields are touched on the UI goroutine only;
// background work comes back through post.
type ComputerTab struct {
	Ladder  *LadderView
	Host    *HostPanel
	Backups *BackupList
	Awake   *AwakeBar
	Report  *ReportPanel
	// OnChecks is told when the computer's checks change (the first tab's
	// hand-off chooses its tool from them).
	OnChecks func([]hostcheck.Check)

	o         ComputerTabOptions
	state     device.State
	focus     string
	checks    []hostcheck.Check // nil until the first check ends
	checkedAt time.Time
	checking  bool
	found     *backup.Result // nil until the first scan ends
	ticked    map[string]bool
	guiding   bool
	backingUp bool // a backup is moving: stay awake (activity.go)
	acts      map[string]activity.Activity
	kept      awake.Status
	errors    []string // recent failures, for the report
}

// NewComputerTab builds the tab; it checks nothing until CheckAgain.
func NewComputerTab(o ComputerTabOptions) *ComputerTab {
	if o.Check == nil {
		o.Check = RealChecks
	}
	c := &ComputerTab{o: o, ticked: map[string]bool{},
		Ladder: NewLadderView(), Backups: NewBackupList(), Awake: NewAwakeBar()}
	c.Ladder.Handoff.Post = o.Post
	c.Host = NewHostPanel(c.CheckAgain)
	c.Ladder.OnTick = func(id string, done bool) {
		c.ticked[id] = done
		c.refreshLadder()
	}
	c.Awake.OnSwitch = func(on bool) { o.Keeper.SetEnabled(on) }
	c.Report = NewReportPanel(ReportPanelOptions{Ctx: o.Ctx, Window: o.Window, Post: o.Post, Options: c.reportOptions, Failed: c.NoteError,
		SaveDialog: o.SaveDialog, Reveal: o.Reveal})
	c.kept = o.Keeper.Status()
	c.Awake.Apply(c.kept)
	o.Keeper.Subscribe(func(s awake.Status) { o.Post(func() { c.kept = s; c.Awake.Apply(s) }) })
	return c
}

// Content is the "This computer" tab: the checks, the backups and the
// report.
func (c *ComputerTab) Content() fyne.CanvasObject {
	heading := &widget.Label{Text: tr.T("backups.title"), TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}
	side := container.NewVScroll(container.NewVBox(heading, c.Backups.Content(), widget.NewSeparator(), c.Report.Content()))
	split := container.NewHSplit(container.NewPadded(c.Host.Content()), container.NewPadded(side))
	split.Offset = 0.55
	return split
}

// Apply takes a new State and the key of the phone on show.
func (c *ComputerTab) Apply(s device.State, focus string) {
	c.state, c.focus = s, focus
	c.o.Keeper.Update(awake.ReasonWithBackup(s, c.guiding, c.backingUp))
	if checks, changed := hostcheck.Follow(c.checks, s); changed {
		c.checks = checks
		c.Host.Apply(checks, c.checkedAt)
		c.checksChanged()
	}
	c.refreshLadder()
	if c.found != nil {
		c.Backups.Apply(*c.found, udids(s))
	}
}

// BackupNote is the backup answer the ladder's last step gives, for the
// guide's DFU procedures.
func (c *ComputerTab) BackupNote() string {
	return ladder.BackupWords(c.ladderInput()).String()
}

// SetGuiding is told when a guided procedure starts and ends: the
// computer stays awake while it runs.
func (c *ComputerTab) SetGuiding(on bool) {
	c.guiding = on
	c.o.Keeper.Update(awake.ReasonWithBackup(c.state, on, c.backingUp))
}

func (c *ComputerTab) ladderInput() ladder.Input {
	return diagnose.Ladder(c.state, c.focus, c.checks, c.found, c.ticked, c.acts, time.Now())
}

func (c *ComputerTab) refreshLadder() { c.Ladder.Apply(ladder.Evaluate(c.ladderInput())) }

// CheckAgain runs the computer's checks and the backup scan in the
// background; the results come back through post.
func (c *ComputerTab) CheckAgain() {
	if c.checking {
		return
	}
	c.checking = true
	c.Host.CheckAgain.Disable()
	s := c.state
	if c.o.Phones != nil {
		s = c.o.Phones.State() // the newest: the views' copy may lag a frame behind
	}
	go func() {
		checks, found := c.o.Check(c.o.Ctx, s)
		c.o.Post(func() { c.checked(checks, found) })
	}()
}

func (c *ComputerTab) checked(checks []hostcheck.Check, found backup.Result) {
	c.checking = false
	c.Host.CheckAgain.Enable()
	c.checks, c.checkedAt, c.found = checks, time.Now(), &found
	c.Host.Apply(checks, c.checkedAt)
	c.Backups.Apply(found, udids(c.state))
	c.checksChanged()
	c.refreshLadder()
}

// checksChanged passes new checks to the hand-offs.
func (c *ComputerTab) checksChanged() {
	c.Ladder.Handoff.SetChecks(c.checks)
	if c.OnChecks != nil {
		c.OnChecks(c.checks)
	}
}

// reportOptions is what the report is built from, read on the UI
// goroutine when the user asks for a report.
func (c *ComputerTab) reportOptions() diagnose.Options {
	kept := c.kept
	acts := maps.Clone(c.acts)
	if acts == nil {
		acts = map[string]activity.Activity{}
	}
	return diagnose.Options{Version: c.o.Version, State: c.state, Phone: c.focus, Host: slices.Clone(c.checks), Backups: c.found,
		Ticked: maps.Clone(c.ticked), Awake: &kept, Errors: slices.Clone(c.errors), Activities: acts}
}

// maxErrors bounds the recent failures a report lists.
const maxErrors = 20

// NoteError keeps a failure the user saw (an action, a save) for the
// report. Call it on the UI goroutine.
func (c *ComputerTab) NoteError(err error) {
	c.errors = append(c.errors, time.Now().Format("15:04:05")+" "+err.Error())
	if over := len(c.errors) - maxErrors; over > 0 {
		c.errors = slices.Delete(c.errors, 0, over)
	}
}

func udids(s device.State) []string {
	var out []string
	for _, d := range s.Devices {
		out = append(out, d.UDID)
	}
	return out
}
