// Package safeplist decodes property lists from sources Unstuck does not
// control (usbmuxd, a phone's lockdownd, backup folders, the host's own
// plists) without letting them crash or exhaust the process.
//
// howett.net/plist, the decoder underneath, recurses once per nesting
// level: a million nested <array> elements (15 MB) overflow the goroutine
// stack, a fatal error that no recover() catches. Its binary parser shares
// objects by reference, so a few hundred bytes of arrays that refer to each
// other expand to billions of Go values when unmarshalled. Decode therefore
// first runs a cheap, non-recursive pre-scan that measures the document's
// size, depth and (expanded) number of values, and hands it to howett only
// when all three are within Limits. A recover() remains for howett's panics.
//
// Only XML and binary property lists are accepted; the text (OpenStep)
// format, which none of Unstuck's sources send, is refused.
package safeplist

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"howett.net/plist"
)

// Limits bound what Decode accepts. Every field must be positive; a zero
// field refuses everything.
type Limits struct {
	// MaxBytes bounds the input, and also the string and data bytes a
	// binary plist expands to (shared objects are copied once per use).
	MaxBytes int
	// MaxDepth bounds nesting: a scalar is depth 1, an array of scalars 2.
	// In XML every element counts, so the <plist> wrapper adds one.
	MaxDepth int
	// MaxValues bounds the number of values decoded (dictionary keys and,
	// in XML, every element count as one), shared binary objects counted
	// once per use. It bounds the decoder's memory, up to about 530 bytes
	// per value (measured: an empty <array/>) on top of the input.
	MaxValues int
}

var (
	// ErrInvalid marks input that is not a valid XML or binary property list.
	ErrInvalid = errors.New("not a valid property list")
	// ErrLimit marks a property list over one of its Limits.
	ErrLimit = errors.New("property list over its limits")
)

// LimitError says which limit a property list exceeds; it wraps ErrLimit.
type LimitError struct {
	What  string // "size", "depth", "values" or "expanded size"
	Limit int
}

func (e *LimitError) Error() string {
	unit := ""
	if strings.HasSuffix(e.What, "size") {
		unit = " bytes"
	}
	return fmt.Sprintf("%v: %s over %d%s", ErrLimit, e.What, e.Limit, unit)
}

// Unwrap makes errors.Is(err, ErrLimit) true.
func (e *LimitError) Unwrap() error { return ErrLimit }

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, args...))
}

// stats is what the pre-scan measured.
type stats struct {
	depth, values int
}

// Decode decodes an XML or binary property list into v (as
// howett.net/plist's Unmarshal does) once the pre-scan finds it within lim.
// Every error wraps ErrInvalid or ErrLimit; Decode never panics.
func Decode(data []byte, v any, lim Limits) (err error) {
	if _, err := scan(data, lim); err != nil {
		return err
	}
	defer func() {
		if p := recover(); p != nil {
			err = invalid("decoder panicked: %v", p)
		}
	}()
	if _, err := plist.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	return nil
}

// scan measures data without decoding it, refusing it as soon as a limit
// is passed. Its work and memory are linear in the input.
func scan(data []byte, lim Limits) (stats, error) {
	if len(data) > lim.MaxBytes {
		return stats{}, &LimitError{"size", lim.MaxBytes}
	}
	if bytes.HasPrefix(data, []byte("bplist")) {
		return scanBinary(data, lim)
	}
	// XML, after white space. howett falls back to its text parser when
	// the XML parser fails before the first element; on a document that
	// starts with '<' that parser reads one <hex data> value at most.
	if text := bytes.TrimLeft(data, " \t\r\n"); len(text) > 0 && text[0] == '<' {
		return scanXML(data, lim)
	}
	return stats{}, invalid("not an XML or binary property list")
}
