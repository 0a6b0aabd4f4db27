package awake

import (
	"context"
	"fmt"
	"runtime"
	"sync"
)

// Flags of Windows' SetThreadExecutionState (winbase.h).
const (
	esContinuous     uint32 = 0x80000000 // the state lasts until changed
	esSystemRequired uint32 = 0x00000001 // no sleep while it lasts
)

// ThreadState is the Windows lock. SetThreadExecutionState applies to the
// thread that calls it, so each lock runs on a goroutine locked to its own
// OS thread: it sets ES_CONTINUOUS|ES_SYSTEM_REQUIRED there, waits, and
// clears it (ES_CONTINUOUS alone) on the same thread at Release.
type ThreadState struct {
	// Set calls SetThreadExecutionState on the calling thread and returns
	// the previous state.
	Set func(flags uint32) (previous uint32, err error)
}

// Acquire sets the state on a dedicated thread.
func (t ThreadState) Acquire(ctx context.Context, why string) (Lock, error) {
	l := &threadLock{release: make(chan struct{}), cleared: make(chan error, 1)}
	started := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		if _, err := t.Set(esContinuous | esSystemRequired); err != nil {
			started <- err
			return
		}
		started <- nil
		<-l.release
		_, err := t.Set(esContinuous)
		l.cleared <- err
	}()
	// Set is a plain system call that returns at once; ctx is not consulted
	// so that a lock taken is never orphaned.
	if err := <-started; err != nil {
		return nil, fmt.Errorf("%w: SetThreadExecutionState failed: %v", ErrCannotKeepAwake, err)
	}
	return l, nil
}

type threadLock struct {
	release chan struct{}
	cleared chan error
	once    sync.Once
	err     error
}

func (l *threadLock) Method() string { return MethodThreadState }

// Lost is never closed: Windows does not take the state back.
func (l *threadLock) Lost() <-chan struct{} { return nil }

// Release clears the state on the thread that set it.
func (l *threadLock) Release() error {
	l.once.Do(func() {
		close(l.release)
		l.err = <-l.cleared
	})
	return l.err
}
