package muxsim

import (
	"testing"

	"unstuck/device"
	"unstuck/device/usbmux"
)

// TestLockdownAnswers: each request outside a session, on a phone in each
// trust state and in restore mode, gets lockdownd's (or restored's) answer.
func TestLockdownAnswers(t *testing.T) {
	startService := usbmux.LockdownRequest{Request: usbmux.ReqStartService, Service: usbmux.DiagnosticsRelayService}
	cases := []struct {
		scenario string
		req      usbmux.LockdownRequest
		want     usbmux.LockdownReply // Request is filled in from req
	}{
		{"normal", usbmux.QueryTypeRequest(), usbmux.LockdownReply{Type: usbmux.TypeLockdown}},
		{"normal", usbmux.LockdownRequest{Request: "Frobnicate"}, usbmux.LockdownReply{Error: "InvalidRequest"}},
		{"normal", usbmux.StopSessionRequest("S"), usbmux.LockdownReply{Error: "NoRunningSession"}},
		{"trusted", startService, usbmux.LockdownReply{Error: usbmux.ErrCodeSessionInactive}},
		{"normal", usbmux.ValidatePairRequest(usbmux.PairRecord{HostID: "H"}), usbmux.LockdownReply{Error: usbmux.ErrCodeInvalidHostID}},
		{"trusted", usbmux.PairRequest(usbmux.PairRecord{}), usbmux.LockdownReply{Error: "InvalidPairRecord"}},
		{"normal", usbmux.PairRequest(usbmux.PairRecord{HostID: "H"}), usbmux.LockdownReply{Error: usbmux.ErrCodePairingDialogPending}},
		{"denied", usbmux.PairRequest(usbmux.PairRecord{HostID: "H"}), usbmux.LockdownReply{Error: usbmux.ErrCodeUserDeniedPairing}},
		{"passcode", usbmux.PairRequest(usbmux.PairRecord{HostID: "H"}), usbmux.LockdownReply{Error: usbmux.ErrCodePasswordProtected}},
		{"trusted", usbmux.StartSessionRequest("not-this-host", "B"), usbmux.LockdownReply{Error: usbmux.ErrCodeInvalidHostID}},
		{"normal", usbmux.EnterRecoveryRequest(), usbmux.LockdownReply{Error: usbmux.ErrCodeSessionInactive}},
		{"normal", usbmux.GoodbyeRequest(), usbmux.LockdownReply{Result: "Success"}},
		{"restore", usbmux.QueryTypeRequest(), usbmux.LockdownReply{Type: usbmux.TypeRestored, RestoreProtocolVersion: 15}},
		{"restore", usbmux.GetValueRequest("", "ProductType"), usbmux.LockdownReply{Error: "UnknownRequest"}},
		{"restore", usbmux.GoodbyeRequest(), usbmux.LockdownReply{Result: "Success"}},
	}
	for _, c := range cases {
		t.Run(c.scenario+"/"+c.req.Request, func(t *testing.T) {
			name := c.scenario
			if name == "restore" { // the restore scenario restores only after 2 s
				name = "trusted"
			}
			s := builtinSim(t, name)
			if c.scenario == "restore" {
				if err := s.SetMode(s.Phones()[0].UDID, device.ModeRestore); err != nil {
					t.Fatal(err)
				}
			}
			got := connectLockdown(t, s, listDevices(t, s)[0].DeviceID).lockdown(c.req)
			want := c.want
			want.Request = c.req.Request
			if got.Request != want.Request || got.Error != want.Error || got.Result != want.Result ||
				got.Type != want.Type || got.RestoreProtocolVersion != want.RestoreProtocolVersion {
				t.Errorf("got %+v, want %+v", got, want)
			}
		})
	}
}
