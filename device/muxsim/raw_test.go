package muxsim

import (
	"bytes"
	"testing"

	"unstuck/device/usbmux"
)

// TestRawReply: a raw reply goes out as it is, framed, for usbmuxd and for
// lockdownd; nil restores the real answer.
func TestRawReply(t *testing.T) {
	s := builtinSim(t, "normal")
	raw := []byte("<plist><not-a-device-list/>")
	s.RawReply(usbmux.MsgListDevices, raw)
	if body := dial(t, s).call(usbmux.ListDevicesRequest()); !bytes.Equal(body, raw) {
		t.Fatalf("raw device list: %q", body)
	}
	s.RawReply(usbmux.MsgListDevices, nil)
	devs := listDevices(t, s)
	if len(devs) != 1 {
		t.Fatalf("real reply after the raw one: %+v", devs)
	}

	s.RawReply(usbmux.ReqGetValue, raw)
	c := dial(t, s)
	if res, err := usbmux.DecodeResult(c.call(usbmux.ConnectRequest(devs[0].DeviceID, usbmux.LockdownPort))); err != nil || res.Err() != nil {
		t.Fatalf("connect: %+v %v", res, err)
	}
	if body := c.plistCall(usbmux.GetValueRequest("", "")); !bytes.Equal(body, raw) {
		t.Fatalf("raw GetValue: %q", body)
	}
	if r := c.lockdown(usbmux.QueryTypeRequest()); r.Type != usbmux.TypeLockdown {
		t.Fatalf("QueryType after a raw GetValue: %+v", r)
	}
}
