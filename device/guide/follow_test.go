package guide

import (
	"context"
	"testing"
	"testing/synctest"
	"time"

	"unstuck/device"
	"unstuck/device/catalog"
	"unstuck/device/fixture"
	"unstuck/device/procedure"
	"unstuck/device/watch"
)

// Follow hands the run what a real watcher publishes: a phone that appears
// in DFU during the countdown ends it with dfu-reached.
func TestFollowFeedsTheRunFromAWatcher(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		bus := &fixture.USB{}
		w := watch.New(watch.Options{USB: bus})
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		watching := make(chan struct{})
		go func() { w.Run(ctx); close(watching) }()
		p, _ := procedure.For(catalog.Side, procedure.DFU)
		r := New(Options{Procedure: p})
		go r.Follow(ctx, w)
		time.AfterFunc(8*time.Second, func() { bus.Set([]device.USBDevice{fixture.IPhoneXOnUSB(device.ModeDFU)}, nil) })
		if v := r.Start(ctx); v != DFUReached {
			t.Errorf("verdict %s, want dfu-reached", v)
		}
		cancel()
		<-watching
	})
}
