package report

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// chromium finds Debian's chromium (make test installs it).
func chromium(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("chromium is not installed (make test installs Debian's chromium package)")
	return ""
}

// runChromium runs a headless chromium with a fresh profile and kills its
// whole process group if it hangs.
func runChromium(t *testing.T, bin string, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + t.TempDir()}
	cmd := exec.CommandContext(ctx, bin, append(base, args...)...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 5 * time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("chromium did not finish in time and was killed; stderr:\n%s", stderr.String())
	}
	if err != nil {
		t.Fatalf("chromium %v: %v\n%s", args, err, stderr.String())
	}
	return stdout.Bytes()
}

// TestHTMLInHeadlessChromium opens the redacted report in a real browser:
// it must render (a screenshot of the right size that is not blank) and the
// rendered DOM must hold the report's text and no identifier.
func TestHTMLInHeadlessChromium(t *testing.T) {
	bin := chromium(t)
	page, err := Build(fixtureInput(), true).HTML()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	htmlPath := filepath.Join(dir, "report.html")
	if err := os.WriteFile(htmlPath, page, 0o644); err != nil {
		t.Fatal(err)
	}
	url := "file://" + htmlPath

	shot := filepath.Join(dir, "report.png")
	runChromium(t, bin, "--screenshot="+shot, "--window-size=1000,1400", "--hide-scrollbars", url)
	f, err := os.Open(shot)
	if err != nil {
		t.Fatalf("no screenshot: %v", err)
	}
	img, err := png.Decode(f)
	f.Close()
	if err != nil {
		t.Fatalf("the screenshot is not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 1000 || b.Dy() != 1400 {
		t.Errorf("screenshot is %dx%d, want 1000x1400", b.Dx(), b.Dy())
	}
	if colours, inked := inkIn(img, image.Rect(0, 0, 1000, 120)); colours < 10 || inked < 500 {
		t.Errorf("the top of the page looks blank: %d colours, %d dark pixels", colours, inked)
	}
	if keep := os.Getenv("UNSTUCK_REPORT_SCREENSHOT"); keep != "" {
		if b, err := os.ReadFile(shot); err == nil {
			os.WriteFile(keep, b, 0o644)
		}
	}

	dom := string(runChromium(t, bin, "--dump-dom", url))
	for _, want := range []string{"Unstuck diagnostic report", "iPhone X (Global)", "9.2 s after the last step began", "the phone went to recovery mode instead of DFU",
		"Troubleshooting steps", "Pair records", "(name hidden)", "…6E8F"} {
		if !strings.Contains(dom, want) {
			t.Errorf("the rendered page lacks %q", want)
		}
	}
	for _, id := range identifierForms(phoneX, phone15, departed) {
		if strings.Contains(strings.ToLower(dom), strings.ToLower(id)) {
			t.Errorf("identifier %q is in the rendered page", id)
		}
	}
}

// inkIn counts the distinct colours in r and the pixels dark enough to be text.
func inkIn(img image.Image, r image.Rectangle) (colours, dark int) {
	seen := map[[3]uint32]bool{}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			seen[[3]uint32{cr, cg, cb}] = true
			if (cr+cg+cb)/3 < 0x8000 {
				dark++
			}
		}
	}
	return len(seen), dark
}
