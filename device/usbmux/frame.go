// Package usbmux is the usbmuxd and lockdownd wire protocol, both sides:
// the 16-byte usbmux frame around an XML plist, the typed usbmuxd requests
// and replies (ListDevices, Listen, Connect, pair records), and lockdownd's
// 4-byte length-prefixed plist messages (QueryType, GetValue, Pair, ...).
//
// Every decoder checks lengths before it allocates and returns an error for
// malformed input; none of them panics. The client (device/muxsource) and the
// simulator (device/muxsim) share these types.
package usbmux

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

const (
	// HeaderSize is the size of the usbmux frame header.
	HeaderSize = 16
	// MaxFrameSize bounds a usbmux frame, header included. Real replies are a
	// few kilobytes; a pair record is the largest at about 10 KiB.
	MaxFrameSize = 1 << 20
	// Version is the usbmux protocol version of plist messages.
	Version = 1
	// TypePlist is the message type of plist messages.
	TypePlist = 8
)

var (
	// ErrFrameTooShort: the header claims fewer bytes than the header itself.
	ErrFrameTooShort = errors.New("usbmux frame shorter than its header")
	// ErrFrameTooLarge: the header claims more than MaxFrameSize bytes.
	ErrFrameTooLarge = errors.New("usbmux frame too large")
	// ErrUnsupported: a frame that is not a version-1 plist message.
	ErrUnsupported = errors.New("unsupported usbmux frame")
)

// Header is the usbmux frame header, little-endian on the wire.
type Header struct {
	Length  uint32 // whole frame, header included
	Version uint32
	Type    uint32
	Tag     uint32 // the client's counter; replies echo it
}

// Frame is one usbmux plist message.
type Frame struct {
	Tag  uint32
	Body []byte // an XML plist
}

// ParseHeader decodes and checks a frame header.
func ParseHeader(b [HeaderSize]byte) (Header, error) {
	h := Header{
		Length:  binary.LittleEndian.Uint32(b[0:]),
		Version: binary.LittleEndian.Uint32(b[4:]),
		Type:    binary.LittleEndian.Uint32(b[8:]),
		Tag:     binary.LittleEndian.Uint32(b[12:]),
	}
	switch {
	case h.Length < HeaderSize:
		return h, fmt.Errorf("%w: length %d", ErrFrameTooShort, h.Length)
	case h.Length > MaxFrameSize:
		return h, fmt.Errorf("%w: length %d, limit %d", ErrFrameTooLarge, h.Length, MaxFrameSize)
	case h.Version != Version || h.Type != TypePlist:
		return h, fmt.Errorf("%w: version %d, type %d", ErrUnsupported, h.Version, h.Type)
	}
	return h, nil
}

// ReadFrame reads one frame. The body is allocated only after the header's
// length has been checked.
func ReadFrame(r io.Reader) (Frame, error) {
	var hb [HeaderSize]byte
	if _, err := io.ReadFull(r, hb[:]); err != nil {
		return Frame{}, fmt.Errorf("read usbmux header: %w", err)
	}
	h, err := ParseHeader(hb)
	if err != nil {
		return Frame{}, err
	}
	body := make([]byte, h.Length-HeaderSize)
	if _, err := io.ReadFull(r, body); err != nil {
		return Frame{}, fmt.Errorf("read usbmux body (%d bytes): %w", len(body), err)
	}
	return Frame{Tag: h.Tag, Body: body}, nil
}

// AppendFrame appends the encoded frame to b.
func AppendFrame(b []byte, tag uint32, body []byte) ([]byte, error) {
	if len(body) > MaxFrameSize-HeaderSize {
		return b, fmt.Errorf("%w: body of %d bytes", ErrFrameTooLarge, len(body))
	}
	b = binary.LittleEndian.AppendUint32(b, uint32(HeaderSize+len(body)))
	b = binary.LittleEndian.AppendUint32(b, Version)
	b = binary.LittleEndian.AppendUint32(b, TypePlist)
	b = binary.LittleEndian.AppendUint32(b, tag)
	return append(b, body...), nil
}

// WriteFrame writes one frame in a single Write call.
func WriteFrame(w io.Writer, tag uint32, body []byte) error {
	b, err := AppendFrame(make([]byte, 0, HeaderSize+len(body)), tag, body)
	if err != nil {
		return err
	}
	if _, err := w.Write(b); err != nil {
		return fmt.Errorf("write usbmux frame: %w", err)
	}
	return nil
}

// WriteMessage encodes v as an XML plist and writes it as one frame.
func WriteMessage(w io.Writer, tag uint32, v any) error {
	body, err := Marshal(v)
	if err != nil {
		return err
	}
	return WriteFrame(w, tag, body)
}
