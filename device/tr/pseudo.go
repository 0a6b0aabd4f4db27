package tr

import "strings"

// Unbracketed is s without its [bracketed] spans, nested ones included:
// of a text said in Pseudo, what did not come from the catalogue. The
// pseudo-language tests look for words left in it.
func Unbracketed(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '[':
			depth++
		case r == ']' && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}
