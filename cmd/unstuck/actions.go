package main

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"unstuck/device"
	"unstuck/device/live"
	"unstuck/device/watch"
	"unstuck/ui"
)

// wireActions connects the action bar to the device layer: each action is
// confirmed first, runs off the UI goroutine, and reports back through fyne.Do.
func wireActions(ctx context.Context, bar *ui.ActionBar, w fyne.Window, watcher *watch.Watcher, opts live.Options, failed func(error)) {
	run := func(title, question, note string, act func(context.Context, live.Options, device.Device) error, done string) func(device.Device) {
		return func(d device.Device) {
			dialog.ShowConfirm(title, fmt.Sprintf(question, d.Name()), func(ok bool) {
				if !ok {
					return
				}
				go func() {
					err := act(ctx, opts, d)
					if err == nil {
						watcher.Note(device.Event{Key: d.Key, Device: d.Name(), Detail: note})
					}
					fyne.Do(func() {
						if err != nil {
							failed(fmt.Errorf("%s: %w", strings.ToLower(title), err))
							dialog.ShowError(err, w)
							return
						}
						dialog.ShowInformation(title, done, w)
					})
				}()
			}, w)
		}
	}
	bar.OnExitRecovery = run("Leave recovery mode",
		"Ask the %s to restart normally?\n\nNothing is erased. If iOS is damaged it will come back in recovery mode;\nthen an Update from Finder, iTunes or the Apple Devices app keeps your data.",
		"asked to leave recovery mode (setenv auto-boot true, saveenv, reboot)", live.ExitRecovery,
		"Sent. The phone is restarting: watch this window for it to come back.")
	bar.OnEnterRecovery = run("Restart into recovery mode",
		"Restart the %s into recovery mode?\n\nNothing is erased. Its screen will show a computer and a cable.\nTo leave again, use Leave recovery mode or a force restart.",
		"asked to enter recovery mode (lockdown EnterRecovery)", live.EnterRecovery,
		"Sent. The phone is restarting into recovery mode.")
}
