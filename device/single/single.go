// Package single keeps one copy of the app running per user: a second
// launch asks the first to show its window and then quits. Two copies would
// mean two keep-awake locks and two guides counting down over one phone.
//
// The first copy holds an exclusive lock on <dir>/<name>.lock (flock on
// Linux and macOS, LockFileEx on Windows: the system drops it when the
// process dies, so a crashed copy leaves nothing that blocks the next) and
// listens on a local endpoint, written to <dir>/<name>.endpoint with a
// random token: a unix socket in the user's own directory on Linux and
// macOS, a loopback TCP port on Windows (and where a socket's path would be
// too long). A later copy that finds the lock taken sends "show <token>"
// and waits for "ok"; every step has a deadline, so nothing hangs.
package single

import (
	"bufio"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"unstuck/device/filekind"
)

// ErrShown is Start's answer when another copy is running and was asked to
// show its window: the caller quits.
var ErrShown = errors.New("another copy is already running and was asked to show its window")

// ErrNoAnswer is Start's answer when another copy holds the lock but does
// not answer (it hangs, or it is not Unstuck): the caller may run anyway.
var ErrNoAnswer = errors.New("another copy holds the lock but does not answer")

// Timings: how long one ask may take, and how long a later copy keeps asking
// a first one that holds the lock but has not written its endpoint yet (it
// is starting at the same moment).
const (
	askTimeout = 2 * time.Second
	askFor     = 3 * time.Second
	askGap     = 50 * time.Millisecond
)

// maxSocketPath is the longest unix socket path used: macOS allows 104
// bytes, Linux 108. A longer one falls back to loopback TCP.
const maxSocketPath = 100

// Instance is the running copy: it holds the lock and answers later copies.
type Instance struct {
	shows    chan struct{}
	lock     *os.File
	ln       net.Listener
	token    string
	endpoint string
	done     chan struct{}
	once     sync.Once
}

// Start makes this process the one copy named name (an "unstuck-demo" is
// a copy of its own) for the user whose directory dir is (created 0700 if
// missing). It returns the Instance when this is the first copy, ErrShown
// when another answered and shows its window, ErrNoAnswer when another
// holds the lock in silence, or another error when the lock or endpoint
// cannot be made (then the caller runs as if alone).
func Start(dir, name string) (*Instance, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	lock, err := os.OpenFile(filepath.Join(dir, name+".lock"), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, err
	}
	held, err := tryLock(lock)
	if err != nil {
		lock.Close()
		return nil, fmt.Errorf("lock %s: %w", lock.Name(), err)
	}
	endpoint := filepath.Join(dir, name+".endpoint")
	if !held {
		lock.Close()
		return nil, askToShow(endpoint)
	}
	in, err := listen(lock, endpoint, filepath.Join(dir, name+".sock"))
	if err != nil {
		lock.Close()
		return nil, err
	}
	go in.serve()
	return in, nil
}

// listen opens the endpoint and writes where it is, with a fresh token.
func listen(lock *os.File, endpoint, sock string) (*Instance, error) {
	network, addr := localNetwork, sock
	if network == "tcp" || len(sock) > maxSocketPath {
		network, addr = "tcp", "127.0.0.1:0"
	}
	if network == "unix" {
		os.Remove(sock) // a crashed copy's socket: we hold the lock, so it is no one's
	}
	ln, err := net.Listen(network, addr)
	if err != nil {
		return nil, err
	}
	raw := make([]byte, 16)
	rand.Read(raw)
	in := &Instance{shows: make(chan struct{}, 1), lock: lock, ln: ln, token: hex.EncodeToString(raw), endpoint: endpoint, done: make(chan struct{})}
	line := fmt.Sprintf("v1 %s %s %s\n", network, ln.Addr().String(), in.token)
	if err := writeFile(endpoint, line); err != nil {
		ln.Close()
		return nil, err
	}
	return in, nil
}

// writeFile writes a small file readable by its owner only, atomically.
func writeFile(path, text string) error {
	tmp := path + ".new"
	if err := os.WriteFile(tmp, []byte(text), 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// Shows receives once each time a later copy asks this one to show its
// window (asks made while one is pending are merged).
func (in *Instance) Shows() <-chan struct{} { return in.shows }

// Close stops answering and lets go of the lock; a later copy then runs.
func (in *Instance) Close() error {
	in.once.Do(func() {
		close(in.done)
		in.ln.Close()
		os.Remove(in.endpoint)
		in.lock.Close() // the system drops the lock with the file
	})
	return nil
}

func (in *Instance) serve() {
	for {
		c, err := in.ln.Accept()
		if err != nil {
			select {
			case <-in.done:
				return
			default:
			}
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				continue
			}
			time.Sleep(askGap) // a passing error (too many open files): try again
			continue
		}
		go in.answer(c)
	}
}

// answer reads one ask; the right token gets "ok" and a show.
func (in *Instance) answer(c net.Conn) {
	defer c.Close()
	c.SetDeadline(time.Now().Add(askTimeout))
	line, err := bufio.NewReader(io.LimitReader(c, 256)).ReadString('\n')
	if err != nil {
		return
	}
	word, token, _ := strings.Cut(strings.TrimSpace(line), " ")
	if word != "show" || subtle.ConstantTimeCompare([]byte(token), []byte(in.token)) != 1 {
		fmt.Fprint(c, "no\n")
		return
	}
	select {
	case in.shows <- struct{}{}:
	default: // one is pending already
	}
	fmt.Fprint(c, "ok\n")
}

// askToShow asks the copy holding the lock to show itself, again for a
// little while if it has not written its endpoint yet.
func askToShow(endpoint string) error {
	deadline := time.Now().Add(askFor)
	for {
		err := ask(endpoint)
		if err == nil {
			return ErrShown
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%w: %v", ErrNoAnswer, err)
		}
		time.Sleep(askGap)
	}
}

// ask makes one ask through the endpoint file.
func ask(endpoint string) error {
	// A regular file of one short line only: a named pipe put there would
	// block a plain read for ever.
	file, _, err := filekind.OpenRegular(endpoint)
	if err != nil {
		return err
	}
	raw, err := io.ReadAll(io.LimitReader(file, 512))
	file.Close()
	if err != nil {
		return err
	}
	f := strings.Fields(string(raw))
	if len(f) != 4 || f[0] != "v1" || (f[1] != "unix" && f[1] != "tcp") {
		return fmt.Errorf("%s: not an endpoint", endpoint)
	}
	c, err := net.DialTimeout(f[1], f[2], askTimeout)
	if err != nil {
		return err
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(askTimeout))
	if _, err := fmt.Fprintf(c, "show %s\n", f[3]); err != nil {
		return err
	}
	reply, err := bufio.NewReader(io.LimitReader(c, 16)).ReadString('\n')
	if err != nil {
		return err
	}
	if strings.TrimSpace(reply) != "ok" {
		return fmt.Errorf("the running copy refused: %q", strings.TrimSpace(reply))
	}
	return nil
}
