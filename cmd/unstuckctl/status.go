package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"unstuck/device"
	"unstuck/device/activity"
	"unstuck/device/awake"
	"unstuck/device/live"
	"unstuck/device/tr"
)

func cmdStatus(ctx context.Context, args []string, stdout io.Writer) error {
	fs := newFlags("status")
	asJSON := fs.Bool("json", false, tr.T("cli.flag.json"))
	wait := fs.Duration("wait", 5*time.Second, tr.T("cli.flag.wait"))
	sysfs := fs.String("sysfs", "", tr.T("cli.flag.sysfs"))
	pair := fs.Bool("pair", false, tr.T("cli.flag.pair"))
	listen := fs.Duration("listen", 0, tr.T("cli.flag.listen"))
	backupDirs := addBackupDir(fs)
	if err := parseArgs(fs, args); err != nil {
		return err
	}
	o := live.Options{SysfsRoot: *sysfs, NoPair: !*pair}
	s, err := live.Snapshot(ctx, o, *wait)
	if err != nil {
		return err
	}
	tracker := activity.NewTracker(backupRoots(*backupDirs), nil)
	if *listen > 0 {
		tracker.Signals = listenToPhones(ctx, o, s, *listen)
	}
	acts := answers(tracker, s)
	aw := keptAwake(ctx)
	if *asJSON {
		v := statusJSON(s, acts)
		v.Awake = &aw
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(v)
	}
	_, err = io.WriteString(stdout, describe(s)+describeActivity(s, acts)+aw.describe())
	return err
}

// awakeView says whether Unstuck (the app, another process) is keeping
// this computer awake, as the system's sleep inhibitors show it.
type awakeView struct {
	Held  []awake.Inhibition `json:"held"`
	Error string             `json:"error,omitempty"` // the system could not tell
}

func keptAwake(ctx context.Context) awakeView {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	held, err := awake.Held(ctx)
	v := awakeView{Held: held}
	if v.Held == nil {
		v.Held = []awake.Inhibition{}
	}
	if err != nil {
		v.Error = err.Error()
	}
	return v
}

func (v awakeView) describe() string {
	switch {
	case len(v.Held) > 0:
		return tr.T("status.awake", "Why", v.Held[0].Why) + "\n"
	case v.Error != "":
		return tr.T("status.awake.unknown", "Error", v.Error) + "\n"
	}
	return tr.T("status.awake.no") + "\n"
}

func cmdWatch(ctx context.Context, args []string, stdout io.Writer) error {
	fs := newFlags("watch")
	asJSON := fs.Bool("json", false, tr.T("cli.flag.json-lines"))
	sysfs := fs.String("sysfs", "", tr.T("cli.flag.sysfs"))
	backupDirs := addBackupDir(fs)
	if err := parseArgs(fs, args); err != nil {
		return err
	}
	tracker := activity.NewTracker(backupRoots(*backupDirs), nil)
	tracker.Signals = activity.NewSignals()
	poll := time.NewTicker(tracker.T.BackupPoll) // a backup moves on without a new State
	defer poll.Stop()
	var s device.State
	var acts map[string]activity.Activity
	o := live.Options{SysfsRoot: *sysfs}
	w := live.NewWatcher(o)
	states, unsub := w.Latest()
	defer unsub()
	phones, unsubPhones := w.Latest()
	defer unsubPhones()
	go live.FollowPhones(ctx, o, phones, tracker.Signals)
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	enc := json.NewEncoder(stdout)
	lastSeq := ^uint64(0)
	lastText := "" // the last State printed whole as text: one that says the same is not printed again
	for {
		fresh := false // a new State, printed whole
		select {
		case <-ctx.Done():
			<-done
			return nil
		case <-poll.C:
		case <-tracker.Signals.Changed(): // a phone's log or prompt said something
		case s = <-states:
			if s.Seq == lastSeq {
				continue
			}
			lastSeq, fresh = s.Seq, true
		}
		if lastSeq == ^uint64(0) {
			continue
		}
		cur := answers(tracker, s)
		if !fresh && !activityChanged(acts, cur) {
			continue
		}
		acts = cur
		var err error
		switch {
		case *asJSON:
			err = enc.Encode(statusJSON(s, acts))
		case fresh:
			text := describe(s) + describeActivity(s, acts)
			if text == lastText {
				continue
			}
			lastText = text
			at := s.Updated
			if at.IsZero() { // the watcher's first, empty state
				at = time.Now()
			}
			_, err = fmt.Fprintf(stdout, "--- %s\n%s", at.Format("15:04:05.000"), text)
		default:
			_, err = fmt.Fprintf(stdout, "--- %s\n%s", time.Now().Format("15:04:05.000"), describeActivity(s, acts))
		}
		if err != nil {
			return err // stdout closed: stop quietly with the error
		}
	}
}

// statusView is the JSON shape of status and watch: the devices, the
// departed ones and host conditions; the timeline only in watch's last word.
type statusView struct {
	Updated  time.Time          `json:"updated"`
	Devices  []phoneView        `json:"devices"` // each with its activity
	Departed []device.Device    `json:"departed,omitempty"`
	Away     []awayView         `json:"away,omitempty"` // left during an update, with the activity
	Host     []device.Condition `json:"host,omitempty"`
	Awake    *awakeView         `json:"awake,omitempty"` // status only
}

func statusJSON(s device.State, acts map[string]activity.Activity) statusView {
	return statusView{Updated: s.Updated, Devices: phoneViews(s.Devices, acts), Departed: s.Departed,
		Away: awayViews(s, acts), Host: s.Host}
}

// describe writes the state as plain text for a person.
func describe(s device.State) string {
	var b strings.Builder
	for _, c := range s.Host {
		if c.Problem() {
			fmt.Fprintf(&b, "! %s\n", c.Message)
		} else {
			fmt.Fprintf(&b, "i %s\n", c.Message) // normal here: said, not warned of
		}
	}
	if len(s.Devices) == 0 {
		b.WriteString(tr.T("status.no-phone") + "\n")
	}
	for _, d := range s.Devices {
		fmt.Fprintf(&b, "%s — %s\n", d.Name(), d.Mode.Headline())
		line := func(id, v string) {
			if v != "" {
				fmt.Fprintf(&b, "  %s%s\n", padLabel(tr.T(id)), v)
			}
		}
		line("field.mode", d.Mode.Words().String())
		line("field.product", d.ProductType)
		if d.IOSVersion != "" {
			line("field.ios", strings.TrimSpace(d.IOSVersion+" ("+d.IOSBuild+")"))
		}
		if d.Mode == device.ModeNormal || d.Mode == device.ModeUSBOnly {
			line("field.trust", tr.Sentences(d.Trust.Words().String(), d.Trust.Advice().String()))
		}
		if d.Battery != nil {
			line("field.battery", tr.Sentences(d.Battery.String(), d.Battery.Warning()))
		}
		if d.ChipKnown {
			line("field.chip", fmt.Sprintf("CPID 0x%04x, BDID 0x%02x", d.CPID, d.BDID))
		}
		if d.ECID != 0 {
			line("field.ecid", device.FormatECID(d.ECID))
		}
		line("field.udid", d.UDID)
		line("field.usb", d.USB.Speed())
		if d.Stability.Flaps > 0 {
			line("field.connection", tr.N("status.dropped", d.Stability.Flaps))
		}
		line("field.note", d.Note.String())
	}
	for _, d := range s.Departed {
		b.WriteString(tr.T("status.left", "Name", d.Name(), "Ago", tr.Ago(d.Stability.LastSeen, time.Now()), "Mode", d.Mode.Words()) + "\n")
	}
	return b.String()
}
