package device

import "testing"

func TestUnsteadyFromTheTable(t *testing.T) {
	if UnsteadyDrops != 2 {
		t.Errorf("UnsteadyDrops %d, want the table's 2", UnsteadyDrops)
	}
	for flaps, want := range map[int]bool{0: false, 1: false, 2: true, 9: true} {
		if got := (Stability{Flaps: flaps}).Unsteady(); got != want {
			t.Errorf("%d drops: unsteady %v, want %v", flaps, got, want)
		}
	}
}
