// Command unstuck is the Unstuck desktop app: the live picture of a stuck
// iPhone. With --demo it runs against simulated phones that walk through
// every state. This file is wiring: the screens are in ui/, everything
// else in device/.
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

	"unstuck/device"
	"unstuck/device/action"
	"unstuck/device/activity"
	"unstuck/device/awake"
	"unstuck/device/cue"
	"unstuck/device/demo"
	"unstuck/device/desktop"
	"unstuck/device/live"
	"unstuck/device/pace"
	"unstuck/device/version"
	"unstuck/device/watch"
	"unstuck/ui"
)

func main() {
	demoMode := flag.Bool("demo", false, "run against simulated phones that walk through every state")
	verbose := flag.Bool("v", false, "log what the device layer does to standard error")
	openGuide := flag.Bool("guide", false, "open on the Guide me tab")
	showVersion := flag.Bool("version", false, "print the version and quit")
	langFlag := flag.String("lang", "", "speak this language (en, de, es, fr, ja, pt-BR, zh-Hans) this time, instead of the one chosen in Help, Language")
	flag.Parse()
	if *showVersion {
		fmt.Println("unstuck", version.String())
		return
	}
	instance, quit := oneCopy(*demoMode, os.Stderr)
	if quit {
		return
	}
	if instance != nil {
		defer instance.Close()
	}

	logger := slog.New(slog.DiscardHandler)
	if *verbose {
		logger = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}

	a := newApp()
	if *langFlag == "" {
		*langFlag = a.Preferences().String(ui.LanguagePref)
	}
	speak(*langFlag) // before anything is built: the screens are built in one language
	w := a.NewWindow("Unstuck")
	menu, help := helpMenu(w, a.Preferences())
	w.SetMainMenu(menu)
	w.Resize(ui.OpenSize(a.Settings().Scale()))
	// The screen's scale is known once the window is up (FYNE_SCALE, the
	// monitor's): at 150 % the window is made to fit a 1366x768 screen.
	a.Lifecycle().SetOnStarted(func() {
		if sc := w.Canvas().Scale(); sc > 1 {
			w.Resize(ui.OpenSize(sc))
		}
	})

	ctx, cancel := context.WithCancel(context.Background())
	opts := live.Options{Logger: logger}
	var tracker *activity.Tracker // nil: the system's backups
	if *demoMode {
		story, err := demo.Start(ctx, demo.Config{Logger: logger})
		if err != nil {
			fmt.Fprintln(os.Stderr, "unstuck: cannot start the demo:", err)
			os.Exit(1)
		}
		defer story.Close()
		opts, tracker = story.Options(), story.Tracker()
	}
	watcher := live.NewWatcher(opts)
	player, noSound := cue.NewPlayer(nil, logger)
	var sounds ui.Sounds
	if player != nil {
		defer player.Close()
		sounds = player
	}
	keeper := awake.NewKeeper(awake.Default(), logger)
	defer keeper.Close()

	screens := ui.NewScreens(ui.ScreensOptions{
		Ctx: ctx, Window: w, Post: fyne.Do, Demo: *demoMode, Phones: watcher, Keeper: keeper, Prefs: a.Preferences(),
		Sounds: sounds, NoSound: noSound, Version: version.String(), SaveDialog: desktop.SaveDialog, Reveal: desktop.Reveal,
		Restart: func(key string) func(context.Context) error { return live.AssistedReboot(watcher, opts, key) },
		Do:      func(ctx context.Context, act action.Action, d device.Device) error { return live.Do(ctx, opts, act, d) },
	})
	if *openGuide {
		screens.Tabs.SelectIndex(ui.TabGuide)
	}
	w.SetContent(screens.Content())
	screens.Keys(w, help)
	if *verbose {
		go logRuntime(ctx, logger, 10*time.Second)
	}
	watchDone := make(chan struct{})
	go func() { watcher.Run(ctx); close(watchDone) }()
	go func() { // check the computer once the watcher has read USB and usbmuxd
		if live.WaitReady(ctx, watcher, live.FirstReadingWait); ctx.Err() == nil {
			fyne.Do(screens.Computer.CheckAgain)
		}
	}()
	go follow(ctx, watcher, screens.Apply)
	go followActivity(ctx, watcher, opts, tracker, screens.ApplyActivity)
	go showOnAsk(ctx, instance, w)

	w.SetOnClosed(cancel)
	w.ShowAndRun()
	cancel()
	<-watchDone
}

// uiGap is the shortest time between two States shown: a phone on a
// failing cable changes state many times a second, and the window shows
// the newest four times a second instead of redrawing on every change.
const uiGap = 250 * time.Millisecond

// follow hands the newest State to the screens on the UI goroutine, at most
// once per uiGap, and, while a phone is listed as departed, again each
// second so "disconnected 3 s ago" keeps counting. An idle window is not
// redrawn. It waits for each State to be shown before taking the next, so
// nothing queues up behind a busy window.
func follow(ctx context.Context, watcher *watch.Watcher, apply func(device.State)) {
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
