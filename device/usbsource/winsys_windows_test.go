package usbsource

import (
	"context"
	"testing"
	"time"
)

// TestSystemLayerWithoutPhone: on a Windows with no phone (or under Wine)
// the real system layer answers with empty lists and errors, never a
// panic or a hang. What it answers with a phone attached only a real PC
// can show (WINDOWS.md).
func TestSystemLayerWithoutPhone(t *testing.T) {
	sys := platformWinUSB()
	for _, c := range appleInterfaces {
		paths, err := sys.InterfacePaths(c.guid)
		t.Logf("%s: %d interfaces, %v", c.name, len(paths), err)
	}
	if _, err := sys.InterfacePaths("not a GUID"); err == nil {
		t.Error("a malformed GUID was listed")
	}
	if key, err := sys.DriverKey(winRecoveryPath); err == nil {
		t.Errorf("driver key %q of a phone that is not there", key)
	}
	h, err := sys.Open(winRecoveryPath)
	if err == nil {
		h.Close()
		t.Fatal("opened a phone that is not there")
	}
	t.Logf("open: %v", err)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := New(Options{}).List(ctx); err != nil {
		t.Logf("list: %v", err)
	}
}
