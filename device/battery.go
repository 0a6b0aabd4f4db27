package device

import "unstuck/device/tr"

// LowBatteryPercent is the level below which Unstuck warns: 20 %, where
// iOS itself warns (assets/data/battery.tsv has the sources).
var LowBatteryPercent = mustBatteryThreshold("low_percent")

// mustBatteryThreshold reads a percentage from the embedded battery table.
func mustBatteryThreshold(name string) int {
	return mustThreshold("battery.tsv", name, "a percentage", func(v int) bool { return v > 0 && v < 100 })
}

// Low says the level is below LowBatteryPercent: charge before an update
// or a restore, which must not run out of power half way.
func (b Battery) Low() bool { return b.Percent < LowBatteryPercent }

// String says the level, charging and health in plain words, e.g.
// "80 %, charging; health 88 % after 312 charge cycles".
func (b Battery) String() string {
	t := tr.T("battery.level", "Percent", b.Percent)
	switch {
	case b.Charging:
		t = tr.T("battery.charging", "Level", t)
	case b.ExternalPower:
		t = tr.T("battery.on-power", "Level", t)
	}
	switch {
	case b.HealthKnown() && b.CycleCount > 0:
		t = tr.N("battery.health.cycles", b.CycleCount, "Level", t, "Health", b.HealthPercent())
	case b.HealthKnown():
		t = tr.T("battery.health", "Level", t, "Health", b.HealthPercent())
	}
	return t
}

// Warning warns of a battery too low for an update or a restore, or
// running down while connected; "" when neither.
func (b Battery) Warning() string {
	switch {
	case b.Low() && !b.Charging:
		return tr.T("battery.low", "Percent", b.Percent)
	case b.Falling:
		return tr.T("battery.falling")
	case b.Low():
		return tr.T("battery.low.charging", "Percent", b.Percent)
	}
	return ""
}

// HealthKnown says the phone gave its design and full-charge capacities.
func (b Battery) HealthKnown() bool { return b.DesignCapacity > 0 && b.FullChargeCapacity > 0 }

// HealthPercent is the full-charge capacity as a rounded percentage of the
// design capacity (what iOS calls Maximum Capacity), or 0 when unknown. An
// aged battery is below 100; a new one may read a little above.
func (b Battery) HealthPercent() int {
	if !b.HealthKnown() {
		return 0
	}
	return (b.FullChargeCapacity*100 + b.DesignCapacity/2) / b.DesignCapacity
}
