package backup

import (
	"testing"
	"time"
)

func TestWords(t *testing.T) {
	now := time.Date(2026, 3, 14, 15, 4, 30, 0, time.UTC)
	for _, tc := range []struct {
		ago  time.Duration
		want string
	}{
		{10 * time.Minute, "less than an hour ago"},
		{time.Hour, "1 hour ago"},
		{5 * time.Hour, "5 hours ago"},
		{30 * time.Hour, "yesterday"},
		{3*24*time.Hour + time.Hour, "3 days ago"},
		{20 * 24 * time.Hour, "2 weeks ago"},
		{100 * 24 * time.Hour, "3 months ago"},
		{800 * 24 * time.Hour, "2 years ago"},
		{-time.Hour, "in the future (the computer's clock may be wrong)"},
	} {
		if got := Age(now.Add(-tc.ago), now); got != tc.want {
			t.Errorf("%v ago: %q, want %q", tc.ago, got, tc.want)
		}
	}
	if got := Age(time.Time{}, now); got != "date unknown" {
		t.Errorf("zero time: %q", got)
	}
	for n, want := range map[int64]string{0: "0 bytes", 999: "999 bytes", 1500: "1.5 kB", 14_200_000_000: "14.2 GB",
		999_990_000: "1.0 GB", 3_000_000_000_000: "3.0 TB"} {
		if got := Bytes(n); got != want {
			t.Errorf("Bytes(%d) = %q, want %q", n, got, want)
		}
	}
	b := Backup{SizeBytes: 2_500_000, SizeAtLeast: true, Missing: []string{"Info.plist is missing", "Manifest.db is missing"}}
	if b.SizeWords() != "at least 2.5 MB" || b.CompleteWords() != "incomplete: Info.plist is missing; Manifest.db is missing" {
		t.Errorf("%q / %q", b.SizeWords(), b.CompleteWords())
	}
	if (Backup{Complete: true}).CompleteWords() != "complete" {
		t.Error("complete words")
	}
}
