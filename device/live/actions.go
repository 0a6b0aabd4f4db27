package live

import (
	"context"
	"errors"
	"fmt"

	"unstuck/device"
	"unstuck/device/action"
	"unstuck/device/muxsource"
	"unstuck/device/usbsource"
	"unstuck/device/watch"
)

// ExitRecovery asks a phone in recovery mode to boot normally: the iBoot
// commands `irecovery -n` sends. Nothing is erased.
func ExitRecovery(ctx context.Context, o Options, d device.Device) error {
	src := usbsource.New(usbsource.Options{SysfsRoot: o.SysfsRoot})
	defer src.Close()
	return src.SendIBootCommands(ctx, d.USB.Bus, d.USB.Address, usbsource.ExitRecoveryCommands...)
}

// EnterRecovery asks a running, trusted phone to reboot into recovery
// mode through lockdown. Nothing is erased.
func EnterRecovery(ctx context.Context, o Options, d device.Device) error {
	return muxsource.New(muxsource.Options{Address: o.MuxAddress, Logger: o.Logger}).EnterRecovery(ctx, d.UDID)
}

// AssistedReboot is the restart an assisted DFU entry sends mid-sequence:
// the phone with key (or, for "", the phone on show), read from the
// watcher at that moment, must be in recovery mode; it gets the same
// commands as ExitRecovery while the user holds the buttons. A key that
// has left is never replaced by another phone.
func AssistedReboot(w *watch.Watcher, o Options, key string) func(context.Context) error {
	return func(ctx context.Context) error {
		s := w.State()
		d, ok := s.Find(key)
		if key == "" {
			d, ok = s.Focus("")
		}
		switch {
		case !ok:
			return errors.New("the phone is no longer connected")
		case d.Mode != device.ModeRecovery:
			return fmt.Errorf("the phone is in %s mode, not recovery mode", d.Mode)
		}
		return ExitRecovery(ctx, o, d)
	}
}

// Do carries out a confirmed action on the phone d.
func Do(ctx context.Context, o Options, a action.Action, d device.Device) error {
	switch a.ID {
	case action.ExitRecovery.ID:
		return ExitRecovery(ctx, o, d)
	case action.EnterRecovery.ID:
		return EnterRecovery(ctx, o, d)
	}
	return fmt.Errorf("unknown action %q", a.ID)
}
