//go:build windows

package usbsource

// This file is the Windows system layer's control requests: a device
// interface of Apple's driver opened with CreateFile and one overlapped
// DeviceIoControl per request, as libirecovery does (L1299, L1441-1493).
// That the driver takes iBoot commands so is for a Windows PC with a phone
// in recovery mode to confirm (WINDOWS.md).

import (
	"context"
	"errors"
	"fmt"
	"time"

	"golang.org/x/sys/windows"
)

// ioctlControlRequest is the driver's control request: input and output
// are one buffer, the setup packet then the data.
const ioctlControlRequest = 0x2200A0

func (sysWinUSB) Open(path string) (controlHandle, error) {
	path16, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return nil, err
	}
	h, err := windows.CreateFile(path16, windows.GENERIC_READ|windows.GENERIC_WRITE,
		windows.FILE_SHARE_READ|windows.FILE_SHARE_WRITE, nil, windows.OPEN_EXISTING, windows.FILE_FLAG_OVERLAPPED, 0)
	if err != nil {
		return nil, err
	}
	return sysHandle{h}, nil
}

type sysHandle struct{ h windows.Handle }

func (s sysHandle) Close() error { return windows.CloseHandle(s.h) }

// Control issues the request and waits for it at most timeout; a timeout
// or the end of ctx cancels it (CancelIoEx), and Control returns only once
// the system is done with the buffer.
func (s sysHandle) Control(ctx context.Context, setup [8]byte, data []byte, timeout time.Duration) (int, error) {
	buf := make([]byte, len(setup)+len(data))
	copy(buf, setup[:])
	copy(buf[len(setup):], data)
	ev, err := windows.CreateEvent(nil, 1, 0, nil)
	if err != nil {
		return 0, err
	}
	defer windows.CloseHandle(ev)
	ov := &windows.Overlapped{HEvent: ev}
	var n uint32
	err = windows.DeviceIoControl(s.h, ioctlControlRequest, &buf[0], uint32(len(buf)), &buf[0], uint32(len(buf)), &n, ov)
	timedOut := false
	if errors.Is(err, windows.ERROR_IO_PENDING) {
		stop := context.AfterFunc(ctx, func() { _ = windows.CancelIoEx(s.h, ov) })
		w, _ := windows.WaitForSingleObject(ev, uint32(max(timeout.Milliseconds(), 1)))
		stop()
		if w != windows.WAIT_OBJECT_0 {
			timedOut = true
			_ = windows.CancelIoEx(s.h, ov)
		}
		err = windows.GetOverlappedResult(s.h, ov, &n, true)
	}
	switch {
	case err == nil:
		copy(data, buf[len(setup):])
		return max(int(n)-len(setup), 0), nil
	case ctx.Err() != nil:
		return 0, ctx.Err()
	case timedOut:
		return 0, errTimedOut
	}
	return 0, transferErr(err)
}

// transferErr says what a failed request's Windows error means.
func transferErr(err error) error {
	switch {
	case errors.Is(err, windows.ERROR_DEVICE_NOT_CONNECTED), errors.Is(err, windows.ERROR_FILE_NOT_FOUND),
		errors.Is(err, windows.ERROR_NO_SUCH_DEVICE), errors.Is(err, windows.ERROR_BAD_COMMAND):
		return fmt.Errorf("%w (%v)", errDeviceGone, err)
	case errors.Is(err, windows.ERROR_GEN_FAILURE), errors.Is(err, windows.ERROR_IO_DEVICE):
		return fmt.Errorf("%w (%v)", errTransferFailed, err)
	case errors.Is(err, windows.ERROR_SEM_TIMEOUT):
		return errTimedOut
	}
	return err
}
