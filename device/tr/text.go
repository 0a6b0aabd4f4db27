package tr

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Text is a sentence kept as its message: the ID and its values, said in
// whichever language reads it. Device packages hand Texts up; the app and
// the CLI say them in the person's language (String), the report's page
// in the reader's (In), and JSON for support staff in English
// (MarshalJSON). A Text is comparable with ==, so views can tell whether
// what they show changed.
//
// A value may itself be a Text (said in the same language), a number
// (formatted for the language) or anything else (fmt.Sprint, as is).
type Text struct {
	id     string
	args   string // encodeArgs' pairs
	raw    string // a text not in the catalogue: a name, the system's words
	plural bool   // args holds Count, which picks the plural form
}

// Msg is message id with its template's values: pairs of a name and a
// value, Msg("card.departed", "Name", "iPhone X").
func Msg(id string, kv ...any) Text { return Text{id: id, args: encodeArgs(kv)} }

// Plural is the plural message id for count, which the template has as
// {{.Count}}, beside kv's names.
func Plural(id string, count int, kv ...any) Text {
	return Text{id: id, args: encodeArgs(append([]any{"Count", count}, kv...)), plural: true}
}

// Raw is a text that is no message: a phone's name, a path, the system's
// own error text. It reads the same in every language.
func Raw(s string) Text { return Text{raw: s} }

// Rawf is Raw of fmt.Sprintf: for what is no sentence (a version, a
// count with its unit symbol) and reads the same in every language.
func Rawf(format string, a ...any) Text { return Raw(fmt.Sprintf(format, a...)) }

// IsZero reports whether t is the empty text.
func (t Text) IsZero() bool { return t == Text{} }

// ID is the message's ID, "" for a Raw text.
func (t Text) ID() string { return t.id }

// String is t in the current language.
func (t Text) String() string { return t.In(Current()) }

// In is t in the language tag.
func (t Text) In(tag string) string {
	if t.id == "" {
		return t.raw
	}
	kv := decodeArgs(tag, t.args)
	if t.plural {
		count := 0
		if n, ok := argInt(t.args, "Count"); ok {
			count = n
		}
		return localize(tag, t.id, &count, kv)
	}
	return localize(tag, t.id, nil, kv)
}

// MarshalJSON writes t in English: JSON is for support staff and scripts,
// and reads the same whatever the person's language.
func (t Text) MarshalJSON() ([]byte, error) { return json.Marshal(t.In(English)) }

// UnmarshalJSON reads a JSON string as a Raw text.
func (t *Text) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	*t = Raw(s)
	return nil
}

// Both is two sentences as the language joins them ("A. B", "A。B"); an
// empty one is left out.
func Both(first, second Text) Text {
	switch {
	case second.IsZero():
		return first
	case first.IsZero():
		return second
	}
	return Msg("sentences.two", "First", first, "Second", second)
}

// Strings is each text in the current language.
func Strings(ts []Text) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.String()
	}
	return out
}

// The encoding of a Text's values: for each pair the name, '=', a kind
// letter and the value quoted by strconv.Quote, pairs separated by ' '.
// Kinds: s a string as is, n an integer and f a decimal (formatted per
// language), t a nested Text (its id, args, raw and plural quoted in turn).
func encodeArgs(kv []any) string {
	var b strings.Builder
	for i := 0; i+1 < len(kv); i += 2 {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(fmt.Sprint(kv[i]))
		b.WriteByte('=')
		switch v := kv[i+1].(type) {
		case Text:
			b.WriteByte('t')
			b.WriteString(strconv.Quote(encodeText(v)))
		case int:
			b.WriteByte('n')
			b.WriteString(strconv.Quote(strconv.Itoa(v)))
		case int64:
			b.WriteByte('n')
			b.WriteString(strconv.Quote(strconv.FormatInt(v, 10)))
		case float64:
			b.WriteByte('f')
			b.WriteString(strconv.Quote(strconv.FormatFloat(v, 'g', -1, 64)))
		default:
			b.WriteByte('s')
			b.WriteString(strconv.Quote(fmt.Sprint(v)))
		}
	}
	return b.String()
}

func encodeText(t Text) string {
	p := "0"
	if t.plural {
		p = "1"
	}
	return strconv.Quote(t.id) + strconv.Quote(t.args) + strconv.Quote(t.raw) + p
}

func decodeText(s string) Text {
	var t Text
	var ok bool
	if t.id, s, ok = unquote(s); !ok {
		return Raw("")
	}
	if t.args, s, ok = unquote(s); !ok {
		return Raw("")
	}
	if t.raw, s, ok = unquote(s); !ok {
		return Raw("")
	}
	t.plural = s == "1"
	return t
}

func unquote(s string) (value, rest string, ok bool) {
	q, err := strconv.QuotedPrefix(s)
	if err != nil {
		return "", s, false
	}
	v, err := strconv.Unquote(q)
	return v, s[len(q):], err == nil
}

// eachArg calls f with each encoded pair's name, kind and value.
func eachArg(args string, f func(name string, kind byte, value string)) {
	for args != "" {
		name, rest, ok := strings.Cut(args, "=")
		if !ok || rest == "" {
			return
		}
		kind := rest[0]
		value, rest, ok := unquote(rest[1:])
		if !ok {
			return
		}
		f(name, kind, value)
		args = strings.TrimPrefix(rest, " ")
	}
}

// decodeArgs is the pairs as localize takes them, every value said in tag.
func decodeArgs(tag, args string) []any {
	var kv []any
	eachArg(args, func(name string, kind byte, value string) {
		switch kind {
		case 't':
			kv = append(kv, name, decodeText(value).In(tag))
		case 'n':
			n, _ := strconv.ParseInt(value, 10, 64)
			kv = append(kv, name, NumberIn(tag, n))
		case 'f':
			f, _ := strconv.ParseFloat(value, 64)
			kv = append(kv, name, DecimalIn(tag, f))
		default:
			kv = append(kv, name, value)
		}
	})
	return kv
}

// argInt is the integer value named name.
func argInt(args, name string) (int, bool) {
	n, found := 0, false
	eachArg(args, func(k string, kind byte, value string) {
		if k == name && kind == 'n' {
			v, err := strconv.Atoi(value)
			n, found = v, err == nil
		}
	})
	return n, found
}
