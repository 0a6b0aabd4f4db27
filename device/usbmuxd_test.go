package device

import (
	"errors"
	"strings"
	"testing"
	"time"

	"unstuck/device/tr/trtest"
)

// The headline is a message, said in the reader's language; Error, for
// logs, stays English.
func TestUsbmuxdHeadlineInGerman(t *testing.T) {
	trtest.Speak(t, "de")
	for _, tc := range []struct {
		e           UsbmuxdError
		de, english string
	}{
		{UsbmuxdError{Cause: CauseNotAnswering, Wait: 5 * time.Second}, "innerhalb von 5 s", "did not answer within 5 s"},
		{UsbmuxdError{Cause: CauseNotAnswering, Wait: 500 * time.Millisecond}, "innerhalb von 0,5 s", "did not answer within 0.5 s"},
		{UsbmuxdError{Cause: CauseNotAnswering}, "ohne Antwort geschlossen", "closed the connection"},
		{UsbmuxdError{Cause: CauseUnreadable}, "nicht lesen kann", "cannot read"},
		{UsbmuxdError{Cause: CauseNotRunning}, "läuft nicht", "is not running"},
		{UsbmuxdError{Cause: "odd"}, "fehlgeschlagen", "failed"},
	} {
		tc.e.Err = errors.New("underneath")
		if got := tc.e.Headline().String(); !strings.Contains(got, tc.de) || strings.Contains(got, "«host.") {
			t.Errorf("%s: %q, want %q", tc.e.Cause, got, tc.de)
		}
		if got := tc.e.Error(); !strings.Contains(got, tc.english) || !strings.HasSuffix(got, "(underneath)") {
			t.Errorf("%s: Error %q", tc.e.Cause, got)
		}
	}
}

// A USB speed is said as a message; an unreported one is the zero Text.
func TestUSBSpeedText(t *testing.T) {
	if !(USBInfo{}).SpeedText().IsZero() || (USBInfo{SpeedMbps: 480}).SpeedIn("de") == "" || (USBInfo{SpeedMbps: 10000}).SpeedIn("en") != "USB 3 SuperSpeed+ (10 Gb/s)" {
		t.Error("speed words wrong")
	}
}
