package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"unstuck/device/hostcheck"
)

// TestHostJSONWithSimulatedPhone runs the real checks with the usbmuxd
// simulator as usbmuxd: the phone it serves must show in the checks.
func TestHostJSONWithSimulatedPhone(t *testing.T) {
	startSim(t, "normal")
	var out bytes.Buffer
	if err := cmdHost(context.Background(), []string{"--json", "--wait", "3s"}, &out); err != nil {
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

func TestHostTextWithoutUsbmuxd(t *testing.T) {
	t.Setenv("USBMUXD_SOCKET_ADDRESS", "UNIX:///nonexistent/usbmuxd.sock")
	var out bytes.Buffer
	if err := cmdHost(context.Background(), []string{"--wait", "2s"}, &out); err != nil {
		t.Fatal(err)
	}
	text := out.String()
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
		{ID: "a", Title: "A", Status: hostcheck.OK, Found: "fine"},
		{ID: "b", Title: "B", Status: hostcheck.Fail, Found: "broken", Fix: "Do this.", Snippet: "RULE", Link: "https://x"},
	})
	for _, want := range []string{"[ ok ] A: fine", "[FAIL] B: broken", "Fix: Do this.", "RULE", "See: https://x", "1 thing to fix"} {
		if !strings.Contains(text, want) {
			t.Errorf("lacks %q:\n%s", want, text)
		}
	}
}
