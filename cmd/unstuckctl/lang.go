package main

import (
	"strings"

	"unstuck/device/tr"
)

// takeLang takes --lang LANG (or --lang=LANG, -lang) out of a command's
// arguments, wherever it is, and makes the language picked from it (else
// LC_ALL, LC_MESSAGES, LANG, else the system's) the one tr speaks. JSON
// is not translated: its keys and values stay as they are.
func takeLang(args []string) ([]string, error) {
	var rest []string
	choice := ""
	for i := 0; i < len(args); i++ {
		a := args[i]
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || name != "lang" {
			rest = append(rest, a)
			continue
		}
		if !hasValue {
			if i+1 >= len(args) {
				tr.Use(tr.Pick("")) // the mistake is said in the environment's language
				return nil, usageError(tr.T("cli.lang.needs"))
			}
			i++
			value = args[i]
		}
		if tr.Match(value) == "" {
			tr.Use(tr.Pick(""))
			return nil, usageError(tr.T("cli.lang.unknown", "Lang", value, "Languages", spoken()))
		}
		choice = value
	}
	tr.Use(tr.Pick(choice))
	return rest, nil
}

// spoken lists the languages' tags: "en, de, es, ...".
func spoken() string {
	var tags []string
	for _, l := range tr.Languages() {
		tags = append(tags, l.Tag)
	}
	return strings.Join(tags, ", ")
}

// labelWidth is the width the status lines pad their labels to, in the
// columns of a terminal: a CJK character takes two.
const labelWidth = 14

// padLabel is "Mode:" padded with spaces to labelWidth columns.
func padLabel(label string) string { return padTo(label, labelWidth) }

// padTo is "Mode:" padded with spaces to width columns, one at least.
func padTo(label string, width int) string {
	label += ":"
	w := 0
	for _, r := range label {
		w++
		if wide(r) {
			w++
		}
	}
	return label + strings.Repeat(" ", max(1, width-w))
}

// wide reports whether a terminal gives r two columns: the CJK blocks,
// Hangul, full-width forms.
func wide(r rune) bool {
	return r >= 0x1100 && r <= 0x115f || r >= 0x2e80 && r <= 0xa4cf || r >= 0xac00 && r <= 0xd7a3 ||
		r >= 0xf900 && r <= 0xfaff || r >= 0xfe30 && r <= 0xfe4f || r >= 0xff00 && r <= 0xff60 || r >= 0xffe0 && r <= 0xffe6
}
