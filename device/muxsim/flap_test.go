package muxsim

import (
	"strings"
	"testing"
	"time"

	"unstuck/device/usbmux"
)

// TestFlap listens while the storm scenario flaps its phone at 20 changes a
// second: the events alternate, each Attached with a new DeviceID, and the
// flapping stops with Close.
func TestFlap(t *testing.T) {
	sc, err := LoadScenario("storm")
	if err != nil {
		t.Fatal(err)
	}
	if sc, err = sc.WithFlap(50 * time.Millisecond); err != nil {
		t.Fatal(err)
	}
	s := startSim(t, sc)
	c := dial(t, s)
	if r, err := usbmux.DecodeResult(c.call(usbmux.ListenRequest())); err != nil || r.Number != 0 {
		t.Fatalf("listen: %+v %v", r, err)
	}
	var kinds []string
	ids := map[int]bool{}
	start := time.Now()
	for len(kinds) < 12 {
		e, err := usbmux.DecodeEvent(c.read())
		if err != nil {
			t.Fatal(err)
		}
		kinds = append(kinds, e.MessageType)
		if e.MessageType == usbmux.MsgAttached {
			ids[e.DeviceID] = true
		}
	}
	took := time.Since(start)
	want := strings.Repeat("Attached,Detached,", 6)
	if got := strings.Join(kinds, ",") + ","; got != want {
		t.Errorf("events %s, want %s", got, want)
	}
	if len(ids) != 6 {
		t.Errorf("%d distinct DeviceIDs for 6 attaches", len(ids))
	}
	// 11 changes at 50 ms after the first second: at least 1.5 s in all.
	if took < 1500*time.Millisecond {
		t.Errorf("12 events in %v: flapping faster than asked", took)
	}
	s.Close()
	if _, err := c.c.Read(make([]byte, 1)); err == nil {
		t.Error("the listener is still served after Close")
	}
}

func TestFlapValidation(t *testing.T) {
	for _, js := range []string{
		`{"name":"x","steps":[{"at":"0s","action":"attach","phone":{"product_type":"iPhone16,1","cpid":33072,"ecid":42}},
			{"at":"0s","action":"flap","udid":"00008130-000000000000002A"}]}`,
		`{"name":"x","steps":[{"at":"0s","action":"attach","phone":{"product_type":"iPhone16,1","cpid":33072,"ecid":42}},
			{"at":"0s","action":"flap","udid":"00008130-000000000000002A","every":"10ms","for":"-1s"}]}`,
		`{"name":"x","steps":[{"at":"0s","action":"flap","udid":"00008130-000000000000002A","every":"10ms"}]}`,
	} {
		if _, err := ParseScenario([]byte(js)); err == nil {
			t.Errorf("accepted %s", js)
		}
	}
	sc, _ := ParseScenario([]byte(`{"name":"empty","steps":[]}`))
	if _, err := sc.WithFlap(time.Second); err == nil {
		t.Error("WithFlap found a phone in an empty scenario")
	}
}
