// Package desktoptest stands in for the system's programs in tests: a
// script of the program's name on a PATH of its own, which writes down
// the arguments it was started with. It fakes the system's seam, not
// Unstuck's code: the real command lines are built, found and started.
package desktoptest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// OnlyPath makes a fresh folder the whole PATH, for the test's length.
func OnlyPath(t testing.TB) string {
	bin := t.TempDir()
	t.Setenv("PATH", bin)
	return bin
}

// Tool puts an executable named name in bin: a shell script that writes
// its arguments, one a line, down and then runs body. Args reads them
// back, failing the test when the program was not started.
func Tool(t testing.TB, bin, name, body string) (args func() []string) {
	t.Helper()
	record := filepath.Join(bin, name+".args")
	script := "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + record + "'\n" + body + "\n"
	if err := os.WriteFile(filepath.Join(bin, name), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return func() []string {
		raw, err := os.ReadFile(record)
		if err != nil {
			t.Fatalf("%s was not started: %v", name, err)
		}
		return strings.Split(strings.TrimSuffix(string(raw), "\n"), "\n")
	}
}
