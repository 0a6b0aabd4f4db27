package awake

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
)

// startBus runs a private dbus-daemon for the test and returns its address.
func startBus(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("dbus-daemon"); err != nil {
		t.Skip("dbus-daemon is not installed (apt-get install dbus-daemon)")
	}
	dir := t.TempDir()
	conf := filepath.Join(dir, "bus.conf")
	err := os.WriteFile(conf, []byte(`<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>custom</type>
  <listen>unix:path=`+filepath.Join(dir, "bus")+`</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <allow own="*"/>
    <allow send_destination="*"/>
    <allow receive_sender="*"/>
  </policy>
</busconfig>
`), 0o600)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("dbus-daemon", "--config-file="+conf, "--nofork", "--print-address=1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	addr := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(out).ReadString('\n')
		addr <- strings.TrimSpace(line)
		_, _ = io.Copy(io.Discard, out)
	}()
	select {
	case a := <-addr:
		if a == "" {
			t.Fatalf("dbus-daemon printed no address: %s", stderr.String())
		}
		return a
	case <-time.After(10 * time.Second):
		t.Fatalf("dbus-daemon did not start: %s", stderr.String())
	}
	return ""
}

// fakeLogind is a stand-in for logind's Manager on a private bus. Each lock
// is a real pipe: the client gets the write end, the fake watches the read
// end for EOF, as logind does with its FIFOs.
type fakeLogind struct {
	t      *testing.T
	conn   *dbus.Conn
	lookup *dbus.Conn // a second connection, to ask the bus about callers

	mu     sync.Mutex
	locks  []*fakeLock
	refuse *dbus.Error   // when set, Inhibit answers with it
	delay  time.Duration // Inhibit answers this late
}

type fakeLock struct {
	What, Who, Why, Mode string
	PID                  uint32
	held                 chan struct{} // the client's process holds the write end
	released             chan struct{} // EOF on the read end
	r                    *os.File
	dropped              bool
}

func startFakeLogind(t *testing.T, addr string) *fakeLogind {
	t.Helper()
	conn, err := dbus.Connect(addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	lookup, err := dbus.Connect(addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lookup.Close() })
	f := &fakeLogind{t: t, conn: conn, lookup: lookup}
	if err := conn.Export(logindObject{f}, logindPath, logindInterface); err != nil {
		t.Fatal(err)
	}
	reply, err := conn.RequestName(logindName, dbus.NameFlagDoNotQueue)
	if err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("cannot own %s: %v %v", logindName, reply, err)
	}
	t.Cleanup(f.closeAll)
	return f
}

// logindObject carries only the methods exported on the bus.
type logindObject struct{ f *fakeLogind }

func (o logindObject) Inhibit(sender dbus.Sender, what, who, why, mode string) (dbus.UnixFD, *dbus.Error) {
	return o.f.inhibit(sender, what, who, why, mode)
}

func (o logindObject) ListInhibitors() ([]struct {
	What, Who, Why, Mode string
	UID, PID             uint32
}, *dbus.Error) {
	var out []struct {
		What, Who, Why, Mode string
		UID, PID             uint32
	}
	for _, l := range o.f.active() {
		out = append(out, struct {
			What, Who, Why, Mode string
			UID, PID             uint32
		}{l.What, l.Who, l.Why, l.Mode, uint32(os.Getuid()), l.PID})
	}
	return out, nil
}

func (f *fakeLogind) inhibit(sender dbus.Sender, what, who, why, mode string) (dbus.UnixFD, *dbus.Error) {
	// Ask for the caller's pid now: it may hang up as soon as it has the answer.
	var pid uint32
	if err := f.lookup.BusObject().Call("org.freedesktop.DBus.GetConnectionUnixProcessID", 0, string(sender)).Store(&pid); err != nil {
		return -1, dbus.MakeFailedError(err)
	}
	f.mu.Lock()
	delay := f.delay
	f.mu.Unlock()
	time.Sleep(delay)
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.refuse != nil {
		return -1, f.refuse
	}
	r, w, err := os.Pipe()
	if err != nil {
		return -1, dbus.MakeFailedError(err)
	}
	l := &fakeLock{What: what, Who: who, Why: why, Mode: mode, r: r, held: make(chan struct{}), released: make(chan struct{})}
	f.locks = append(f.locks, l)
	go f.follow(l, pid, w)
	return dbus.UnixFD(w.Fd()), nil
}

// follow waits until the caller's process holds the write end, closes the
// fake's own copy, then waits for EOF: the caller let the lock go.
func (f *fakeLogind) follow(l *fakeLock, pid uint32, w *os.File) {
	var st syscall.Stat_t
	if err := syscall.Fstat(int(w.Fd()), &st); err != nil {
		f.t.Errorf("fake logind: %v", err)
	}
	target := fmt.Sprintf("pipe:[%d]", st.Ino)
	own := 0
	if int(pid) == os.Getpid() {
		own = 2 // the fake's own two ends
	}
	deadline := time.Now().Add(3 * time.Second)
	for countFDs(int(pid), target) <= own && time.Now().Before(deadline) {
		time.Sleep(2 * time.Millisecond)
	}
	f.mu.Lock()
	l.PID = pid
	f.mu.Unlock()
	w.Close()
	close(l.held)
	buf := make([]byte, 64)
	for {
		if _, err := l.r.Read(buf); err != nil {
			break
		}
	}
	close(l.released)
}

// countFDs counts the descriptors of process pid that point at target.
func countFDs(pid int, target string) int {
	dir := fmt.Sprintf("/proc/%d/fd", pid)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0
	}
	n := 0
	for _, e := range entries {
		if link, err := os.Readlink(filepath.Join(dir, e.Name())); err == nil && link == target {
			n++
		}
	}
	return n
}

// active lists the locks still held and not dropped.
func (f *fakeLogind) active() []fakeLock {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []fakeLock
	for _, l := range f.locks {
		select {
		case <-l.released:
			continue
		default:
		}
		if !l.dropped {
			out = append(out, fakeLock{What: l.What, Who: l.Who, Why: l.Why, Mode: l.Mode, PID: l.PID})
		}
	}
	return out
}

// count is how many locks were ever asked for.
func (f *fakeLogind) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.locks)
}

func (f *fakeLogind) lock(i int) *fakeLock {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.locks[i]
}

// waitLocks waits until n locks were asked for.
func (f *fakeLogind) waitLocks(n int) {
	f.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for f.count() < n {
		if time.Now().After(deadline) {
			f.t.Fatalf("fake logind: %d locks asked for, want %d", f.count(), n)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// drop closes the read end of lock i, as logind going away would.
func (f *fakeLogind) drop(i int) {
	f.mu.Lock()
	l := f.locks[i]
	l.dropped = true
	f.mu.Unlock()
	l.r.Close()
}

func (f *fakeLogind) closeAll() {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, l := range f.locks {
		l.r.Close()
	}
}

// waitClosed fails the test unless ch closes within d.
func waitClosed(t *testing.T, ch <-chan struct{}, d time.Duration, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(d):
		t.Fatalf("timed out waiting: %s", what)
	}
}

// stillOpen fails the test if ch is closed within d.
func stillOpen(t *testing.T, ch <-chan struct{}, d time.Duration, what string) {
	t.Helper()
	select {
	case <-ch:
		t.Fatalf("closed too early: %s", what)
	case <-time.After(d):
	}
}
