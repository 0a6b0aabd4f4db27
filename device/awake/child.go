package awake

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"sync"
	"time"

	"unstuck/device/limitbuf"
)

// Child holds the lock by running a helper program (systemd-inhibit,
// caffeinate) for as long as the lock is held; Release ends the program.
type Child struct {
	// Name is the Lock's Method, and the name used in errors.
	Name string
	// Command returns the program and its arguments for a reason.
	Command func(why string) []string
	// Handshake says the command ends by running `cat`: Acquire writes a
	// line to its standard input and counts the lock as held once cat
	// echoes it back, which proves the helper got the lock and started
	// cat. cat exits when its input closes, on Release or when Unstuck
	// dies, so the helper never outlives Unstuck. Without a handshake the
	// lock counts as held once the program has started.
	Handshake bool
	// StopGrace is how long Release waits for the program to end before
	// killing it (default 2 s).
	StopGrace time.Duration
}

const handshakeLine = "unstuck-awake\n"

// Acquire starts the helper program and waits until it holds the lock.
func (c Child) Acquire(ctx context.Context, why string) (Lock, error) {
	argv := c.Command(why)
	if len(argv) == 0 {
		return nil, fmt.Errorf("%s: no command", c.Name)
	}
	path, err := exec.LookPath(argv[0])
	if err != nil {
		return nil, fmt.Errorf("%s is not installed: %w", argv[0], err)
	}
	cmd := exec.Command(path, argv[1:]...)
	stderr := &limitbuf.Buffer{Max: 4096}
	cmd.Stderr = stderr
	cmd.WaitDelay = time.Second // a stray grandchild must not keep Wait waiting
	l := &childLock{name: c.Name, cmd: cmd, lost: make(chan struct{}), exited: make(chan struct{}), grace: c.StopGrace}
	if l.grace <= 0 {
		l.grace = 2 * time.Second
	}
	var stdout io.ReadCloser
	if c.Handshake {
		if l.stdin, err = cmd.StdinPipe(); err != nil {
			return nil, err
		}
		if stdout, err = cmd.StdoutPipe(); err != nil {
			return nil, err
		}
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("%s: %w", c.Name, err)
	}
	if c.Handshake {
		if err := handshake(ctx, l.stdin, stdout); err != nil {
			_ = cmd.Process.Kill()
			_ = l.stdin.Close()
			_ = cmd.Wait()
			if msg := strings.TrimSpace(stderr.String()); msg != "" {
				return nil, fmt.Errorf("%s: %s", c.Name, firstLine(msg))
			}
			return nil, fmt.Errorf("%s: %w", c.Name, err)
		}
	}
	go l.wait()
	return l, nil
}

// handshake writes a line to cat through the helper and waits for its echo.
func handshake(ctx context.Context, in io.Writer, out io.Reader) error {
	echoed := make(chan error, 1)
	go func() {
		line, err := bufio.NewReader(out).ReadString('\n')
		switch {
		case err != nil && line == "":
			echoed <- errors.New("it ended without holding the lock")
		case line != handshakeLine:
			echoed <- fmt.Errorf("unexpected output %q", line)
		default:
			echoed <- nil
		}
	}()
	if _, err := io.WriteString(in, handshakeLine); err != nil {
		return fmt.Errorf("it ended without holding the lock (%v)", err)
	}
	select {
	case err := <-echoed:
		return err
	case <-ctx.Done():
		return fmt.Errorf("no answer in time: %w", ctx.Err())
	}
}

type childLock struct {
	name   string
	cmd    *exec.Cmd
	stdin  io.WriteCloser // nil without a handshake
	grace  time.Duration
	lost   chan struct{}
	exited chan struct{}

	mu       sync.Mutex
	released bool
}

func (l *childLock) Method() string        { return l.name }
func (l *childLock) Lost() <-chan struct{} { return l.lost }

// wait reaps the program and reports it as lost unless Release ended it.
func (l *childLock) wait() {
	_ = l.cmd.Wait()
	l.mu.Lock()
	if !l.released {
		close(l.lost)
	}
	l.mu.Unlock()
	close(l.exited)
}

func (l *childLock) Release() error {
	l.mu.Lock()
	if l.released {
		l.mu.Unlock()
		return nil
	}
	l.released = true
	l.mu.Unlock()
	if l.stdin != nil {
		_ = l.stdin.Close() // cat exits, then the helper
	} else {
		_ = l.cmd.Process.Kill()
	}
	select {
	case <-l.exited:
		return nil
	case <-time.After(l.grace):
	}
	if err := l.cmd.Process.Kill(); err != nil {
		return fmt.Errorf("%s: stopping it: %w", l.name, err)
	}
	<-l.exited
	return nil
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// SystemdInhibit is the Linux fallback: systemd-inhibit takes logind's lock
// itself and holds it while cat runs.
func SystemdInhibit() Child {
	return Child{
		Name: MethodSystemdInhibit,
		Command: func(why string) []string {
			return []string{"systemd-inhibit", "--what=sleep:idle", "--who=" + Who, "--why=" + why, "--mode=block", "cat"}
		},
		Handshake: true,
	}
}

// Caffeinate is the macOS lock: caffeinate holds "prevent idle sleep" and
// "prevent system sleep" assertions until it is stopped or the process pid
// (Unstuck's own) exits.
func Caffeinate(pid int) Child {
	return Child{
		Name: MethodCaffeinate,
		Command: func(string) []string {
			return []string{"caffeinate", "-i", "-s", "-w", fmt.Sprint(pid)}
		},
	}
}
