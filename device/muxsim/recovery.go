package muxsim

import (
	"time"

	"unstuck/device"
)

// OnEnterRecovery sets a function called (on its own goroutine) when a
// phone has accepted EnterRecovery and left usbmuxd, as a real phone does
// when it reboots into recovery mode. Tests and the demo use it to put the
// phone on the emulated USB bus in recovery mode.
func (s *Sim) OnEnterRecovery(fn func(Phone)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.onRecovery = fn
}

// enterRecovery plays the reboot: the phone answers, then drops off
// usbmuxd a moment later (iBoot in recovery mode is not a usbmuxd device).
func (s *Sim) enterRecovery(udid string) {
	time.AfterFunc(100*time.Millisecond, func() {
		s.mu.Lock()
		ps := s.phones[normUDID(udid)]
		if ps == nil || ps.deviceID == 0 || s.closed {
			s.mu.Unlock()
			return
		}
		p := ps.Phone
		p.Mode = device.ModeRecovery
		_ = s.detachLocked(udid)
		fn := s.onRecovery
		s.mu.Unlock()
		if fn != nil {
			go fn(p)
		}
	})
}
