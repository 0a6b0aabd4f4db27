//go:build unix

package single

import (
	"errors"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// A named pipe where the endpoint file belongs makes a second copy give up
// in its usual time (and open as if alone), never hang on the read.
func TestEndpointThatIsAPipeDoesNotHang(t *testing.T) {
	dir := t.TempDir()
	start(t, dir, "unstuck")
	endpoint := filepath.Join(dir, "unstuck.endpoint")
	if err := syscall.Unlink(endpoint); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(endpoint, 0o600); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := Start(dir, "unstuck")
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, ErrNoAnswer) {
			t.Errorf("second copy: %v, want ErrNoAnswer", err)
		}
	case <-time.After(askFor + 5*time.Second):
		t.Fatal("the second copy hung on the named pipe")
	}
}
