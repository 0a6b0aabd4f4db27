// Package plisttest builds hostile property lists for tests and fuzz seeds:
// documents that are small on the wire but deep or huge once decoded.
package plisttest

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"time"
)

// XMLHeader is what every XML property list Apple writes starts with.
const XMLHeader = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
`

// DeepArrays is an XML property list of depth nested <array> elements:
// 15 bytes per level, so a million levels are about 15 MB.
func DeepArrays(depth int) []byte {
	var b bytes.Buffer
	b.Grow(len(XMLHeader) + 15*depth + 16)
	b.WriteString(XMLHeader)
	nest(&b, depth)
	b.WriteString("</plist>\n")
	return b.Bytes()
}

// nest writes depth nested <array> elements.
func nest(b *bytes.Buffer, depth int) {
	for range depth {
		b.WriteString("<array>")
	}
	for range depth {
		b.WriteString("</array>")
	}
}

// DeepDictValue is a lockdown GetValue reply whose Value is depth nested
// <array> elements: what a hostile phone could answer.
func DeepDictValue(depth int) []byte {
	var b bytes.Buffer
	b.Grow(len(XMLHeader) + 15*depth + 128)
	b.WriteString(XMLHeader)
	b.WriteString("<dict><key>Request</key><string>GetValue</string><key>Value</key>")
	nest(&b, depth)
	b.WriteString("</dict></plist>\n")
	return b.Bytes()
}

// Binary assembles a binary property list (bplist00) from encoded objects;
// object 0 is the top object. Offsets and object references take 4 bytes.
func Binary(objects ...[]byte) []byte {
	b := []byte("bplist00")
	offsets := make([]uint32, len(objects))
	for i, o := range objects {
		offsets[i] = uint32(len(b))
		b = append(b, o...)
	}
	table := len(b)
	for _, off := range offsets {
		b = binary.BigEndian.AppendUint32(b, off)
	}
	var trailer [32]byte
	trailer[6], trailer[7] = 4, 4 // offset size, reference size
	binary.BigEndian.PutUint64(trailer[8:], uint64(len(objects)))
	binary.BigEndian.PutUint64(trailer[16:], 0)
	binary.BigEndian.PutUint64(trailer[24:], uint64(table))
	return append(b, trailer[:]...)
}

// BinaryArray encodes an array object of references (4 bytes each).
func BinaryArray(refs ...uint32) []byte {
	var o []byte
	if len(refs) < 15 {
		o = []byte{0xA0 | byte(len(refs))}
	} else {
		o = []byte{0xAF, 0x12} // count as a 4-byte integer
		o = binary.BigEndian.AppendUint32(o, uint32(len(refs)))
	}
	for _, r := range refs {
		o = binary.BigEndian.AppendUint32(o, r)
	}
	return o
}

// BinaryString encodes a short ASCII string object (under 15 bytes).
func BinaryString(s string) []byte {
	return append([]byte{0x50 | byte(len(s))}, s...)
}

// DeepBinary is a binary property list of depth arrays, each holding the next.
func DeepBinary(depth int) []byte {
	objs := make([][]byte, depth)
	for i := range depth - 1 {
		objs[i] = BinaryArray(uint32(i + 1))
	}
	objs[depth-1] = BinaryArray()
	return Binary(objs...)
}

// BinaryBomb is a binary property list of levels arrays, each holding the
// next one width times: a few hundred bytes that decode to width^levels
// values, because decoding copies every shared object.
func BinaryBomb(levels, width int) []byte {
	objs := make([][]byte, levels+1)
	for i := range levels {
		refs := make([]uint32, width)
		for j := range refs {
			refs[j] = uint32(i + 1)
		}
		objs[i] = BinaryArray(refs...)
	}
	objs[levels] = BinaryString("boom")
	return Binary(objs...)
}

// MaxExpand caps what Expand builds: past go-ios's 16 MiB frame limit and
// the size of a large backup Info.plist (21 MB), small enough to keep a
// fuzz run's executions (and the minimizing of large inputs) fast.
const MaxExpand = 22 << 20

// Expand is prefix, then unit repeated repeat times, then suffix, with the
// repetitions cut to stay within MaxExpand. Fuzz targets take their input
// in this shape so that the fuzzer reaches documents of several megabytes,
// which it rarely grows byte by byte.
func Expand(prefix, unit []byte, repeat uint32, suffix []byte) []byte {
	n := uint64(repeat)
	if len(unit) == 0 {
		n = 0
	} else if room := uint64(MaxExpand) / uint64(len(unit)); n > room {
		n = room
	}
	b := make([]byte, 0, len(prefix)+int(n)*len(unit)+len(suffix))
	b = append(b, prefix...)
	for range n {
		b = append(b, unit...)
	}
	return append(b, suffix...)
}

// DeepSeed is Expand's arguments for a document of about 7 MB nested a
// million levels deep (in the unit, the opening tags; the end tags are left
// out, as a truncated reply would).
func DeepSeed() (prefix, unit []byte, repeat uint32, suffix []byte) {
	return []byte(XMLHeader), []byte("<array><array><array><array><array><array><array><array>"), 125_000, []byte("</plist>")
}

// HangLimit is how long one fuzz input may take before Watchdog calls it a
// hang: far above any real parse (the largest seeds take well under a
// second alone), so a race-detector build on a loaded machine never trips
// it, while a parser that loops still fails the run.
const HangLimit = time.Minute

// Watchdog crashes the process, naming the input, when the returned stop
// is not called within limit: a fuzz target's check that no input hangs
// its parser (a hung execution would otherwise only stall the fuzzer).
func Watchdog(limit time.Duration, input []byte) (stop func() bool) {
	t := time.AfterFunc(limit, func() {
		panic(fmt.Sprintf("no answer in %v for a %d-byte input starting %q", limit, len(input), input[:min(200, len(input))]))
	})
	return t.Stop
}
