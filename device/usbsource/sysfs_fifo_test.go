//go:build unix

package usbsource

import (
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// A named pipe where a sysfs attribute should be is skipped at once: the
// reader does not wait for a writer that never comes.
func TestReadSysfsSkipsANamedPipe(t *testing.T) {
	root := t.TempDir()
	writeDev(t, root, "1-2", map[string]string{"idVendor": "05ac\n", "idProduct": "1227\n", "busnum": "1\n", "devnum": "5\n"})
	if err := syscall.Mkfifo(filepath.Join(root, "bus", "usb", "devices", "1-2", "serial"), 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan int, 1)
	go func() {
		devs, _ := readSysfs(root)
		done <- len(devs)
	}()
	select {
	case n := <-done:
		if n != 1 {
			t.Errorf("%d devices, want the phone without its serial", n)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("reading sysfs blocked on a named pipe")
	}
}
