package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"unstuck/device/tr"
	"unstuck/device/tr/trtest"
)

// runWithin runs the CLI in the background and fails the test if it has
// not returned within limit (a prompt that never gives up).
func runWithin(t *testing.T, ctx context.Context, limit time.Duration, stdin *os.File, args ...string) (int, string, string) {
	t.Helper()
	out, errOut := &syncBuffer{}, &syncBuffer{}
	done := make(chan int, 1)
	go func() { done <- run(ctx, args, stdin, out, errOut) }()
	select {
	case code := <-done:
		return code, out.String(), errOut.String()
	case <-time.After(limit):
		t.Fatalf("%v still running after %s; %d bytes of output, ending %q", args, limit, len(out.String()), tail(out.String()))
	}
	return 0, "", ""
}

func tail(s string) string {
	if len(s) > 200 {
		return s[len(s)-200:]
	}
	return s
}

// stdinFile is a real file (or pipe) holding text, as a shell gives stdin.
func stdinFile(t *testing.T, text string) *os.File {
	t.Helper()
	path := filepath.Join(t.TempDir(), "stdin")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// silentStdin is a pipe nobody writes to: a read on it blocks, as a
// terminal does while the person is away.
func silentStdin(t *testing.T) *os.File {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close(); w.Close() })
	return r
}

// With no answer, or the same bad answer again and again, the save ends.
func TestReportSaveEndsOnEndOfInputAndAfterThreeTries(t *testing.T) {
	startSim(t, "normal")
	withHostChecks(t)
	bad := filepath.Join(t.TempDir(), "nosuch", "x.zip")
	for _, c := range []struct {
		stdin string
		asks  int
		want  []string
	}{
		{"", 1, []string{"standard input ended", "not saved"}},
		{strings.Repeat(bad+"\n", 50), 2, []string{"gave up after 3 tries", "the folder does not exist"}},
	} {
		code, out, errOut := runWithin(t, context.Background(), 10*time.Second, stdinFile(t, c.stdin), "report", "--out", bad)
		for _, w := range c.want {
			if code != 1 || !strings.Contains(errOut, w) {
				t.Errorf("stdin %.20q: exit %d, stderr %q lacks %q", c.stdin, code, errOut, w)
			}
		}
		if n := strings.Count(out, "somewhere else?"); n != c.asks {
			t.Errorf("stdin %.20q: asked %d times, want %d:\n%s", c.stdin, n, c.asks, tail(out))
		}
	}
}

func TestReportSavePromptEndsOnSignal(t *testing.T) {
	startSim(t, "normal")
	withHostChecks(t)
	bad := filepath.Join(t.TempDir(), "nosuch", "x.zip")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		time.Sleep(time.Second) // the snapshot is taken and the question asked
		cancel()
	}()
	code, out, errOut := runWithin(t, ctx, 10*time.Second, silentStdin(t), "report", "--out", bad)
	if code != 1 || !strings.Contains(errOut, "interrupted") || !strings.Contains(out, "somewhere else?") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, tail(out), errOut)
	}
}

func TestRecoveryConfirmationEndsOnEndOfInputAndSignal(t *testing.T) {
	startSim(t, "normal")
	code, out, errOut := runWithin(t, context.Background(), 15*time.Second, stdinFile(t, ""), "enter-recovery", "--wait", "1s")
	if code != 1 || !strings.Contains(errOut, "standard input ended") || !strings.Contains(errOut, "nothing was sent") || !strings.Contains(out, "Continue? [y/N]") {
		t.Errorf("end of input: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		time.Sleep(2 * time.Second)
		cancel()
	}()
	code, out, errOut = runWithin(t, ctx, 15*time.Second, silentStdin(t), "enter-recovery", "--wait", "1s")
	if code != 1 || !strings.Contains(errOut, "interrupted") || !strings.Contains(out, "Continue? [y/N]") {
		t.Errorf("signal: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

// In German the confirmation asks in German, and nein sends nothing.
func TestRecoveryConfirmationInGerman(t *testing.T) {
	noLocale(t)
	startSim(t, "normal")
	code, out, errOut := runWithin(t, context.Background(), 15*time.Second, stdinFile(t, "nein\n"), "enter-recovery", "--lang", "de", "--wait", "1s")
	for _, want := range []string{"im Wiederherstellungsmodus neu", "Es wird nichts gelöscht.", "Fortfahren? [j/N] ", "Es wurde nichts gesendet."} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("exit %d, stdout %q lacks %q; stderr %q", code, out, want, errOut)
		}
	}
}

// A yes is y or yes in every language, and the language's own word for
// it: ja in German, oui in French, sí in Spanish, はい in Japanese.
func TestYesInTheLanguage(t *testing.T) {
	trtest.Speak(t, tr.English)
	for tag, answers := range map[string]map[string]bool{
		"en": {"y": true, "YES": true, "ja": false, "n": false, "": false},
		"de": {"j": true, "Ja": true, "y": true, "nein": false, "n": false},
		"fr": {"o": true, "oui": true, "non": false},
		"es": {"s": true, "sí": true, "si": true, "no": false},
		"ja": {"はい": true, "y": true, "いいえ": false},
	} {
		tr.Use(tag)
		for a, want := range answers {
			if got := isYes(a); got != want {
				t.Errorf("%s: %q is yes: %v", tag, a, got)
			}
		}
	}
}
