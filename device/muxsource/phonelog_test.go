package muxsource

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"unstuck/device/muxsim"
	"unstuck/device/usbmux"
)

// logSim is the trusted scenario's phone, its services plain or in TLS.
func logSim(t *testing.T, ssl bool) (*muxsim.Sim, string) {
	t.Helper()
	s := startTrustedWith(t, func(p *muxsim.Phone) { p.ServiceSSL = ssl })
	return s, s.Phones()[0].UDID
}

// follow runs FollowLog in the background; its lines come on the channel
// and its end on the error channel.
func follow(t *testing.T, s *muxsim.Sim, udid string) (<-chan LogLine, <-chan error, context.CancelFunc) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	src := New(Options{Address: s.Address(), Timeout: time.Second, NoPair: true, IdentityFile: "-"})
	lines, done := make(chan LogLine, 1024), make(chan error, 1)
	go func() {
		done <- src.FollowLog(ctx, udid, []string{"BackupAgent2", "backupd"}, func(l LogLine) { lines <- l })
	}()
	return lines, done, cancel
}

// until logs a marker line until the reader hands it on: the reader is
// then connected (a phone's relay sends only what is logged after).
func until(t *testing.T, s *muxsim.Sim, udid string, lines <-chan LogLine) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); {
		_ = s.Log(udid, "backupd[1] <Notice>: marker")
		select {
		case l := <-lines:
			if l.Message == "marker" {
				for len(lines) > 0 {
					<-lines
				}
				return
			}
		case <-time.After(50 * time.Millisecond):
		}
	}
	t.Fatal("the reader never connected")
}

func TestFollowLogKeepsTheBackupsLinesWithinBounds(t *testing.T) {
	for _, ssl := range []bool{false, true} {
		t.Run(map[bool]string{false: "plain", true: "tls"}[ssl], func(t *testing.T) {
			s, udid := logSim(t, ssl)
			lines, done, cancel := follow(t, s, udid)
			until(t, s, udid, lines)
			long := strings.Repeat("x", 5000)
			_ = s.Log(udid, "SpringBoard[58] <Notice>: noise", "BackupAgent2(MobileBackup)[345] <Notice>: Uploaded 312 files of 48 MB in 2.1 s at 22.9 MB/s",
				"backupd[123] <Error>: "+long, "backupd[123] <Error>: Insufficient free disk space")
			want := []LogLine{{Process: "BackupAgent2", Level: "Notice", Message: "Uploaded 312 files of 48 MB in 2.1 s at 22.9 MB/s"},
				{Process: "backupd", Level: "Error"}, {Process: "backupd", Level: "Error", Message: "Insufficient free disk space"}}
			for i, w := range want {
				select {
				case l := <-lines:
					if i == 1 {
						if len(l.Message) > MaxLogLine || !strings.HasPrefix(l.Message, "xxx") {
							t.Errorf("a long line came as %d bytes", len(l.Message))
						}
						continue
					}
					if l.Process != w.Process || l.Level != w.Level || l.Message != w.Message || l.At.IsZero() {
						t.Errorf("line %d: %+v, want %+v", i, l, w)
					}
				case <-time.After(5 * time.Second):
					t.Fatalf("line %d never came", i)
				}
			}
			cancel()
			if err := <-done; err != nil {
				t.Errorf("FollowLog after cancel: %v", err)
			}
		})
	}
}

func TestFollowLogDropsLinesPastItsRate(t *testing.T) {
	s, udid := logSim(t, false)
	lines, _, _ := follow(t, s, udid)
	until(t, s, udid, lines)
	batch := make([]string, 200) // within the simulator's queue of 256
	for i := range batch {
		batch[i] = "BackupAgent2[345] <Notice>: Moved 1 files"
	}
	_ = s.Log(udid, batch...)
	time.Sleep(500 * time.Millisecond)
	if n := len(lines); n < LogBurst-2 || n > LogBurst+LogRate {
		t.Errorf("%d of 200 lines at once passed, want about the burst of %d", n, LogBurst)
	}
}

func TestFollowLogEndsWhenThePhoneLeaves(t *testing.T) {
	s, udid := logSim(t, false)
	lines, done, _ := follow(t, s, udid)
	until(t, s, udid, lines)
	_ = s.Detach(udid)
	select {
	case err := <-done:
		if err == nil {
			t.Error("FollowLog ended without an error when the phone left")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("FollowLog went on after the phone left")
	}
	src := New(Options{Address: s.Address(), Timeout: time.Second, NoPair: true, IdentityFile: "-"})
	if err := src.FollowLog(context.Background(), udid, nil, func(LogLine) {}); !errors.Is(err, ErrPhoneGone) {
		t.Errorf("FollowLog of a phone that left: %v", err)
	}
}

func TestFollowNotificationsObservesOnlyItsNames(t *testing.T) {
	s, udid := logSim(t, true)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	src := New(Options{Address: s.Address(), Timeout: time.Second, NoPair: true, IdentityFile: "-"})
	got, done := make(chan string, 16), make(chan error, 1)
	names := []string{usbmux.PasscodePromptPresented, usbmux.PasscodePromptDismissed}
	go func() { done <- src.FollowNotifications(ctx, udid, names, func(n string, _ time.Time) { got <- n }) }()
	var first string
	for deadline := time.Now().Add(10 * time.Second); first == "" && time.Now().Before(deadline); {
		_ = s.Notify(udid, "com.apple.springboard.lockstate")
		_ = s.Notify(udid, usbmux.PasscodePromptPresented)
		select {
		case first = <-got:
		case <-time.After(50 * time.Millisecond):
		}
	}
	if first != usbmux.PasscodePromptPresented {
		t.Fatalf("first notification %q", first)
	}
	_ = s.Notify(udid, usbmux.PasscodePromptDismissed)
	for n := range got {
		if n == usbmux.PasscodePromptDismissed {
			break
		}
		if n != usbmux.PasscodePromptPresented {
			t.Fatalf("relayed %q, never observed", n)
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("after cancel: %v", err)
	}
}
