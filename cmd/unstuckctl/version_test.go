package main

import (
	"context"
	"testing"

	"unstuck/device/version"
)

func TestVersionFlag(t *testing.T) {
	want := "unstuckctl " + version.String() + "\n"
	for _, arg := range []string{"--version", "version"} {
		code, out, errOut := runCLI(t, context.Background(), "", arg)
		if code != 0 || out != want || errOut != "" {
			t.Errorf("%s: exit %d, stdout %q (want %q), stderr %q", arg, code, out, want, errOut)
		}
	}
	if reportAppVersion != version.String() {
		t.Errorf("the report says %q, --version %q", reportAppVersion, version.String())
	}
}
