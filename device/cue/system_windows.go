//go:build windows

package cue

import (
	"context"
	"fmt"
	"unsafe"

	"golang.org/x/sys/windows"
)

var (
	winmm         = windows.NewLazySystemDLL("winmm.dll")
	procPlaySound = winmm.NewProc("PlaySoundW")
)

// PlaySound flags (mmsystem.h).
const (
	sndSync      = 0x0000
	sndNoDefault = 0x0002
	sndFilename  = 0x00020000
)

// winmmBackend plays through PlaySound in winmm.dll.
type winmmBackend struct{}

// System is Windows' PlaySound.
func System() (Backend, error) {
	if err := procPlaySound.Find(); err != nil {
		return nil, fmt.Errorf("no sound: %w", err)
	}
	return winmmBackend{}, nil
}

func (winmmBackend) Play(ctx context.Context, wavPath string) error {
	p, err := windows.UTF16PtrFromString(wavPath)
	if err != nil {
		return err
	}
	done := make(chan error, 1)
	go func() {
		r, _, e := procPlaySound.Call(uintptr(unsafe.Pointer(p)), 0, sndFilename|sndNoDefault|sndSync)
		if r == 0 {
			done <- fmt.Errorf("PlaySound: %v", e)
			return
		}
		done <- nil
	}()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		procPlaySound.Call(0, 0, 0) // stops the sound playing
		<-done
		return ctx.Err()
	}
}
