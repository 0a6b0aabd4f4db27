package muxsim

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A second simulator on a socket that one serves is refused, and the
// first one's clients keep their phones.
func TestNewRefusesASocketThatAnswers(t *testing.T) {
	if !UnixSocketsWork() {
		t.Skip("this system has no unix sockets (Windows before 10 1803, Wine 8): the simulator serves loopback TCP instead")
	}
	first := builtinSim(t, "normal")
	second, err := New(first.Path(), Scenario{Name: "second"})
	if err == nil {
		second.Close()
		t.Fatal("a second simulator took over the socket")
	}
	if !strings.Contains(err.Error(), "already serving") || !strings.Contains(err.Error(), first.Path()) {
		t.Errorf("error %q", err)
	}
	if n := len(listDevices(t, first)); n != 1 {
		t.Errorf("the first simulator lists %d phones after the refusal", n)
	}
}

// A socket file nobody listens on (a simulator that crashed) is replaced.
func TestNewReplacesAStaleSocket(t *testing.T) {
	if !UnixSocketsWork() {
		t.Skip("this system has no unix sockets (Windows before 10 1803, Wine 8): the simulator serves loopback TCP instead")
	}
	dir, _ := os.MkdirTemp("", "mx")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "s.sock")
	ln, err := net.ListenUnix("unix", &net.UnixAddr{Name: path, Net: "unix"})
	if err != nil {
		t.Fatal(err)
	}
	ln.SetUnlinkOnClose(false)
	ln.Close()
	s, err := New(path, Scenario{Name: "after a crash"})
	if err != nil {
		t.Fatalf("stale socket: %v", err)
	}
	s.Close()
}

// Close removes the socket file only while it is still the simulator's:
// one that another server put on the path stays.
func TestCloseLeavesASocketThatIsNoLongerOurs(t *testing.T) {
	if !UnixSocketsWork() {
		t.Skip("this system has no unix sockets (Windows before 10 1803, Wine 8): the simulator serves loopback TCP instead")
	}
	first := builtinSim(t, "normal")
	if err := os.Remove(first.Path()); err != nil {
		t.Fatal(err)
	}
	second, err := New(first.Path(), Scenario{Name: "second"})
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close()
	if err := second.Start(); err != nil {
		t.Fatal(err)
	}
	first.Close()
	if _, err := os.Lstat(second.Path()); err != nil {
		t.Fatalf("closing the first simulator removed the second's socket: %v", err)
	}
	if n := len(listDevices(t, second)); n != 0 {
		t.Errorf("second simulator lists %d", n)
	}
}
