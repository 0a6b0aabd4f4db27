package awake

import (
	"context"

	"golang.org/x/sys/windows"
)

var procSetThreadExecutionState = windows.NewLazySystemDLL("kernel32.dll").NewProc("SetThreadExecutionState")

// setThreadExecutionState calls kernel32's SetThreadExecutionState, which
// returns the previous state, or 0 when it failed (and sets the last error).
func setThreadExecutionState(flags uint32) (uint32, error) {
	if err := procSetThreadExecutionState.Find(); err != nil {
		return 0, err
	}
	prev, _, callErr := procSetThreadExecutionState.Call(uintptr(flags))
	if prev == 0 && callErr != windows.Errno(0) {
		return 0, callErr
	}
	return uint32(prev), nil
}

// Default is this system's way of keeping the computer awake.
func Default() Inhibitor {
	return ThreadState{Set: setThreadExecutionState}
}

// Held is not available on Windows: another process cannot see the state.
func Held(context.Context) ([]Inhibition, error) {
	return nil, ErrUnknownHere
}
