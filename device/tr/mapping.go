package tr

import (
	"strconv"
	"strings"
)

// Map is t with f applied to every text that is no message's own words: a
// Raw text and every string value (nested Texts too); numbers and the
// message stay. The report's redaction hides identifiers with it in a
// sentence it keeps as a message.
func (t Text) Map(f func(string) string) Text {
	if t.id == "" {
		return Raw(f(t.raw))
	}
	var b strings.Builder
	eachArg(t.args, func(name string, kind byte, value string) {
		switch kind {
		case 's':
			value = f(value)
		case 't':
			value = encodeText(decodeText(value).Map(f))
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(name)
		b.WriteByte('=')
		b.WriteByte(kind)
		b.WriteString(strconv.Quote(value))
	})
	t.args = b.String()
	return t
}
