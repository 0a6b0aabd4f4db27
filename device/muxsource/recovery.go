package muxsource

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"unstuck/device/usbmux"
)

// ErrNotTrusted says the phone wants a session for this, and it has not trusted
// this computer.
var ErrNotTrusted = errors.New("the iPhone has not trusted this computer: unlock it and tap Trust first, or use the recovery-mode button sequence")

// EnterRecovery asks the phone running iOS with this UDID to reboot into
// recovery mode (lockdown's EnterRecovery, as ideviceenterrecovery and
// palera1n do). Like palera1n it tries without a session first and, when the
// phone answers that a session is needed, again inside one.
func (s *Source) EnterRecovery(ctx context.Context, udid string) error {
	events, err := s.listDevices(ctx)
	if err != nil {
		return err
	}
	id := 0
	for _, ev := range events {
		if strings.EqualFold(ev.Properties.SerialNumber, udid) && (ev.Properties.ConnectionType == "" || ev.Properties.ConnectionType == "USB") {
			id = ev.DeviceID
		}
	}
	if id == 0 {
		return fmt.Errorf("no iPhone with UDID %s is connected over USB", udid)
	}
	ld, err := s.connectLockdown(ctx, id)
	if err != nil {
		return err
	}
	r, err := exchange(ld.conn.raw, usbmux.EnterRecoveryRequest())
	ld.Close()
	if err != nil {
		return err
	}
	if r.Error == "" {
		return nil
	}
	if r.Error != usbmux.ErrCodeSessionInactive && r.Error != usbmux.ErrCodeMissingSessionID {
		return fmt.Errorf("the iPhone refused to enter recovery mode: %w", r.Err())
	}
	err = s.inSession(ctx, id, udid, func(rw io.ReadWriter) error {
		r, err := exchange(rw, usbmux.EnterRecoveryRequest())
		if err == nil {
			err = r.Err()
		}
		return err
	})
	var re *usbmux.ResultError
	if errors.As(err, &re) && re.Number == 2 {
		return ErrNotTrusted // no pair record
	}
	return err
}
