package device

import (
	"fmt"
	"strconv"

	"unstuck/assets"
)

// UnsteadyDrops is how many drops within the last minute make the
// connection the headline: change the cable first
// (assets/data/connection.tsv has the reasoning and the sources).
var UnsteadyDrops = mustThreshold("connection.tsv", "unsteady_drops_per_minute", "a count", func(v int) bool { return v > 0 })

// mustThreshold reads a number from one of the embedded name/value/source
// tables; the tables are tested, so a broken one stops the program at start.
func mustThreshold(table, name, what string, valid func(int) bool) int {
	raw, err := assets.Data(table)
	if err != nil {
		panic(err)
	}
	rows, err := assets.ParseTable(table, raw, 3)
	if err != nil {
		panic(err)
	}
	for _, r := range rows {
		if r.Fields[0] == name {
			v, err := strconv.Atoi(r.Fields[1])
			if err != nil || !valid(v) {
				panic(fmt.Sprintf("%s line %d: %q is not %s", table, r.Line, r.Fields[1], what))
			}
			return v
		}
	}
	panic(table + " has no " + name)
}

// Unsteady says the phone dropped off and came back often enough in the
// last minute that the cable or port, not the phone, is the first problem.
func (s Stability) Unsteady() bool { return s.Flaps >= UnsteadyDrops }
