package watch

import (
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"

	"unstuck/device"
	"unstuck/device/tr"
	"unstuck/device/tr/trtest"
)

// Every system's wording of every per-system message is in the catalogue,
// in every language: a missing one is said as «id».
func TestEverySystemsWordsAreInTheCatalogue(t *testing.T) {
	for id, systems := range perOS {
		for _, goos := range append(systems, "other") {
			for _, l := range tr.Languages() {
				if s := tr.Msg(id + "." + goos).In(l.Tag); strings.Contains(s, "«host.") || s == "" {
					t.Errorf("%s.%s in %s: %q", id, goos, l.Tag, s)
				}
			}
		}
	}
	if got := osMessage("host.cond.usb-permission").ID(); got != "host.cond.usb-permission."+osWords("host.cond.usb-permission") {
		t.Errorf("osMessage picked %s on %s", got, runtime.GOOS)
	}
}

// The host conditions are said in German through the catalogue, and in
// English in JSON.
func TestHostConditionsInGerman(t *testing.T) {
	trtest.Speak(t, "de")
	odd := usbmuxdCondition(&device.UsbmuxdError{Cause: device.CauseNotAnswering, Wait: 1500 * time.Millisecond, Err: errors.New("i/o timeout")}, true)
	if got := odd.Message.String(); !strings.Contains(got, "usbmuxd läuft, hat aber nicht innerhalb von 1,5 s geantwortet") ||
		!strings.Contains(got, "normalen Modus") || strings.Contains(got, "«host.") {
		t.Errorf("in German: %q", got)
	}
	if got := odd.Message.In(tr.English); !strings.HasPrefix(got, "usbmuxd is running but did not answer within 1.5 s, so a phone in normal mode cannot be read. ") {
		t.Errorf("in English: %q", got)
	}
	b, err := odd.Message.MarshalJSON()
	if err != nil || !strings.Contains(string(b), "did not answer within 1.5 s") {
		t.Errorf("JSON %s, %v", b, err)
	}
	for _, c := range hostConditions(snapshot{usbErr: device.ErrUSBUnavailable, muxErr: errors.New("dial unix: no such file")}, false, true) {
		if s := c.Message.String(); s == "" || strings.Contains(s, "«host.") || strings.Contains(s, "cannot") {
			t.Errorf("%s in German: %q", c.Code, s)
		}
	}
}
