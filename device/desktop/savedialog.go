package desktop

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"

	"unstuck/device/limitbuf"
)

// Save is what a save dialog asks for: a title, the folder it opens in and
// the name it suggests.
type Save struct {
	Title, Folder, Name string
}

// SaveDialog asks for a file name in the system's own save dialog. It
// returns the path chosen, "" when the person cancelled, ErrNoDialog where
// the system offers none, or another error when the dialog failed (the
// caller then shows its own). The dialogs ask before replacing a file.
// It blocks until the person answers: call it off the UI goroutine.
func SaveDialog(ctx context.Context, s Save) (string, error) {
	if runtime.GOOS == "windows" {
		return getSaveFileName(s)
	}
	return saveDialog(ctx, runtime.GOOS, s, os.Getenv)
}

func saveDialog(ctx context.Context, goos string, s Save, getenv func(string) string) (string, error) {
	argv := saveCommand(goos, s, getenv)
	if argv == nil {
		return "", ErrNoDialog
	}
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	stdout, stderr := &limitbuf.Buffer{Max: 64 << 10}, &limitbuf.Buffer{Max: 4096}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		path := strings.TrimRight(stdout.String(), "\r\n")
		if path == "" {
			return "", fmt.Errorf("%s chose no file", argv[0])
		}
		return path, nil
	case errors.As(err, &exit) && cancelled(goos, exit.ExitCode(), stderr.String()):
		return "", nil
	}
	return "", fmt.Errorf("the save dialog (%s) failed: %w%s", argv[0], err, said(stderr.String()))
}

// cancelled tells a dialog closed with Cancel from one that failed:
// zenity and kdialog exit 1; osascript exits 1 with AppleScript's error
// -128, "User canceled".
func cancelled(goos string, code int, stderr string) bool {
	if goos == "darwin" {
		return code == 1 && strings.Contains(stderr, "-128")
	}
	return code == 1
}

// saveCommand is the command line of the system's save dialog, or nil
// where there is none: osascript on macOS; on Linux and the BSDs zenity
// (GNOME) or kdialog (KDE), whichever is installed, the desktop's own
// first, and only with a display to show it on.
func saveCommand(goos string, s Save, getenv func(string) string) []string {
	start := filepath.Join(s.Folder, s.Name)
	if goos == "darwin" {
		script := fmt.Sprintf("POSIX path of (choose file name with prompt %s default name %s default location (POSIX file %s))",
			appleString(s.Title), appleString(s.Name), appleString(s.Folder))
		return []string{"osascript", "-e", script}
	}
	if getenv("DISPLAY") == "" && getenv("WAYLAND_DISPLAY") == "" {
		return nil
	}
	zenity := []string{"zenity", "--file-selection", "--save", "--confirm-overwrite", "--title=" + s.Title, "--filename=" + start}
	kdialog := []string{"kdialog", "--title", s.Title, "--getsavefilename", start}
	tools := [][]string{zenity, kdialog}
	if strings.Contains(strings.ToUpper(getenv("XDG_CURRENT_DESKTOP")), "KDE") {
		tools = [][]string{kdialog, zenity}
	}
	for _, argv := range tools {
		if _, err := exec.LookPath(argv[0]); err == nil {
			return argv
		}
	}
	return nil
}

// appleString is s as an AppleScript string literal.
func appleString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
