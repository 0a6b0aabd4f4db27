package guide

import (
	"context"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"unstuck/device"
	"unstuck/device/catalog"
	"unstuck/device/procedure"
	"unstuck/device/watch"
)

// busSource is a USB source whose one phone appears when plugged is set.
type busSource struct{ plugged atomic.Bool }

func (b *busSource) List(context.Context) ([]device.USBDevice, error) {
	if !b.plugged.Load() {
		return nil, nil
	}
	return []device.USBDevice{{Bus: 1, Address: 2, ProductID: 0x1227,
		Serial: "CPID:8015 CPRV:11 CPFM:03 SCEP:01 BDID:06 ECID:001C2D3E4F5A6B7C IBFL:3C SRTG:[iBoot-3332.0.0.1.23]"}}, nil
}

// Follow hands the run what a real watcher publishes: a phone that appears
// in DFU during the countdown ends it with dfu-reached.
func TestFollowFeedsTheRunFromAWatcher(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		bus := &busSource{}
		w := watch.New(watch.Options{USB: bus})
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		watching := make(chan struct{})
		go func() { w.Run(ctx); close(watching) }()
		p, _ := procedure.For(catalog.Side, procedure.DFU)
		r := New(Options{Procedure: p})
		go r.Follow(ctx, w)
		time.AfterFunc(8*time.Second, func() { bus.plugged.Store(true) })
		if v := r.Start(ctx); v != DFUReached {
			t.Errorf("verdict %s, want dfu-reached", v)
		}
		cancel()
		<-watching
	})
}
