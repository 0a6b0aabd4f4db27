// Package desktop reaches the system's own file manager and save dialog:
// "Show in folder" for a saved report, and the save dialog the person
// knows from every other program. Each is a program the system provides
// (xdg-open, zenity or kdialog on Linux; open and osascript on macOS;
// explorer and comdlg32's GetSaveFileNameW on Windows), started with an
// argument list, never through a shell. The command lines are built by
// plain functions, one per system, so each is tested on any system.
package desktop

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"unstuck/device/limitbuf"
)

// ErrNoDialog says the system offers no save dialog that Unstuck can use
// here: the caller shows its own.
var ErrNoDialog = errors.New("no system save dialog here")

// launchWait is how long Reveal waits for the file manager's launcher to
// say it failed. A launcher still running by then has started the file
// manager (xdg-open's generic fallback runs it in the foreground) and is
// left to run.
const launchWait = 5 * time.Second

// Reveal opens the system's file manager at the folder holding path, with
// the file selected where the system can (macOS, Windows). It returns once
// the file manager is on its way, within launchWait; call it off the UI
// goroutine.
func Reveal(ctx context.Context, path string) error {
	return reveal(ctx, runtime.GOOS, path)
}

// revealCommand is the command line that shows path in the file manager.
func revealCommand(goos, path string) []string {
	switch goos {
	case "darwin":
		return []string{"open", "-R", path}
	case "windows":
		return []string{"explorer", "/select," + path}
	}
	return []string{"xdg-open", filepath.Dir(path)}
}

func reveal(ctx context.Context, goos, path string) error {
	argv := revealCommand(goos, path)
	cmd := exec.Command(argv[0], argv[1:]...)
	stderr := &limitbuf.Buffer{Max: 4096}
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("cannot open the file manager: %w", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	select {
	case err := <-exited:
		if err != nil && goos != "windows" { // explorer says 1 even when it opened the folder
			return fmt.Errorf("cannot open the file manager: %s: %w%s", argv[0], err, said(stderr.String()))
		}
		return nil
	case <-time.After(launchWait):
		return nil
	case <-ctx.Done():
		return nil // the launcher goes on; Wait reaps it
	}
}

// said is a program's last words on stderr, for an error message.
func said(stderr string) string {
	s := strings.TrimSpace(stderr)
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		s = s[i+1:]
	}
	if len(s) > 200 {
		s = s[:200]
	}
	if s == "" {
		return ""
	}
	return " (" + s + ")"
}
