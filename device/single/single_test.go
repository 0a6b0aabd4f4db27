package single

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	// the real files and sockets the copies meet
	"bufio"
	"net"
	"os"
	"path/filepath"
)

// start is Start that fails the test unless this is the first copy, and
// closes it at the end.
func start(t *testing.T, dir, name string) *Instance {
	t.Helper()
	in, err := Start(dir, name)
	if err != nil {
		t.Fatalf("first copy: %v", err)
	}
	t.Cleanup(func() { in.Close() })
	return in
}

func shown(t *testing.T, in *Instance) {
	t.Helper()
	select {
	case <-in.Shows():
	case <-time.After(2 * time.Second):
		t.Fatal("the running copy was not asked to show its window")
	}
}

func endpointFields(t *testing.T, dir, name string) []string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(dir, name+".endpoint"))
	if err != nil {
		t.Fatal(err)
	}
	return strings.Fields(string(raw))
}

// A second copy finds the first, which is asked to show itself; once the
// first has closed, the next copy runs. Both endpoints: a unix socket, and
// loopback TCP where the socket's path would be too long.
func TestSecondCopyShowsTheFirst(t *testing.T) {
	long := filepath.Join(t.TempDir(), strings.Repeat("d", maxSocketPath))
	for dir, network := range map[string]string{t.TempDir(): "unix", long: "tcp"} {
		if localNetwork == "tcp" {
			network = "tcp"
		}
		first := start(t, dir, "unstuck")
		if f := endpointFields(t, dir, "unstuck"); f[1] != network {
			t.Errorf("%s: endpoint %q, want %s", dir, f, network)
		}
		if localNetwork == "unix" {
			if fi, _ := os.Stat(filepath.Join(dir, "unstuck.endpoint")); fi.Mode().Perm() != 0o600 {
				t.Errorf("the endpoint file is %v: others could read its token", fi.Mode())
			}
		}
		if _, err := Start(dir, "unstuck"); !errors.Is(err, ErrShown) {
			t.Fatalf("%s: second copy: %v, want ErrShown", network, err)
		}
		shown(t, first)
		if _, err := Start(dir, "unstuck-demo"); err != nil {
			t.Errorf("%s: the demo is a copy of its own, yet: %v", network, err)
		}
		first.Close()
		if _, err := os.Stat(filepath.Join(dir, "unstuck.endpoint")); !os.IsNotExist(err) {
			t.Errorf("%s: the endpoint file stays after Close: %v", network, err)
		}
		start(t, dir, "unstuck")
	}
}

// A crashed copy leaves its endpoint file, its socket and its lock file:
// nobody answers there and the lock is free, so the next copy takes over
// at once, and a copy after it reaches the new one.
func TestStaleEndpointIsTakenOver(t *testing.T) {
	dir := t.TempDir()
	sock := filepath.Join(dir, "unstuck.sock")
	if localNetwork == "unix" {
		ln, err := net.Listen("unix", sock)
		if err != nil {
			t.Fatal(err)
		}
		ln.(*net.UnixListener).SetUnlinkOnClose(false)
		ln.Close() // the socket file stays, as after a crash
	}
	os.WriteFile(filepath.Join(dir, "unstuck.endpoint"), []byte("v1 unix "+sock+" 00ff\n"), 0o600)
	os.WriteFile(filepath.Join(dir, "unstuck.lock"), nil, 0o600)
	began := time.Now()
	in := start(t, dir, "unstuck")
	if d := time.Since(began); d > time.Second {
		t.Errorf("taking over a stale endpoint took %v", d)
	}
	if _, err := Start(dir, "unstuck"); !errors.Is(err, ErrShown) {
		t.Fatalf("a copy after the take-over: %v", err)
	}
	shown(t, in)
}

// Only the token in the user's own file is obeyed; a caller without it is
// refused and nothing is shown. A caller that connects and says nothing
// holds no one up.
func TestWrongTokenIsRefused(t *testing.T) {
	dir := t.TempDir()
	in := start(t, dir, "unstuck")
	f := endpointFields(t, dir, "unstuck")
	silent, err := net.Dial(f[1], f[2])
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()
	for _, line := range []string{"show 0123\n", "show\n", "hide " + f[3] + "\n", strings.Repeat("x", 1000) + "\n"} {
		c, err := net.Dial(f[1], f[2])
		if err != nil {
			t.Fatal(err)
		}
		c.SetDeadline(time.Now().Add(3 * time.Second))
		c.Write([]byte(line))
		reply, _ := bufio.NewReader(c).ReadString('\n')
		c.Close()
		if strings.TrimSpace(reply) == "ok" {
			t.Errorf("%.20q was obeyed", line)
		}
	}
	select {
	case <-in.Shows():
		t.Fatal("a caller without the token made the window show")
	case <-time.After(100 * time.Millisecond):
	}
	if _, err := Start(dir, "unstuck"); !errors.Is(err, ErrShown) {
		t.Fatalf("the right token, while a silent caller waits: %v", err)
	}
	shown(t, in)
}

// Copies started at the same moment end as one running copy; every other
// one reaches it.
func TestConcurrentStartsLeaveOneCopy(t *testing.T) {
	dir := t.TempDir()
	const n = 8
	type result struct {
		in  *Instance
		err error
	}
	results := make(chan result, n)
	for range n {
		go func() {
			in, err := Start(dir, "unstuck")
			results <- result{in, err}
		}()
	}
	var (
		first []*Instance
		errs  []error
	)
	for range n {
		r := <-results
		if r.err == nil {
			first = append(first, r.in)
			defer r.in.Close()
		} else {
			errs = append(errs, r.err)
		}
	}
	if len(first) != 1 {
		t.Fatalf("%d copies run; errors %v", len(first), errs)
	}
	if other := slices.DeleteFunc(errs, func(err error) bool { return errors.Is(err, ErrShown) }); len(other) > 0 {
		t.Errorf("later copies that did not reach the first: %v", other)
	}
	shown(t, first[0])
}

// A copy that holds the lock and never answers does not hang the next: it
// is told so within the asking time and may run.
func TestSilentHolderDoesNotHang(t *testing.T) {
	dir := t.TempDir()
	lock, err := os.OpenFile(filepath.Join(dir, "unstuck.lock"), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Close()
	if held, err := tryLock(lock); !held {
		t.Fatalf("lock: %v", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0") // listens, never answers
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	os.WriteFile(filepath.Join(dir, "unstuck.endpoint"), []byte("v1 tcp "+ln.Addr().String()+" 00ff\n"), 0o600)
	began := time.Now()
	_, err = Start(dir, "unstuck")
	if !errors.Is(err, ErrNoAnswer) {
		t.Errorf("a silent holder: %v, want ErrNoAnswer", err)
	}
	if d := time.Since(began); d > askFor+askTimeout+time.Second {
		t.Errorf("asking a silent holder took %v", d)
	}
}
