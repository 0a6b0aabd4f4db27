package backup

import (
	"io/fs"
	"testing"
	"time"

	"unstuck/device/tr"
	"unstuck/device/tr/trtest"
)

func TestWords(t *testing.T) {
	now := time.Date(2026, 3, 14, 15, 4, 30, 0, time.UTC)
	for _, tc := range []struct {
		ago  time.Duration
		want string
	}{
		{10 * time.Minute, "less than an hour ago"},
		{time.Hour, "an hour ago"},
		{5 * time.Hour, "5 hours ago"},
		{30 * time.Hour, "yesterday"},
		{3*24*time.Hour + time.Hour, "3 days ago"},
		{20 * 24 * time.Hour, "2 weeks ago"},
		{100 * 24 * time.Hour, "3 months ago"},
		{800 * 24 * time.Hour, "2 years ago"},
		{-time.Hour, "in the future (the computer's clock may be wrong)"},
	} {
		if got := Age(now.Add(-tc.ago), now).In("en"); got != tc.want {
			t.Errorf("%v ago: %q, want %q", tc.ago, got, tc.want)
		}
	}
	if got := Age(time.Time{}, now).In("en"); got != "date unknown" {
		t.Errorf("zero time: %q", got)
	}
	b := Backup{SizeBytes: 2_500_000, SizeAtLeast: true, Missing: []tr.Text{fileProblem("Info.plist", fs.ErrNotExist), fileProblem("Manifest.db", fs.ErrNotExist)}}
	if b.SizeWords().In("en") != "at least 2.5 MB" || b.CompleteWords().In("en") != "incomplete: Info.plist is missing; Manifest.db is missing" {
		t.Errorf("%q / %q", b.SizeWords().In("en"), b.CompleteWords().In("en"))
	}
	if (Backup{Complete: true}).CompleteWords().In("en") != "complete" {
		t.Error("complete words")
	}
}

// The words are said in the chosen language: German numbers, German words.
func TestWordsInGerman(t *testing.T) {
	trtest.Speak(t, "de")
	now := time.Date(2026, 3, 14, 15, 4, 30, 0, time.UTC)
	b := Backup{SizeBytes: 2_500_000, SizeAtLeast: true}
	if got := b.SizeWords().String(); got != "mindestens 2,5 MB" {
		t.Errorf("size %q", got)
	}
	if got := Age(now.Add(-3*24*time.Hour-time.Hour), now).String(); got != "vor 3 Tagen" {
		t.Errorf("age %q", got)
	}
	if got := (Backup{}).CompleteWords().String(); got != "unvollständig" {
		t.Errorf("complete %q", got)
	}
	if got := folderProblem("/b", fs.ErrPermission).String(); got != "Konnte nicht in /b nachsehen (Zugriff verweigert)." {
		t.Errorf("problem %q", got)
	}
}
