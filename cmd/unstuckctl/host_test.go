package main

import (
	"bytes"
	"context"
	"encoding/json"
	"runtime"
	"strings"
	"testing"

	"unstuck/device/hostcheck"
	"unstuck/device/tr"
	"unstuck/device/tr/trtest"
)

// TestHostJSONWithSimulatedPhone runs the real checks with the usbmuxd
// simulator as usbmuxd: the phone it serves must show in the checks.
func TestHostJSONWithSimulatedPhone(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows has no usbmuxd checks (its own are Apple Mobile Device Service's); Windows' are tested in device/hostcheck and packaging/wine/host-check.sh")
	}
	startSim(t, "normal")
	var out bytes.Buffer
	err := cmdHost(context.Background(), []string{"--json", "--wait", "3s"}, &out)
	if err != nil && !strings.Contains(err.Error(), "to fix on this computer") {
		t.Fatal(err)
	}
	var checks []map[string]any
	if err := json.Unmarshal(out.Bytes(), &checks); err != nil {
		t.Fatalf("%v: %s", err, out.String())
	}
	ids := map[string]map[string]any{}
	for _, c := range checks {
		for _, key := range []string{"id", "title", "status", "found"} {
			if s, _ := c[key].(string); s == "" {
				t.Errorf("check without %s: %v", key, c)
			}
		}
		ids[c["id"].(string)] = c
	}
	if c := ids["os"]; c == nil || c["status"] == string(hostcheck.Unknown) {
		t.Errorf("os check: %v", c)
	}
	if c := ids["usb.devices"]; c == nil || !strings.Contains(c["found"].(string), "iPhone X") {
		t.Errorf("the simulated iPhone X is not listed: %v", c)
	}
	if c := ids["linux.usbmuxd-running"]; c == nil || c["status"] != "ok" || !strings.Contains(c["found"].(string), "answers") {
		t.Errorf("the simulator answers as usbmuxd: %v", c)
	}
}

func TestHostExitCodes(t *testing.T) {
	if code := run(context.Background(), []string{"host", "--bogus"}, nil, &bytes.Buffer{}, &bytes.Buffer{}); code != 2 {
		t.Errorf("a usage error exits %d, want 2", code)
	}
	checks := []hostcheck.Check{{ID: "a", Status: hostcheck.OK}, {ID: "b", Status: hostcheck.Warn}, {ID: "c", Status: hostcheck.Fail}, {ID: "d", Status: hostcheck.Unknown}}
	if n := toFix(checks); n != 2 || !strings.HasSuffix(describeChecks(checks), "2 things to fix on this computer.\n") {
		t.Errorf("%d to fix:\n%s", n, describeChecks(checks))
	}
	if n := toFix(checks[:1]); n != 0 || !strings.HasSuffix(describeChecks(checks[:1]), "Nothing to fix on this computer.\n") {
		t.Errorf("%d to fix with every check fine", n)
	}
}

func TestHostTextWithoutUsbmuxd(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows has no usbmuxd checks (its own are Apple Mobile Device Service's); Windows' are tested in device/hostcheck and packaging/wine/host-check.sh")
	}
	t.Setenv("USBMUXD_SOCKET_ADDRESS", "UNIX:///nonexistent/usbmuxd.sock")
	var out, stderr bytes.Buffer
	code := run(context.Background(), []string{"host", "--wait", "2s"}, nil, &out, &stderr)
	text := out.String()
	// The exit code says whether anything needs fixing: 1 when it does.
	switch fixes := !strings.Contains(text, "Nothing to fix"); {
	case fixes && (code != 1 || !strings.Contains(stderr.String(), "to fix on this computer")):
		t.Errorf("exit %d with things to fix (stderr %q):\n%s", code, stderr.String(), text)
	case !fixes && code != 0:
		t.Errorf("exit %d with nothing to fix:\n%s", code, text)
	}
	for _, want := range []string{"Operating system:", "usbmuxd running:", "on this computer."} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	if !strings.Contains(text, "[ ok ]") && !strings.Contains(text, "[warn]") {
		t.Errorf("no status marks:\n%s", text)
	}
}

func TestHostUsage(t *testing.T) {
	for _, args := range [][]string{{"--bogus"}, {"extra"}} {
		err := cmdHost(context.Background(), args, &bytes.Buffer{})
		if _, ok := err.(usageError); !ok {
			t.Errorf("%v: %v, want a usage error", args, err)
		}
	}
}

func TestDescribeChecks(t *testing.T) {
	text := describeChecks([]hostcheck.Check{
		{ID: "a", Title: tr.Raw("A"), Status: hostcheck.OK, Found: tr.Raw("fine")},
		{ID: "b", Title: tr.Raw("B"), Status: hostcheck.Fail, Found: tr.Raw("broken"), Fix: tr.Raw("Do this."), Snippet: "RULE", Link: "https://x"},
	})
	for _, want := range []string{"[ ok ] A: fine", "[FAIL] B: broken", "Fix: Do this.", "RULE", "See: https://x", "1 thing to fix"} {
		if !strings.Contains(text, want) {
			t.Errorf("lacks %q:\n%s", want, text)
		}
	}
}

// The checklist for a person is in their language; --json stays English.
func TestDescribeChecksInGerman(t *testing.T) {
	trtest.Speak(t, "de")
	checks := []hostcheck.Check{
		{ID: "os", Title: tr.Msg("host.title.os"), Status: hostcheck.OK, Found: tr.Raw("Debian 12")},
		{ID: "linux.usbmuxd", Title: tr.Msg("host.title.linux.usbmuxd"), Status: hostcheck.Fail,
			Found: tr.Msg("host.linux.usbmuxd.missing"), Fix: tr.Msg("host.linux.usbmuxd.install", "Install", tr.Raw("sudo apt install usbmuxd"))},
	}
	text := describeChecks(checks)
	for _, want := range []string{"[ ok ] Betriebssystem: Debian 12", "[FAIL] usbmuxd installiert: usbmuxd wurde nicht gefunden",
		"Lösung: Installiere usbmuxd (sudo apt install usbmuxd).", "Auf diesem Computer ist 1 Sache zu beheben."} {
		if !strings.Contains(text, want) {
			t.Errorf("lacks %q:\n%s", want, text)
		}
	}
	raw, err := json.Marshal(checks)
	if want := `"title":"usbmuxd installed","status":"fail","found":"usbmuxd was not found; without it the computer cannot talk to a running iPhone.","fix":"Install usbmuxd (sudo apt install usbmuxd)."`; err != nil || !strings.Contains(string(raw), want) {
		t.Errorf("JSON %s, want %s", raw, want)
	}
}
