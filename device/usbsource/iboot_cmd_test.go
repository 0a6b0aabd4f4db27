//go:build linux && cgo

package usbsource

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"unstuck/device"
)

func TestSendIBootCommandsToRecovery(t *testing.T) {
	b := newBed(t)
	rec := b.add(t, recPhone())
	p := rec.Phone()
	if err := b.merged.SendIBootCommands(context.Background(), p.Bus, p.Address, ExitRecoveryCommands...); err != nil {
		t.Fatal(err)
	}
	if got := rec.Commands(); !reflect.DeepEqual(got, ExitRecoveryCommands) {
		t.Errorf("the phone received %q, want %q (what irecovery -n sends)", got, ExitRecoveryCommands)
	}
}

func TestSendIBootCommandsRefusesOtherModes(t *testing.T) {
	b := newBed(t)
	dfu := b.add(t, dfuPhone())
	p := dfu.Phone()
	err := b.merged.SendIBootCommands(context.Background(), p.Bus, p.Address, ExitRecoveryCommands...)
	if err == nil || !strings.Contains(err.Error(), "not in recovery mode") {
		t.Errorf("DFU phone: %v", err)
	}
	if got := dfu.Commands(); len(got) != 0 {
		t.Errorf("a DFU phone was sent %q", got)
	}
	if err := b.merged.SendIBootCommands(context.Background(), 9, 99, "saveenv"); err == nil {
		t.Error("no phone there, but no error")
	}
}

func TestSendIBootCommandsWithoutPermission(t *testing.T) {
	b := newBed(t)
	ph := recPhone()
	ph.DenyOpen = true
	d := b.add(t, ph)
	p := d.Phone()
	err := b.merged.SendIBootCommands(context.Background(), p.Bus, p.Address, ExitRecoveryCommands...)
	if !errors.Is(err, device.ErrUSBPermission) {
		t.Errorf("got %v, want a permission error", err)
	}
}
