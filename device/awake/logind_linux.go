package awake

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/godbus/dbus/v5"
	"golang.org/x/sys/unix"
)

const (
	logindName      = "org.freedesktop.login1"
	logindPath      = dbus.ObjectPath("/org/freedesktop/login1")
	logindInterface = "org.freedesktop.login1.Manager"
	systemBusSocket = "unix:path=/var/run/dbus/system_bus_socket"
)

// Logind takes logind's "sleep:idle" block lock over D-Bus. logind hands
// back a file descriptor; the lock lasts until it is closed.
type Logind struct {
	// BusAddress is the D-Bus address logind is on. Empty means the system
	// bus ($DBUS_SYSTEM_BUS_ADDRESS, else the standard socket).
	BusAddress string
}

func (l Logind) address() string {
	if l.BusAddress != "" {
		return l.BusAddress
	}
	if a := os.Getenv("DBUS_SYSTEM_BUS_ADDRESS"); a != "" {
		return a
	}
	return systemBusSocket
}

// connect opens a private connection; the lock outlives it, so each call
// connects, asks, and hangs up.
func (l Logind) connect(ctx context.Context) (*dbus.Conn, error) {
	conn, err := dbus.Connect(l.address(), dbus.WithContext(ctx))
	if err != nil {
		return nil, fmt.Errorf("no system bus (%v)", err)
	}
	return conn, nil
}

// explain turns a D-Bus error into plain words.
func explain(err error) error {
	var de dbus.Error
	if errors.As(err, &de) {
		switch de.Name {
		case "org.freedesktop.DBus.Error.ServiceUnknown", "org.freedesktop.DBus.Error.NameHasNoOwner":
			return errors.New("logind is not running")
		case "org.freedesktop.DBus.Error.AccessDenied", "org.freedesktop.DBus.Error.InteractiveAuthorizationRequired":
			return fmt.Errorf("logind refused: %s", de.Error())
		}
	}
	return fmt.Errorf("logind: %w", err)
}

// Acquire asks logind for the lock.
func (l Logind) Acquire(ctx context.Context, why string) (Lock, error) {
	conn, err := l.connect(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	if !conn.SupportsUnixFDs() {
		return nil, errors.New("the system bus cannot pass file descriptors")
	}
	// Not CallWithContext: a reply that arrives after ctx ended would carry
	// a lock nobody closes. Here, giving up hangs up and closes any late one.
	call := conn.Object(logindName, logindPath).Go(logindInterface+".Inhibit", 0, make(chan *dbus.Call, 1),
		"sleep:idle", Who, why, "block")
	select {
	case <-call.Done:
	case <-ctx.Done():
		conn.Close()
		go func() {
			select {
			case late := <-call.Done:
				var fd dbus.UnixFD
				if late.Store(&fd) == nil {
					unix.Close(int(fd))
				}
			case <-time.After(time.Minute):
			}
		}()
		return nil, fmt.Errorf("logind did not answer: %w", ctx.Err())
	}
	var fd dbus.UnixFD
	if err := call.Store(&fd); err != nil {
		return nil, explain(err)
	}
	return newFDLock(int(fd))
}

// Inhibitors lists every lock logind holds, whoever took it.
func (l Logind) Inhibitors(ctx context.Context) ([]Inhibition, error) {
	conn, err := l.connect(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	var rows []struct {
		What, Who, Why, Mode string
		UID, PID             uint32
	}
	err = conn.Object(logindName, logindPath).
		CallWithContext(ctx, logindInterface+".ListInhibitors", 0).
		Store(&rows)
	if err != nil {
		return nil, explain(err)
	}
	out := make([]Inhibition, 0, len(rows))
	for _, r := range rows {
		out = append(out, Inhibition{What: r.What, Who: r.Who, Why: r.Why, Mode: r.Mode, UID: r.UID, PID: r.PID})
	}
	return out, nil
}

// Held lists the locks Unstuck holds (by logind or systemd-inhibit).
func (l Logind) Held(ctx context.Context) ([]Inhibition, error) {
	all, err := l.Inhibitors(ctx)
	if err != nil {
		return nil, err
	}
	var ours []Inhibition
	for _, in := range all {
		if in.Who == Who {
			ours = append(ours, in)
		}
	}
	return ours, nil
}

// fdLock holds logind's file descriptor and watches it: when logind closes
// its end, poll reports an error on ours and the lock is lost.
type fdLock struct {
	fd           int
	wakeR, wakeW int // closing wakeW stops the watcher
	lost         chan struct{}
	stopped      chan struct{}
	once         sync.Once
	mu           sync.Mutex
	released     bool
}

func newFDLock(fd int) (*fdLock, error) {
	var p [2]int
	if err := unix.Pipe2(p[:], unix.O_CLOEXEC); err != nil {
		unix.Close(fd) // lets the lock go at once
		return nil, fmt.Errorf("watching the lock: %w", err)
	}
	unix.CloseOnExec(fd)
	l := &fdLock{fd: fd, wakeR: p[0], wakeW: p[1], lost: make(chan struct{}), stopped: make(chan struct{})}
	go l.watch()
	return l, nil
}

func (l *fdLock) Method() string        { return MethodLogind }
func (l *fdLock) Lost() <-chan struct{} { return l.lost }

func (l *fdLock) watch() {
	defer close(l.stopped)
	fds := []unix.PollFd{{Fd: int32(l.fd)}, {Fd: int32(l.wakeR), Events: unix.POLLIN}}
	for {
		_, err := unix.Poll(fds, -1)
		if err == unix.EINTR {
			continue
		}
		if fds[1].Revents != 0 {
			return // Release
		}
		if err != nil || fds[0].Revents&(unix.POLLERR|unix.POLLHUP|unix.POLLNVAL) != 0 {
			l.mu.Lock()
			if !l.released {
				close(l.lost)
			}
			l.mu.Unlock()
			return
		}
	}
}

// Release closes the file descriptor, which ends the lock.
func (l *fdLock) Release() error {
	var err error
	l.once.Do(func() {
		l.mu.Lock()
		l.released = true
		l.mu.Unlock()
		unix.Close(l.wakeW)
		<-l.stopped
		unix.Close(l.wakeR)
		err = unix.Close(l.fd)
	})
	return err
}
