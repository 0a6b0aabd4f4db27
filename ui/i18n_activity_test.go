package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"unstuck/device"
	"unstuck/device/activity"
	"unstuck/device/fixture"
)

// activityMoments are the first tab with something going on: an update,
// one that stalled, one that fell back to recovery mode, a phone that left
// during an update, and a timeline with trust and activity changes, each
// answered by the real tracker (device/activity).
func activityMoments() map[string]device.State {
	at := func(ago time.Duration) time.Time { return now.Add(-ago) }
	modeChange := func(ago time.Duration, d device.Device, from device.Mode) device.Event {
		return device.Event{At: at(ago), Kind: device.EventModeChanged, Key: d.Key, Device: d.Name(), From: string(from), To: string(d.Mode)}
	}
	out := map[string]device.State{}
	for name, ago := range map[string]time.Duration{"updating": 5 * time.Minute, "update-slow": 40 * time.Minute, "update-long": 2 * time.Hour} {
		d := fixture.IPhoneX(device.ModeRestore)
		s := fixture.State(d)
		s.Timeline = []device.Event{modeChange(ago, d, device.ModeRecovery)}
		out[name] = s
	}
	rec := fixture.IPhoneX(device.ModeRecovery)
	fell := fixture.State(rec)
	fell.Timeline = []device.Event{modeChange(2*time.Minute, rec, device.ModeRestore)}
	out["fell-back"] = fell
	arriving := fixture.State(rec)
	arriving.Timeline = []device.Event{modeChange(time.Minute, rec, device.ModeNormal)}
	out["arriving"] = arriving
	gone := fixture.IPhoneX(device.ModeRestore)
	away := fixture.State()
	away.Timeline = []device.Event{modeChange(10*time.Minute, gone, device.ModeRecovery),
		{At: at(5 * time.Minute), Kind: device.EventDetached, Key: gone.Key, Device: gone.Name(), From: string(device.ModeRestore)}}
	out["away"] = away
	phone := fixture.IPhoneX(device.ModeNormal)
	phone.Trust = device.TrustTrusted
	told := fixture.State(phone)
	for i, trust := range []device.Trust{device.TrustPending, device.TrustDenied, device.TrustPasscode, device.TrustTrusted} {
		told.Timeline = append(told.Timeline, device.Event{At: at(time.Duration(9-i) * time.Minute), Kind: device.EventTrustChanged,
			Key: phone.Key, Device: phone.Name(), To: string(trust)})
	}
	stalled := activity.Activity{Kind: activity.KindBackup, State: activity.StateStalled, Since: at(time.Hour), LastProgress: at(25 * time.Minute)}
	told.Timeline = append(told.Timeline, device.Event{At: at(2 * 24 * time.Hour), Kind: device.EventActivity, Key: phone.Key,
		Device: phone.Name(), From: "working", To: "stalled", Detail: activity.ChangeWords(activity.None, stalled, now)})
	out["timeline"] = told
	return out
}

// TestActivityInThePseudoLanguage: the activity's sentence under the mode,
// the away advice and the timeline's trust and activity lines come from
// the catalogue (only the phone's name and the clock are data).
func TestActivityInThePseudoLanguage(t *testing.T) {
	s, w, skip := pseudoFirstTab(t)
	tracker := activity.NewTracker(nil, func() time.Time { return now })
	for name, st := range activityMoments() {
		s.Apply(st)
		acts := tracker.For(st)
		for k, a := range tracker.Away(st) {
			acts[k] = a
		}
		s.ApplyActivity(acts)
		settle(w)
		if name != "timeline" && len(acts) == 0 {
			t.Errorf("%s: no activity", name)
		}
		texts(container.NewVBox(s.Main.Content()), skip, func(text string, o fyne.CanvasObject) {
			if !bracketed(text) {
				t.Errorf("%s: %T shows %q, not from the catalogue", name, o, text)
			}
		})
		if c := s.Main.Card; name != "timeline" && name != "away" && (!c.Activity.Visible() || !strings.HasPrefix(c.Activity.Text, "[")) {
			t.Errorf("%s: the activity's sentence %q", name, c.Activity.Text)
		}
	}
}

// The activity's words on the first tab in German, through the tracker.
func TestActivityInGerman(t *testing.T) {
	speak(t, "de")
	c, _ := newCard(t)
	c.Now = func() time.Time { return now }
	st := activityMoments()["updating"]
	c.Apply(st)
	c.ApplyActivity(activity.NewTracker(nil, func() time.Time { return now }).For(st))
	if want := "Dein iPhone wird aktualisiert. Das ist bis zu 30 Minuten normal; trenne es nicht."; c.Activity.Text != want {
		t.Errorf("activity %q, want %q", c.Activity.Text, want)
	}
	c.Apply(activityMoments()["timeline"])
	if shown := strings.Join(c.Timeline.Shown(), "|"); !strings.Contains(shown, "Backup: seit 25 Minuten kein Fortschritt") ||
		!strings.Contains(shown, "Vertraut jetzt diesem Computer") {
		t.Errorf("timeline %q", shown)
	}
	if when := c.Timeline.Times[0].String(); !strings.Contains(when, "Februar") && !strings.Contains(when, "März") {
		t.Errorf("an older entry's date %q is not German", when)
	}
}
