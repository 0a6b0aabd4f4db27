package tr

import (
	"strconv"
	"strings"
)

// Map is t with f applied to every text in it that is no message: a Raw
// text's words and each string value, in nested Texts too. Message IDs
// and numbers stay as they are. The report redacts identifiers with it.
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
		b.WriteString(name + "=" + string(kind) + strconv.Quote(value))
	})
	t.args = b.String()
	return t
}
