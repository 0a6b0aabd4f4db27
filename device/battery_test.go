package device

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestBatteryLow(t *testing.T) {
	for _, c := range []struct {
		percent int
		low     bool
	}{{0, true}, {1, true}, {19, true}, {20, false}, {21, false}, {100, false}} {
		if got := (Battery{Percent: c.percent}).Low(); got != c.low {
			t.Errorf("Low at %d%% = %v, want %v", c.percent, got, c.low)
		}
	}
}

func TestBatteryHealthPercent(t *testing.T) {
	for _, c := range []struct {
		design, full, want int
	}{
		{2716, 2390, 88},  // 87.997 rounds up
		{2716, 2716, 100}, // new
		{3227, 3300, 102}, // a new battery may read above its design
		{3000, 2985, 100}, // 99.5 rounds to 100
		{3000, 2984, 99},
		{0, 2390, 0}, // unknown design
		{2716, 0, 0}, // unknown full charge
		{-5, 100, 0}, // nonsense is unknown, not a division by zero
	} {
		b := Battery{DesignCapacity: c.design, FullChargeCapacity: c.full}
		if got := b.HealthPercent(); got != c.want {
			t.Errorf("HealthPercent(%d of %d) = %d, want %d", c.full, c.design, got, c.want)
		}
		if b.HealthKnown() != (c.want > 0) {
			t.Errorf("HealthKnown(%d of %d) = %v", c.full, c.design, b.HealthKnown())
		}
	}
}

func TestBatteryJSON(t *testing.T) {
	b, err := json.Marshal(Battery{Percent: 15, ExternalPower: true})
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"percent":15,"charging":false,"external_power":true}` {
		t.Errorf("unknown health: %s", b)
	}
	b, _ = json.Marshal(Battery{Percent: 15, CycleCount: 312, DesignCapacity: 2716, FullChargeCapacity: 2390, Falling: true})
	for _, want := range []string{`"cycle_count":312`, `"design_capacity":2716`, `"full_charge_capacity":2390`, `"falling":true`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("%s lacks %s", b, want)
		}
	}
}
