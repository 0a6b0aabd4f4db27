package assets

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
)

// Row is one data row of a table, with its line number for error messages.
type Row struct {
	Line   int
	Fields []string
}

// ParseTable reads the data tables' format: tab-separated fields, '#'
// comment lines (where the sources are named), one header row, and every
// row with exactly the header's number of fields.
func ParseTable(name string, raw []byte, fields int) ([]Row, error) {
	var rows []Row
	sc := bufio.NewScanner(bytes.NewReader(raw))
	header := false
	for n := 1; sc.Scan(); n++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		f := strings.Split(text, "\t")
		if len(f) != fields {
			return nil, fmt.Errorf("%s line %d: %d fields, want %d", name, n, len(f), fields)
		}
		if !header {
			header = true
			continue
		}
		rows = append(rows, Row{Line: n, Fields: f})
	}
	return rows, sc.Err()
}
