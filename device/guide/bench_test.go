package guide

import (
	"context"
	"testing"
	"time"

	"unstuck/device/procedure"
)

// BenchmarkCountdownDrift runs a 30 s sequence of 1 s steps on the real
// clock and reports how late the latest step change came against its
// deadline (goal: at most one frame, 17 ms), and the CPU it used.
func BenchmarkCountdownDrift(b *testing.B) {
	p := procedure.Procedure{Kind: procedure.ForceRestart}
	for range 30 {
		p.Steps = append(p.Steps, procedure.Step{Buttons: []procedure.Button{procedure.Side}, Action: "hold", Seconds: 1})
	}
	var worst time.Duration
	for range b.N {
		start := time.Now()
		r := New(Options{Procedure: p, GetReady: time.Millisecond, Grace: time.Millisecond, Every: 16 * time.Millisecond,
			OnTick: func(t Tick) {
				if !t.NewStep {
					return
				}
				due := start.Add(time.Millisecond + time.Duration(t.Step)*time.Second)
				if late := time.Since(due); late > worst {
					worst = late
				}
			}})
		r.Start(context.Background())
	}
	b.ReportMetric(float64(worst.Microseconds())/1000, "max-drift-ms")
}
