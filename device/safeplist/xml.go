package safeplist

import "bytes"

// scanXML counts the elements of an XML property list and their deepest
// nesting in one pass with no recursion. It tokenizes as encoding/xml
// (howett's XML parser underneath) does where that matters for nesting:
// comments, CDATA sections, processing instructions and the DOCTYPE are
// skipped, '>' inside quoted attribute values does not end a tag, and a
// tag ending in "/>" opens and closes an element. On input encoding/xml
// rejects the counts may differ, but encoding/xml stops at its first error,
// so howett never nests deeper than the well-formed part counted here.
// Every element counts, whatever its name: only array, dict and plist make
// howett recurse, but no other element is nested in a real property list.
func scanXML(data []byte, lim Limits) (stats, error) {
	var st stats
	depth := 0
	for i := 0; ; {
		j := bytes.IndexByte(data[i:], '<')
		if j < 0 {
			break
		}
		i += j
		rest := data[i:]
		var n int
		var err error
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			n, err = commentEnd(rest)
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			n, err = skipPast(rest, 9, "]]>", "CDATA section")
		case bytes.HasPrefix(rest, []byte("<?")):
			n, err = skipPast(rest, 2, "?>", "processing instruction")
		case bytes.HasPrefix(rest, []byte("<!DOCTYPE")):
			n, err = doctypeEnd(rest)
		case bytes.HasPrefix(rest, []byte("<!")):
			err = invalid("unsupported XML directive at byte %d", i)
		case bytes.HasPrefix(rest, []byte("</")):
			n, err = skipPast(rest, 2, ">", "end tag")
			if depth--; depth < 0 {
				err = invalid("end tag without a start at byte %d", i)
			}
		default:
			var empty bool
			n, empty, err = startTagEnd(rest)
			st.values++
			if depth+1 > st.depth {
				st.depth = depth + 1
			}
			if !empty {
				depth++
			}
		}
		switch {
		case err != nil:
			return st, err
		case st.values > lim.MaxValues:
			return st, &LimitError{"values", lim.MaxValues}
		case st.depth > lim.MaxDepth:
			return st, &LimitError{"depth", lim.MaxDepth}
		}
		i += n
	}
	if st.values == 0 {
		return st, invalid("no XML elements")
	}
	return st, nil
}

// skipPast returns the length of b up to and including the first end at
// or after from.
func skipPast(b []byte, from int, end, what string) (int, error) {
	k := bytes.Index(b[from:], []byte(end))
	if k < 0 {
		return 0, invalid("unterminated %s", what)
	}
	return from + k + len(end), nil
}

// commentEnd: like encoding/xml, a comment ends at its first "--", which
// must be followed by '>'.
func commentEnd(b []byte) (int, error) {
	k := bytes.Index(b[4:], []byte("--"))
	if k < 0 || 4+k+2 >= len(b) || b[4+k+2] != '>' {
		return 0, invalid(`unterminated comment or "--" inside one`)
	}
	return 4 + k + 3, nil
}

// doctypeEnd accepts a DOCTYPE without an internal subset (Apple's plists
// have none): it ends at the first '>' outside quotes, and may hold no '<'
// (encoding/xml counts those as nesting, and skips comments inside).
func doctypeEnd(b []byte) (int, error) {
	k := unquotedGT(b)
	switch {
	case k < 0:
		return 0, invalid("unterminated DOCTYPE")
	case bytes.IndexByte(b[1:k], '<') >= 0:
		return 0, invalid("DOCTYPE with an internal subset")
	}
	return k + 1, nil
}

// startTagEnd returns the length of a start tag and whether it closes
// itself ("/>").
func startTagEnd(b []byte) (n int, empty bool, err error) {
	k := unquotedGT(b)
	if k < 0 {
		return 0, false, invalid("unterminated start tag")
	}
	return k + 1, b[k-1] == '/', nil
}

// unquotedGT is the index of the first '>' of the tag b starts with that
// is outside quotes (attribute values), or -1.
func unquotedGT(b []byte) int {
	var quote byte
	for k := 1; k < len(b); k++ {
		switch c := b[k]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return k
		}
	}
	return -1
}
