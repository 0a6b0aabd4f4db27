// Package version names the build of Unstuck that is running, the same way
// in the app, the command line and the diagnostic report. It is the module
// version Go stamps into the binary from the VCS: v1.2.3 at a tag, a
// pseudo-version with the commit otherwise (v0.0.0-20261201110856-c0df870a1b2c),
// with +dirty when the tree had uncommitted changes. A build without VCS
// stamping (-buildvcs=false, go run, go test) says "devel".
package version

import (
	"runtime/debug"
	"strings"
)

// Devel is the version of a build that carries no VCS information.
const Devel = "devel"

// String is the version of the running program.
func String() string {
	return FromBuildInfo(debug.ReadBuildInfo())
}

// FromBuildInfo is the version that bi names: the main module's version
// when Go stamped one, otherwise "devel", with the commit when the build
// recorded one.
func FromBuildInfo(bi *debug.BuildInfo, ok bool) string {
	if !ok || bi == nil {
		return Devel
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, dirty string
	for _, s := range bi.Settings {
		switch {
		case s.Key == "vcs.revision":
			rev = s.Value
		case s.Key == "vcs.modified" && s.Value == "true":
			dirty = "+dirty"
		}
	}
	if rev == "" {
		return Devel
	}
	return Devel + "-" + rev[:min(len(rev), 12)] + dirty
}

// Numeric is the X.Y.Z part of v, for the places that accept only numbers
// (macOS's CFBundleShortVersionString, Fyne's metadata): "1.2.3" for
// v1.2.3, v1.2.3-rc.1 and a pseudo-version based on it; "0.0.0" for a build
// without a version.
func Numeric(v string) string {
	v, ok := strings.CutPrefix(v, "v")
	if !ok {
		return "0.0.0"
	}
	if i := strings.IndexAny(v, "-+"); i >= 0 {
		v = v[:i]
	}
	parts := strings.Split(v, ".")
	if len(parts) != 3 {
		return "0.0.0"
	}
	for _, p := range parts {
		if p == "" || strings.Trim(p, "0123456789") != "" {
			return "0.0.0"
		}
	}
	return v
}
