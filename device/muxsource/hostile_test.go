package muxsource

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"unstuck/device/muxsim"
	"unstuck/device/safeplist/plisttest"
	"unstuck/device/usbmux"
)

// millionDeep is a million nested arrays, about 15 MB: under go-ios's
// 16 MiB frame limit, and deep enough to overflow any recursive decoder's
// stack (a fatal error no recover catches).
const millionDeep = 1_000_000

// TestDeepDeviceList: usbmuxd answers ListDevices with a million nested
// arrays. List fails with a malformed-reply error and the process lives on;
// once the reply is sane again List works.
func TestDeepDeviceList(t *testing.T) {
	s := startSim(t, "normal")
	s.RawReply(usbmux.MsgListDevices, plisttest.DeepArrays(millionDeep))
	src := newPatientSource(s)
	_, err := src.List(t.Context())
	if err == nil || !strings.Contains(err.Error(), "device list") || !errors.Is(err, usbmux.ErrMalformed) {
		t.Fatalf("List with a hostile device list: %v", err)
	}
	t.Log(err)
	s.RawReply(usbmux.MsgListDevices, nil)
	if devs := list(t, src); len(devs) != 1 {
		t.Fatalf("after the hostile reply: %+v", devs)
	}
}

// TestDeepGetValue: the phone answers GetValue with a million nested
// arrays. The phone is listed with a note that its answer was malformed.
func TestDeepGetValue(t *testing.T) {
	s := startSim(t, "normal")
	s.RawReply(usbmux.ReqGetValue, plisttest.DeepDictValue(millionDeep))
	devs := list(t, newPatientSource(s))
	if len(devs) != 1 || devs[0].Mode != "normal" || !strings.Contains(devs[0].Note.String(), "malformed") {
		t.Fatalf("phone with a hostile GetValue reply: %+v", devs)
	}
	t.Log(devs[0].Note)
}

// TestTooManyPhones: a device list of 1,001 phones is refused as malformed.
func TestTooManyPhones(t *testing.T) {
	s := startSim(t, "normal")
	for i := range usbmux.MaxDevices { // with the scenario's phone, one too many
		err := s.Attach(muxsim.Phone{
			UDID: fmt.Sprintf("%040x", i+1), ProductType: "iPhone10,3", ProductVersion: "16.7.10",
			BuildVersion: "20H350", DeviceName: "phone", ChipID: 0x8015, UniqueChipID: uint64(i + 1),
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	_, err := newSource(s).List(t.Context())
	if err == nil || !errors.Is(err, usbmux.ErrMalformed) || !strings.Contains(err.Error(), "1001") {
		t.Fatalf("List of %d phones: %v", usbmux.MaxDevices+1, err)
	}
	t.Log(err)
}
