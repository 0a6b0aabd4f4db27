package muxsim

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"strconv"
	"testing"
	"time"

	"unstuck/device/safeplist/plisttest"
)

// FuzzParseScenario parses arbitrary JSON, in Expand's shape (scenarios are
// read from files), as a scenario. An accepted scenario validates, its
// times are not negative and its flaps are within the simulator's rate;
// written as JSON and parsed again it is the same scenario, and writing
// that again gives the same bytes.
func FuzzParseScenario(f *testing.F) {
	for _, name := range ScenarioNames() {
		raw, err := builtin.ReadFile("scenarios/" + name + ".json")
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw, []byte(nil), uint16(0), []byte(nil))
	}
	attach := `{"name":"big","steps":[{"at":0,"action":"attach","phone":{"udid":"U1","product_type":"iPhone10,3","ecid":1,"cpid":32789}}`
	flap := `,{"at":"1.5s","action":"flap","udid":"u1","every":0.25,"for":"3s"}`
	f.Add([]byte(attach), []byte(flap), uint16(0), []byte("]}"))
	// About 3 MB of steps: a long flapping script.
	f.Add([]byte(attach), []byte(flap+`,{"at":2,"action":"detach","udid":"U1"},{"at":"2.5s","action":"attach","udid":"U1"}`), uint16(20_000), []byte("]}"))
	for _, step := range []string{
		`{"at":1e10,"action":"flap","udid":"U1","every":"1ms"}`,
		`{"at":1,"action":"flap","udid":"U1","every":1e10}`,
		`{"at":1,"action":"detach","udid":"U1","every":-1e300,"for":"-2562047h47m16.854775808s"}`,
		`{"at":"1s","action":"flap","udid":"U1","every":0.0001}`,
		`{"at":"1s","action":"trust","udid":"U1","trust":"trusted"}`,
		`{"at":"1s","action":"mode","udid":"U1","mode":"dfu"}`,
		`{"at":-0,"action":"detach","udid":"U1","phone":{}}`,
	} {
		f.Add([]byte(attach+","), []byte(step), uint16(1), []byte("]} trailing"))
	}
	f.Fuzz(func(t *testing.T, prefix, unit []byte, repeat uint16, suffix []byte) {
		data := plisttest.Expand(prefix, unit, uint32(repeat), suffix)
		defer plisttest.Watchdog(plisttest.HangLimit, data)()
		sc, err := ParseScenario(data)
		if err != nil {
			return
		}
		if err := sc.Validate(); err != nil {
			t.Fatalf("accepted, but: %v", err)
		}
		for i, st := range sc.Steps {
			if st.At < 0 || st.Action == ActionFlap && (time.Duration(st.Every) < MinFlapEvery || st.For < 0) {
				t.Fatalf("step %d: %+v", i, st)
			}
		}
		js, err := json.Marshal(sc)
		if err != nil {
			t.Fatalf("accepted, but it does not write: %v", err)
		}
		back, err := ParseScenario(js)
		if err != nil {
			t.Fatalf("written back, not accepted: %v\n%s", err, js)
		}
		if !reflect.DeepEqual(back, sc) {
			t.Fatalf("written back, another scenario:\n%+v\n%+v", sc, back)
		}
		again, err := json.Marshal(back)
		if err != nil || !bytes.Equal(again, js) {
			t.Fatalf("written twice, not the same: %v\n%s\n%s", err, js, again)
		}
	})
}

// FuzzDuration decodes arbitrary durations, as a scenario gives them: a
// number of seconds (secs, written as JSON) or a string like "1.5s". A
// number is accepted exactly when it fits a time.Duration, and then has its
// sign and, within rounding, its value; a string is what time.ParseDuration
// reads. Every accepted duration writes back as a string that reads the same.
func FuzzDuration(f *testing.F) {
	for _, secs := range []float64{0, 1.5, -1, 0.001, 1e-10, 9.2e9, 9.3e9, -9.3e9, 1e300, math.MaxFloat64} {
		f.Add(secs, "")
	}
	for _, s := range []string{"1.5s", "250ms", "-2562047h47m16.854775808s", "2562048h", "1", "1.5", "0", "1h2m3.5s", ".5s", "1µs"} {
		f.Add(0.0, s)
	}
	f.Fuzz(func(t *testing.T, secs float64, s string) {
		var raw []byte
		if s == "" {
			raw = strconv.AppendFloat(nil, secs, 'g', -1, 64)
		} else {
			raw, _ = json.Marshal(s)
		}
		var d Duration
		err := d.UnmarshalJSON(raw)
		if s == "" {
			ns := secs * float64(time.Second)
			fits := ns >= math.MinInt64 && ns < math.MaxInt64
			if (err == nil) != fits {
				t.Fatalf("%s seconds: %v, %v", raw, time.Duration(d), err)
			}
			if err == nil && (ns > 0 && d < 0 || ns < 0 && d > 0 || math.Abs(float64(d)-ns) > 1+math.Abs(ns)*1e-15) {
				t.Fatalf("%s seconds read as %v", raw, time.Duration(d))
			}
		} else if want, perr := time.ParseDuration(s); (err == nil) != (perr == nil) || err == nil && time.Duration(d) != want {
			t.Fatalf("%q read as %v (%v); time.ParseDuration: %v (%v)", s, time.Duration(d), err, want, perr)
		}
		if err != nil {
			return
		}
		js, err := d.MarshalJSON()
		var back Duration
		if err != nil || back.UnmarshalJSON(js) != nil || back != d {
			t.Fatalf("%v written as %s, read back as %v (%v)", time.Duration(d), js, time.Duration(back), err)
		}
	})
}
