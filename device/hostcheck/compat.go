package hostcheck

import (
	"fmt"
	"strconv"
	"strings"
	"sync"

	"unstuck/assets"
)

// compatRow is one line of assets/data/host-compat.tsv: the macOS (and, where
// a source exists, the iTunes) released together with an iOS major version.
type compatRow struct {
	IOSMajor  int
	MacOS     string // "14", "10.15", or "" when unknown
	MacOSName string
	ITunes    string // "" when unknown
	Source    string
}

var compatTable = sync.OnceValues(func() ([]compatRow, error) {
	raw, err := assets.Data("host-compat.tsv")
	if err != nil {
		return nil, err
	}
	return parseCompat(raw)
})

func parseCompat(raw []byte) ([]compatRow, error) {
	rows, err := assets.ParseTable("host-compat", raw, 5)
	if err != nil {
		return nil, err
	}
	out := make([]compatRow, 0, len(rows))
	for _, r := range rows {
		major, err := strconv.Atoi(r.Fields[0])
		if err != nil || major <= 0 {
			return nil, fmt.Errorf("host-compat line %d: iOS major %q is not a number", r.Line, r.Fields[0])
		}
		row := compatRow{IOSMajor: major, MacOS: known(r.Fields[1]), MacOSName: known(r.Fields[2]),
			ITunes: known(r.Fields[3]), Source: strings.TrimSpace(r.Fields[4])}
		if row.MacOS != "" {
			if _, ok := parseVersion(row.MacOS); !ok {
				return nil, fmt.Errorf("host-compat line %d: macOS %q is not a version", r.Line, row.MacOS)
			}
		}
		if row.Source == "" {
			return nil, fmt.Errorf("host-compat line %d: no source", r.Line)
		}
		out = append(out, row)
	}
	return out, nil
}

// macOS is the row's macOS as a name: "14 Sonoma" (names are not translated).
func (r compatRow) macOS() string { return strings.TrimSpace(r.MacOS + " " + r.MacOSName) }

func known(s string) string {
	s = strings.TrimSpace(s)
	if strings.EqualFold(s, "unknown") {
		return ""
	}
	return s
}

// compatFor finds the row for an iOS major version.
func compatFor(iosMajor int) (compatRow, bool) {
	table, err := compatTable()
	if err != nil {
		return compatRow{}, false
	}
	for _, r := range table {
		if r.IOSMajor == iosMajor {
			return r, true
		}
	}
	return compatRow{}, false
}

// parseVersion reads "10.15.7" as [10 15 7]. Anything else is not ok.
func parseVersion(s string) ([]int, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, false
	}
	parts := strings.Split(s, ".")
	out := make([]int, len(parts))
	for i, p := range parts {
		// Atoi alone would take "+14" and "-0".
		if p == "" || strings.ContainsFunc(p, func(r rune) bool { return r < '0' || r > '9' }) {
			return nil, false
		}
		n, err := strconv.Atoi(p)
		if err != nil {
			return nil, false
		}
		out[i] = n
	}
	return out, true
}

// compareVersions orders two parsed versions; missing parts count as 0.
func compareVersions(a, b []int) int {
	for i := 0; i < len(a) || i < len(b); i++ {
		var x, y int
		if i < len(a) {
			x = a[i]
		}
		if i < len(b) {
			y = b[i]
		}
		if x != y {
			if x < y {
				return -1
			}
			return 1
		}
	}
	return 0
}

// iosMajor reads the major release from "18.2.1"; 0 when it cannot.
func iosMajor(v string) int {
	parts, ok := parseVersion(v)
	if !ok || parts[0] == 0 {
		return 0
	}
	return parts[0]
}
