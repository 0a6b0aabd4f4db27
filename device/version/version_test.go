package version

import (
	"runtime/debug"
	"testing"
)

func TestFromBuildInfo(t *testing.T) {
	rev := "c0df870a1b2c3d4e5f60718293a4b5c6d7e8f901"
	cases := []struct {
		name     string
		main     string
		settings map[string]string
		want     string
	}{
		{"tag", "v1.2.3", map[string]string{"vcs.revision": rev}, "v1.2.3"},
		{"pseudo", "v0.0.0-20261201110856-c0df870a1b2c", nil, "v0.0.0-20261201110856-c0df870a1b2c"},
		{"dirty pseudo", "v0.0.0-20261201110856-c0df870a1b2c+dirty", nil, "v0.0.0-20261201110856-c0df870a1b2c+dirty"},
		{"no stamping", "(devel)", nil, "devel"},
		{"go test", "", nil, "devel"},
		{"commit only", "(devel)", map[string]string{"vcs.revision": rev, "vcs.modified": "false"}, "devel-c0df870a1b2c"},
		{"commit, modified", "(devel)", map[string]string{"vcs.revision": rev, "vcs.modified": "true"}, "devel-c0df870a1b2c+dirty"},
		{"short revision", "(devel)", map[string]string{"vcs.revision": "abc"}, "devel-abc"},
	}
	for _, c := range cases {
		bi := &debug.BuildInfo{Main: debug.Module{Path: "unstuck", Version: c.main}}
		for k, v := range c.settings {
			bi.Settings = append(bi.Settings, debug.BuildSetting{Key: k, Value: v})
		}
		if got := FromBuildInfo(bi, true); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
	if got := FromBuildInfo(nil, false); got != Devel {
		t.Errorf("no build info: got %q", got)
	}
}

func TestNumeric(t *testing.T) {
	for in, want := range map[string]string{
		"v1.2.3":                               "1.2.3",
		"v10.20.30-rc.1":                       "10.20.30",
		"v0.0.0-20261201110856-c0df870a1b2c":   "0.0.0",
		"v1.2.4-0.20261201110856-c0df870a1b2c": "1.2.4",
		"v1.2.3+dirty":                         "1.2.3",
		"devel":                                "0.0.0",
		"devel-c0df870a1b2c":                   "0.0.0",
		"v1.2":                                 "0.0.0",
		"v1.x.3":                               "0.0.0",
		"v1..3":                                "0.0.0",
		"1.2.3":                                "0.0.0",
	} {
		if got := Numeric(in); got != want {
			t.Errorf("Numeric(%q) = %q, want %q", in, got, want)
		}
	}
}
