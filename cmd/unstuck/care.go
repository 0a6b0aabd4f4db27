package main

import (
	"context"
	"log/slog"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"unstuck/device"
	"unstuck/device/awake"
	"unstuck/device/backup"
	"unstuck/device/diagnose"
	"unstuck/device/hostcheck"
	"unstuck/device/ladder"
	"unstuck/ui"
	"unstuck/version"
)

// care holds what the app learns beside the live State: the computer's
// checks, the backups, the ladder ticks and the keep-awake state. It
// drives the "Fix it step by step" and "This computer" tabs and the
// keep-awake bar. Its fields are touched on the UI goroutine only;
// background work hands results back through fyne.Do.
type care struct {
	ctx    context.Context
	log    *slog.Logger
	keeper *awake.Keeper
	// latest reads the watcher's newest State (safe from any goroutine):
	// the checks use it, as the views' copy may lag a frame behind.
	latest func() device.State

	ladder  *ui.LadderView
	host    *ui.HostPanel
	backups *ui.BackupList
	awake   *ui.AwakeBar
	export  *reportExport

	state     device.State
	checks    []hostcheck.Check // nil until the first check ends
	checkedAt time.Time
	checking  bool
	found     *backup.Result // nil until the first scan ends
	ticked    map[string]bool
	guiding   bool
	kept      awake.Status
	errors    []string // recent failures, for the report
	// checked is called after a check's results are on screen (tests).
	checked func()
}

func newCare(ctx context.Context, w fyne.Window, keeper *awake.Keeper, log *slog.Logger) *care {
	c := &care{ctx: ctx, log: log, keeper: keeper, ticked: map[string]bool{},
		ladder: ui.NewLadderView(), backups: ui.NewBackupList(), awake: ui.NewAwakeBar()}
	c.host = ui.NewHostPanel(c.checkAgain)
	c.ladder.OnTick = func(id string, done bool) {
		c.ticked[id] = done
		c.refreshLadder()
	}
	c.awake.OnSwitch = func(on bool) { keeper.SetEnabled(on) }
	c.export = newReportExport(ctx, w, c.collectOptions)
	c.export.failed = c.noteError
	c.kept = keeper.Status()
	c.awake.Apply(c.kept)
	keeper.Subscribe(func(s awake.Status) { fyne.Do(func() { c.kept = s; c.awake.Apply(s) }) })
	return c
}

// computerTab is the "This computer" tab: the checks, the backups and the
// report.
func (c *care) computerTab() fyne.CanvasObject {
	heading := &widget.Label{Text: "Backups of your iPhone", TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}
	side := container.NewVScroll(container.NewVBox(heading, c.backups.Content(), widget.NewSeparator(), c.export.content()))
	split := container.NewHSplit(container.NewPadded(c.host.Content()), container.NewPadded(side))
	split.Offset = 0.55
	return split
}

// Apply takes a new State from the watcher.
func (c *care) Apply(s device.State) {
	c.state = s
	c.keeper.Update(awake.Reason(s, c.guiding))
	if checks, changed := hostcheck.Follow(c.checks, s); changed {
		c.checks = checks
		c.host.Apply(checks, c.checkedAt)
	}
	c.refreshLadder()
	if c.found != nil {
		c.backups.Apply(*c.found, udids(s))
	}
}

// backupNote is the backup answer the ladder's last step gives, for the
// guide's DFU procedures.
func (c *care) backupNote() string {
	return ladder.BackupWords(diagnose.Ladder(c.state, c.checks, c.found, c.ticked, time.Now()))
}

// setGuiding is told when a guided procedure starts and ends: the
// computer stays awake while it runs.
func (c *care) setGuiding(on bool) {
	c.guiding = on
	c.keeper.Update(awake.Reason(c.state, on))
}

func (c *care) refreshLadder() {
	c.ladder.Apply(ladder.Evaluate(diagnose.Ladder(c.state, c.checks, c.found, c.ticked, time.Now())))
}

// checkAgain runs the computer's checks and the backup scan in the
// background; the results reach the screen through fyne.Do.
func (c *care) checkAgain() {
	if c.checking {
		return
	}
	c.checking = true
	c.host.CheckAgain.Disable()
	s, latest := c.state, c.latest
	go func() {
		if latest != nil {
			s = latest()
		}
		checks := hostcheck.Run(c.ctx, hostcheck.Input{State: s})
		found := diagnose.Backups(c.ctx)
		fyne.Do(func() {
			c.checking = false
			c.host.CheckAgain.Enable()
			c.checks, c.checkedAt, c.found = checks, time.Now(), &found
			c.host.Apply(checks, c.checkedAt)
			c.backups.Apply(found, udids(c.state))
			c.refreshLadder()
			if c.checked != nil {
				c.checked()
			}
		})
	}()
}

// collectOptions is what the report is built from, read on the UI
// goroutine when the user asks for a report.
func (c *care) collectOptions() diagnose.Options {
	kept := c.kept
	return diagnose.Options{Version: appVersion(), State: c.state, Host: slices.Clone(c.checks), Backups: c.found,
		Ticked: mapsClone(c.ticked), Awake: &kept, Errors: slices.Clone(c.errors)}
}

// maxErrors bounds the recent failures a report lists.
const maxErrors = 20

// noteError keeps a failure the user saw (an action, a save) for the
// report. Call it on the UI goroutine.
func (c *care) noteError(err error) {
	c.errors = append(c.errors, time.Now().Format("15:04:05")+" "+err.Error())
	if over := len(c.errors) - maxErrors; over > 0 {
		c.errors = slices.Delete(c.errors, 0, over)
	}
}

func mapsClone(m map[string]bool) map[string]bool {
	out := make(map[string]bool, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func udids(s device.State) []string {
	var out []string
	for _, d := range s.Devices {
		out = append(out, d.UDID)
	}
	return out
}

// appVersion is the version a report names, the one --version prints.
func appVersion() string { return version.String() }
