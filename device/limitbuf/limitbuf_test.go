package limitbuf

import (
	"bytes"
	"strings"
	"sync"
	"testing"
)

// Five megabytes written from two goroutines at once (as os/exec copies a
// program's stdout and stderr) leave only the first Max bytes, and no
// write fails, so a flooding program is never stopped by a broken pipe.
func TestKeepsTheFirstBytesOfAFlood(t *testing.T) {
	b := &Buffer{Max: 1000}
	chunk := bytes.Repeat([]byte("x"), 4096)
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 640 {
				if n, err := b.Write(chunk); n != len(chunk) || err != nil {
					t.Errorf("write: %d, %v", n, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	if got := b.String(); len(got) != 1000 || strings.Trim(got, "x") != "" {
		t.Errorf("kept %d bytes", len(got))
	}
	small := &Buffer{Max: 100}
	small.Write([]byte("done\n"))
	if small.String() != "done\n" {
		t.Errorf("a short write: %q", small.String())
	}
}
