package awake

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"

	"golang.org/x/sys/unix"
)

// fakeThreadState records each SetThreadExecutionState call and the OS
// thread it came from.
type fakeThreadState struct {
	mu    sync.Mutex
	flags []uint32
	tids  []int
	fail  error
}

func (f *fakeThreadState) set(flags uint32) (uint32, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail != nil {
		return 0, f.fail
	}
	f.flags = append(f.flags, flags)
	f.tids = append(f.tids, unix.Gettid())
	return esContinuous, nil
}

func TestThreadStateSetsAndClearsOnOneThread(t *testing.T) {
	f := &fakeThreadState{}
	lock, err := ThreadState{Set: f.set}.Acquire(context.Background(), WhyUpdating.String())
	if err != nil {
		t.Fatal(err)
	}
	if lock.Method() != MethodThreadState {
		t.Errorf("method %q", lock.Method())
	}
	f.mu.Lock()
	if !slices.Equal(f.flags, []uint32{0x80000001}) {
		t.Errorf("after Acquire: flags %#x, want ES_CONTINUOUS|ES_SYSTEM_REQUIRED", f.flags)
	}
	f.mu.Unlock()
	if err := lock.Release(); err != nil {
		t.Fatal(err)
	}
	if err := lock.Release(); err != nil {
		t.Fatal(err)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if !slices.Equal(f.flags, []uint32{0x80000001, 0x80000000}) {
		t.Errorf("flags %#x, want set then ES_CONTINUOUS alone", f.flags)
	}
	if len(f.tids) != 2 || f.tids[0] != f.tids[1] {
		t.Errorf("set and clear on threads %v; SetThreadExecutionState is per thread", f.tids)
	}
}

func TestThreadStateFailure(t *testing.T) {
	f := &fakeThreadState{fail: errors.New("The parameter is incorrect.")}
	_, err := ThreadState{Set: f.set}.Acquire(context.Background(), "x")
	if !errors.Is(err, ErrCannotKeepAwake) || err.Error() != "cannot keep this computer awake: SetThreadExecutionState failed: The parameter is incorrect." {
		t.Errorf("err = %v", err)
	}
}
