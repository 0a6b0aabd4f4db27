// Command unstuck is the Unstuck desktop app: the live picture of a stuck
// iPhone. With --demo it runs against simulated phones that walk through
// every state.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"runtime"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"unstuck/device"
	"unstuck/device/awake"
	"unstuck/device/cue"
	"unstuck/device/demo"
	"unstuck/device/live"
	"unstuck/device/pace"
	"unstuck/device/procedure"
	"unstuck/ui"
	"unstuck/version"
)

func main() {
	demoMode := flag.Bool("demo", false, "run against simulated phones that walk through every state")
	verbose := flag.Bool("v", false, "log what the device layer does to standard error")
	openGuide := flag.Bool("guide", false, "open on the Guide me tab")
	showVersion := flag.Bool("version", false, "print the version and quit")
	flag.Parse()
	if *showVersion {
		fmt.Println("unstuck", version.String())
		return
	}

	logger := slog.New(slog.DiscardHandler)
	if *verbose {
		logger = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}

	a := newApp()
	w := a.NewWindow("Unstuck")
	w.SetMainMenu(helpMenu(w))
	view := ui.NewMainView(*demoMode)
	w.Resize(ui.WindowSize)

	ctx, cancel := context.WithCancel(context.Background())
	opts := live.Options{Logger: logger}
	if *demoMode {
		story, err := demo.Start(ctx, demo.Config{Logger: logger})
		if err != nil {
			fmt.Fprintln(os.Stderr, "unstuck: cannot start the demo:", err)
			os.Exit(1)
		}
		defer story.Close()
		opts = story.Options()
	}
	watcher := live.NewWatcher(opts)
	player, noSound := cue.NewPlayer(nil, logger)
	if player != nil {
		defer player.Close()
	}
	reboot := func(key string) func(context.Context) error { return live.AssistedReboot(watcher, opts, key) }
	guideTab := newGuideController(watcher, reboot, player, noSound, a.Preferences())
	actions := ui.NewActionBar()
	keeper := awake.NewKeeper(awake.Default(), logger)
	defer keeper.Close()
	care := newCare(ctx, w, keeper, logger)
	care.latest = watcher.State
	wireActions(ctx, actions, w, watcher, opts, care.noteError)
	guideTab.onRunning = care.setGuiding
	guideTab.backupNote = care.backupNote
	bottom := container.NewVBox(widget.NewSeparator(), container.NewPadded(container.NewBorder(nil, nil, actions.Content(), nil, care.awake.Content())))
	tabs := container.NewAppTabs(
		container.NewTabItem("What is happening", container.NewBorder(nil, bottom, nil, nil, view.Content())),
		container.NewTabItem("Guide me", guideTab.Content()),
		container.NewTabItem("Fix it step by step", care.ladder.Content()),
		container.NewTabItem("This computer", care.computerTab()),
	)
	care.ladder.OnGuide = func(kind string) {
		guideTab.choose(procedure.Kind(kind))
		tabs.SelectIndex(1)
	}
	if *openGuide {
		tabs.SelectIndex(1)
	}
	go func() { // check the computer once the watcher has read USB and usbmuxd
		select {
		case <-watcher.Ready():
		case <-time.After(5 * time.Second):
		case <-ctx.Done():
			return
		}
		fyne.Do(care.checkAgain)
	}()
	w.SetContent(tabs)
	w.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
		if k.Name == fyne.KeySpace && tabs.SelectedIndex() == 1 {
			guideTab.toggle() // Space starts, pauses and resumes the guide
		}
	})
	if *verbose {
		go logRuntime(ctx, logger, 10*time.Second)
	}
	watchDone := make(chan struct{})
	go func() { watcher.Run(ctx); close(watchDone) }()
	go follow(ctx, watcher, func(st device.State) {
		view.Apply(st)
		actions.Apply(st, view.Card.Selected())
		guideTab.Apply(st)
		care.Apply(st)
	})

	w.SetOnClosed(cancel)
	w.ShowAndRun()
	cancel()
	<-watchDone
}

// uiGap is the shortest time between two States shown: a phone on a
// failing cable changes state many times a second, and the window shows
// the newest a few times a second instead of redrawing on every change.
const uiGap = 250 * time.Millisecond

// follow hands the newest State to the views on the UI goroutine, at most
// once per uiGap, and, while a phone is listed as departed, again each
// second so "disconnected 3 s ago" keeps counting. An idle window is not
// redrawn. It waits for each State to be shown before taking the next, so
// nothing queues up behind a busy window.
func follow(ctx context.Context, watcher *device.Watcher, apply func(device.State)) {
	latest, unsub := watcher.Latest()
	defer unsub()
	pace.Run(ctx, latest, pace.Options[device.State]{
		Gap: uiGap, Again: time.Second,
		Repeat: func(s device.State) bool { return len(s.Departed) > 0 },
	}, func(s device.State) { fyne.DoAndWait(func() { apply(s) }) })
}

// logRuntime logs the process's goroutines and heap every so often, for
// support staff (and the soak benchmark) looking for a leak with -v.
func logRuntime(ctx context.Context, logger *slog.Logger, every time.Duration) {
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		logger.Debug("runtime", "goroutines", runtime.NumGoroutine(), "heap_mb", m.HeapAlloc>>20)
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}
