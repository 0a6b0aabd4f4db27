package backup

import (
	"fmt"
	"path"
	"strings"

	"unstuck/assets"
)

type location struct{ goos, env, fallback, path string }

var locations = mustParseLocations()

// mustParseLocations reads assets/data/backup-locations.tsv.
func mustParseLocations() []location {
	raw, err := assets.Data("backup-locations.tsv")
	if err != nil {
		panic(fmt.Sprintf("backup: embedded table: %v", err))
	}
	rows, err := assets.ParseTable("backup-locations.tsv", raw, 4)
	if err != nil {
		panic(fmt.Sprintf("backup: embedded table: %v", err)) // the embedded file is tested
	}
	out := make([]location, len(rows))
	for i, r := range rows {
		out[i] = location{goos: r.Fields[0], env: r.Fields[1], fallback: r.Fields[2], path: r.Fields[3]}
	}
	return out
}

// Locations returns the folders where Apple's software keeps backups on the
// given operating system (runtime.GOOS values), for a user with the given
// home folder and environment. It only computes paths; it does not look at
// the disk. Linux and other systems have none.
func Locations(goos, home string, getenv func(string) string) []string {
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	var out []string
	for _, l := range locations {
		if l.goos != goos {
			continue
		}
		base := ""
		if l.env != "-" {
			base = strings.TrimSpace(getenv(l.env))
		}
		if base == "" {
			if home == "" {
				continue
			}
			base = joinFor(goos, home, l.fallback)
		}
		out = append(out, joinFor(goos, base, l.path))
	}
	return out
}

// joinFor joins a base folder and a '/'-separated relative path with the
// separator of goos, so Windows paths come out right on any build machine.
func joinFor(goos, base, rel string) string {
	if goos != "windows" {
		return path.Join(base, rel)
	}
	base = strings.TrimRight(base, `\/`)
	if rel == "." || rel == "" {
		return base
	}
	return base + `\` + strings.ReplaceAll(rel, "/", `\`)
}
