package handoff

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"unstuck/assets"
)

// openTimeout bounds the launcher: open and explorer.exe hand the program
// to the system and return at once.
const openTimeout = 15 * time.Second

// ids are handoff.tsv's rows.
var ids = sync.OnceValues(func() (map[string]string, error) {
	raw, err := assets.Data("handoff.tsv")
	if err != nil {
		return nil, err
	}
	rows, err := assets.ParseTable("handoff table", raw, 2)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, r := range rows {
		out[r.Fields[0]] = r.Fields[1]
	}
	for _, k := range []string{"apple_devices_store_id", "apple_devices_aumid", "itunes_store_aumid", "itunes_desktop_exe"} {
		if out[k] == "" {
			return nil, fmt.Errorf("handoff table: no %s", k)
		}
	}
	return out, nil
})

func id(key string) string {
	m, err := ids()
	if err != nil {
		panic("handoff: embedded table is broken: " + err.Error())
	}
	return m[key]
}

// StoreLink is the Microsoft Store app's address of Apple Devices.
func StoreLink() string { return "ms-windows-store://pdp/?productid=" + id("apple_devices_store_id") }

// Command is the command line that opens t on goos. programFiles is
// %ProgramFiles% on Windows (where Apple's installer puts iTunes); exists
// says whether a file is there.
func Command(goos string, t Tool, programFiles string, exists func(string) bool) ([]string, error) {
	switch {
	case goos == "darwin" && t == Finder:
		return []string{"open", "-a", "Finder"}, nil
	case goos == "darwin" && t == ITunes:
		return []string{"open", "-a", "iTunes"}, nil
	case goos == "windows" && t == AppleDevices:
		return []string{"explorer.exe", `shell:AppsFolder\` + id("apple_devices_aumid")}, nil
	case goos == "windows" && t == ITunesStore:
		return []string{"explorer.exe", `shell:AppsFolder\` + id("itunes_store_aumid")}, nil
	case goos == "windows" && t == ITunes:
		if programFiles != "" {
			exe := programFiles + `\` + id("itunes_desktop_exe")
			if exists(exe) {
				return []string{exe}, nil
			}
		}
		return []string{"explorer.exe", "shell:AppsFolder"}, nil // Windows' list of apps: iTunes is in it
	case goos == "windows" && t == GetAppleDevices:
		return []string{"explorer.exe", StoreLink()}, nil
	}
	return nil, fmt.Errorf("there is nothing to open for %q on %s", t, goos)
}

// Open opens t on this system (goos as runtime.GOOS) and returns when the
// launcher has handed it over, or with what went wrong. It blocks: call
// it off the UI goroutine.
func Open(ctx context.Context, goos string, t Tool) error {
	args, err := Command(goos, t, os.Getenv("ProgramFiles"), func(p string) bool {
		_, err := os.Stat(p)
		return err == nil
	})
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, openTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err = cmd.Run()
	var exit *exec.ExitError
	// explorer.exe exits 1 even when it opened what it was asked to.
	if errors.As(err, &exit) && strings.EqualFold(filepath.Base(args[0]), "explorer.exe") && exit.ExitCode() == 1 {
		return nil
	}
	if err != nil {
		msg := strings.TrimSpace(out.String())
		if msg != "" {
			return fmt.Errorf("%s: %w: %s", args[0], err, msg)
		}
		return fmt.Errorf("%s: %w", args[0], err)
	}
	return nil
}
