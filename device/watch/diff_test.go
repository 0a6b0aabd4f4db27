package watch

import (
	"slices"
	"testing"
	"time"

	"unstuck/device"
	"unstuck/device/tr"
)

func TestDiff(t *testing.T) {
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	phone := func(key string, m device.Mode, tr device.Trust) device.Device {
		return device.Device{Key: key, Mode: m, Trust: tr, Model: "iPhone X"}
	}
	x := func(m device.Mode) device.Device { return phone("ecid:1", m, "") }
	xt := func(tr device.Trust) device.Device { return phone("ecid:1", device.ModeNormal, tr) }
	ev := func(k device.EventKind, from, to, detail string) device.Event {
		return device.Event{At: now, Kind: k, Key: "ecid:1", Device: "iPhone X", From: from, To: to, Detail: tr.Raw(detail)}
	}
	// back is the attach event of a phone back in mode m after a drop.
	back := func(m string) device.Event {
		e := ev(device.EventAttached, "", m, "")
		e.Detail = tr.Msg("report.detail.reconnected", "Mode", m)
		return e
	}
	noMux := device.Condition{Code: device.CondUsbmuxdUnavailable, Cause: device.CauseNotRunning, Message: tr.Raw("usbmuxd is not running")}
	noMuxReworded := noMux
	noMuxReworded.Message = tr.Raw("usbmuxd is not running (another error)")
	dfuGone := map[string]past{"ecid:1": {mode: device.ModeDFU, departed: true}}
	linked := func(muxID, address int) device.Device {
		d := x(device.ModeNormal)
		d.MuxID, d.USB.Bus, d.USB.Address = muxID, 1, address
		return d
	}

	for _, c := range []struct {
		name       string
		prev, next view
		seen       map[string]past
		want       []device.Event
	}{
		{"nothing", view{}, view{}, nil, nil},
		{"the same phone", view{devices: []device.Device{x(device.ModeDFU)}}, view{devices: []device.Device{x(device.ModeDFU)}}, nil, nil},
		{"a new phone", view{}, view{devices: []device.Device{x(device.ModeDFU)}}, nil,
			[]device.Event{ev(device.EventAttached, "", "dfu", "dfu")}},
		{"back in the mode it left in", view{}, view{devices: []device.Device{x(device.ModeDFU)}}, dfuGone,
			[]device.Event{back("dfu")}},
		{"back in another mode", view{}, view{devices: []device.Device{x(device.ModeRecovery)}}, dfuGone,
			[]device.Event{ev(device.EventAttached, "", "recovery", "recovery"), ev(device.EventModeChanged, "dfu", "recovery", "")}},
		{"a mode change while attached", view{devices: []device.Device{x(device.ModeNormal)}}, view{devices: []device.Device{x(device.ModeRestore)}}, nil,
			[]device.Event{ev(device.EventModeChanged, "normal", "restore", "")}},
		{"a trust change", view{devices: []device.Device{xt(device.TrustPending)}}, view{devices: []device.Device{xt(device.TrustTrusted)}}, nil,
			[]device.Event{ev(device.EventTrustChanged, "pair-dialog-pending", "trusted", "")}},
		{"trust first read", view{devices: []device.Device{xt(device.TrustUnknown)}}, view{devices: []device.Device{xt(device.TrustTrusted)}}, nil, nil},
		{"trust no longer read", view{devices: []device.Device{xt(device.TrustTrusted)}}, view{devices: []device.Device{xt("")}}, nil, nil},
		{"a phone leaves", view{devices: []device.Device{x(device.ModeRecovery)}}, view{}, nil,
			[]device.Event{ev(device.EventDetached, "recovery", "", "")}},
		{"one leaves as another comes", view{devices: []device.Device{phone("usb:1-2", device.ModeDFU, "")}}, view{devices: []device.Device{x(device.ModeDFU)}}, nil,
			[]device.Event{ev(device.EventAttached, "", "dfu", "dfu"), {At: now, Kind: device.EventDetached, Key: "usb:1-2", Device: "iPhone X", From: "dfu"}}},
		{"gone and back between two readings (new usbmuxd number)", view{devices: []device.Device{linked(4, 7)}}, view{devices: []device.Device{linked(5, 7)}}, nil,
			[]device.Event{ev(device.EventDetached, "normal", "", ""), back("normal")}},
		{"gone and back between two readings (new USB address)", view{devices: []device.Device{linked(4, 7)}}, view{devices: []device.Device{linked(4, 8)}}, nil,
			[]device.Event{ev(device.EventDetached, "normal", "", ""), back("normal")}},
		{"its USB side read late is no reconnect", view{devices: []device.Device{linked(4, 0)}}, view{devices: []device.Device{linked(4, 7)}}, nil, nil},
		{"a host condition comes", view{}, view{host: []device.Condition{noMux}}, nil,
			[]device.Event{{At: now, Kind: device.EventHost, To: device.CondUsbmuxdUnavailable, Detail: tr.Raw("usbmuxd is not running")}}},
		{"a host condition is reworded", view{host: []device.Condition{noMux}}, view{host: []device.Condition{noMuxReworded}}, nil, nil},
		{"a host condition clears", view{host: []device.Condition{noMux}}, view{}, nil,
			[]device.Event{{At: now, Kind: device.EventHost, From: device.CondUsbmuxdUnavailable, Detail: tr.Msg("report.detail.resolved")}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := diff(c.prev, c.next, c.seen, now); !slices.Equal(got, c.want) {
				t.Errorf("diff\n got %+v\nwant %+v", got, c.want)
			}
		})
	}
}

// The timeline's words for a reconnect and a cleared condition are
// messages: English in the JSON as before, the reader's language elsewhere.
func TestDiffDetailsAreMessages(t *testing.T) {
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	d := device.Device{Key: "ecid:1", Mode: device.ModeDFU}
	got := diff(view{}, view{devices: []device.Device{d}}, map[string]past{d.Key: {mode: device.ModeDFU, departed: true}}, now)
	if len(got) != 1 || got[0].Detail.In("en") != "dfu (reconnected)" || got[0].Detail.In("de") != "dfu (wieder verbunden)" {
		t.Errorf("reconnect: %+v", got)
	}
	cleared := diff(view{host: []device.Condition{{Code: device.CondUsbmuxdUnavailable}}}, view{}, nil, now)
	if len(cleared) != 1 || cleared[0].Detail.In("en") != "resolved" || cleared[0].Detail.In("de") != "behoben" {
		t.Errorf("cleared: %+v", cleared)
	}
}
