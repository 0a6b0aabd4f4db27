package live

import (
	"context"

	"unstuck/device"
	"unstuck/device/muxsource"
	"unstuck/device/usbsource"
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
