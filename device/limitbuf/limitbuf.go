// Package limitbuf is a buffer that keeps only the first bytes written to
// it: for a child program's output, which Unstuck reads for a path or an
// error message and must not hold without bound however much it writes.
package limitbuf

import (
	"bytes"
	"sync"
)

// Buffer keeps the first Max bytes written to it and drops the rest; a
// write never fails. It is safe for concurrent use (os/exec may copy a
// program's stdout and stderr from two goroutines).
type Buffer struct {
	Max int

	mu  sync.Mutex
	buf bytes.Buffer
}

// Write keeps what fits and says all of p was written.
func (b *Buffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if room := b.Max - b.buf.Len(); room > 0 {
		b.buf.Write(p[:min(room, len(p))])
	}
	return len(p), nil
}

// String is what was kept.
func (b *Buffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
