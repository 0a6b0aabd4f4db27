package cue

import (
	"bytes"
	"encoding/binary"
)

// WAV encodes a cue as a RIFF WAVE file: PCM, 16-bit, mono, SampleRate.
func WAV(c Cue) []byte {
	s := Samples(c)
	data := 2 * len(s)
	var b bytes.Buffer
	b.Grow(44 + data)
	w := func(v any) { _ = binary.Write(&b, binary.LittleEndian, v) }
	b.WriteString("RIFF")
	w(uint32(36 + data))
	b.WriteString("WAVE")
	b.WriteString("fmt ")
	w(uint32(16))             // fmt chunk size
	w(uint16(1))              // PCM
	w(uint16(1))              // mono
	w(uint32(SampleRate))     // sample rate
	w(uint32(SampleRate * 2)) // byte rate
	w(uint16(2))              // block align
	w(uint16(16))             // bits per sample
	b.WriteString("data")
	w(uint32(data))
	w(s)
	return b.Bytes()
}
