package muxsim

import (
	"encoding/binary"
	"io"
	"net"
	"time"

	"unstuck/device/usbmux"
)

// rawWriteTimeout bounds the write of a raw reply, which may be megabytes.
const rawWriteTimeout = 10 * time.Second

// RawReply makes the simulator answer every request named request — a
// usbmuxd MessageType (ListDevices, ReadPairRecord, ...) or a lockdownd
// Request (GetValue, QueryType, ...); the two sets of names do not overlap —
// with body exactly as given: framed (usbmux header or lockdown length
// prefix) but neither checked nor capped, up to go-ios's 16 MiB frame limit.
// It stands in for a broken or hostile usbmuxd or phone. A nil body
// restores the normal answer.
func (s *Sim) RawReply(request string, body []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if body == nil {
		delete(s.raw, request)
		return
	}
	if s.raw == nil {
		s.raw = map[string][]byte{}
	}
	s.raw[request] = body
}

// rawReply is the raw answer set for request, or nil.
func (s *Sim) rawReply(request string) []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.raw[request]
}

// sendRawFrame writes body as one usbmux plist frame, without the size
// check of usbmux.AppendFrame.
func sendRawFrame(c net.Conn, tag uint32, body []byte) error {
	var h [usbmux.HeaderSize]byte
	binary.LittleEndian.PutUint32(h[0:], uint32(usbmux.HeaderSize+len(body)))
	binary.LittleEndian.PutUint32(h[4:], usbmux.Version)
	binary.LittleEndian.PutUint32(h[8:], usbmux.TypePlist)
	binary.LittleEndian.PutUint32(h[12:], tag)
	_ = c.SetWriteDeadline(time.Now().Add(rawWriteTimeout))
	_, err := c.Write(append(h[:], body...))
	return err
}

// sendRawLockdown writes body with its lockdown length prefix, without the
// size check of usbmux.WriteLockdown.
func sendRawLockdown(c net.Conn, w io.Writer, body []byte) error {
	b := binary.BigEndian.AppendUint32(make([]byte, 0, 4+len(body)), uint32(len(body)))
	_ = c.SetWriteDeadline(time.Now().Add(rawWriteTimeout))
	_, err := w.Write(append(b, body...))
	return err
}
