package report

import (
	"regexp"
	"strings"
	"testing"
)

// TestHTMLIsSelfContained: nothing in the page loads from elsewhere or runs.
func TestHTMLIsSelfContained(t *testing.T) {
	page, err := Build(fixtureInput(), true).HTML()
	if err != nil {
		t.Fatal(err)
	}
	s := strings.ToLower(string(page))
	for _, bad := range []string{"<script", "<link", "<img", "<iframe", "src=", "href=", "url(", "@import"} {
		if strings.Contains(s, bad) {
			t.Errorf("the page contains %q", bad)
		}
	}
	for _, want := range []string{"<!doctype html>", "<style>", "@media print", "charset=\"utf-8\""} {
		if !strings.Contains(s, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	// Every section is there, in order.
	heads := regexp.MustCompile(`<h2>([^<]*)</h2>`).FindAllStringSubmatch(string(page), -1)
	var got []string
	for _, h := range heads {
		got = append(got, h[1])
	}
	want := "Phones|What was tried|This computer|Troubleshooting steps|Timeline|Recent errors"
	if strings.Join(got, "|") != want {
		t.Errorf("sections %v, want %s", got, want)
	}
}

// TestHTMLEscapesText: text from the phone or the system cannot inject markup.
func TestHTMLEscapesText(t *testing.T) {
	in := fixtureInput()
	in.Errors = append(in.Errors, `<script>alert("x")</script>`)
	page, err := Build(in, false).HTML()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(page), "<script>") || !strings.Contains(string(page), "&lt;script&gt;") {
		t.Errorf("an error's markup was not escaped")
	}
}

// A check's text to copy (a udev rule) is in the page and the summary,
// and a found text's own full stop is not doubled.
func TestSnippetsReachThePageAndTheSummary(t *testing.T) {
	r := Build(fixtureInput(), true)
	page, err := r.HTML()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), "<pre>SUBSYSTEM==&#34;usb&#34;") {
		t.Errorf("no snippet in the page")
	}
	text := r.Text()
	if !strings.Contains(text, `SUBSYSTEM=="usb"`) || strings.Contains(text, "05ac:1227..") {
		t.Errorf("summary:\n%s", text)
	}
}
