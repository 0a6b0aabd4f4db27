package muxsim

import (
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"time"

	"unstuck/device/usbmux"
)

// BatteryHealth is what the diagnostics relay tells of a simulated battery.
type BatteryHealth struct {
	CycleCount         int
	DesignCapacity     int // mAh
	FullChargeCapacity int // mAh
}

// DefaultBatteryHealth is a two-year-old iPhone X battery: 2716 mAh when
// new, 88 % of it left after 312 cycles.
var DefaultBatteryHealth = BatteryHealth{CycleCount: 312, DesignCapacity: 2716, FullChargeCapacity: 2390}

// withDefaults gives zero fields DefaultBatteryHealth's values.
func (h BatteryHealth) withDefaults() BatteryHealth {
	if h.CycleCount == 0 {
		h.CycleCount = DefaultBatteryHealth.CycleCount
	}
	if h.DesignCapacity == 0 {
		h.DesignCapacity = DefaultBatteryHealth.DesignCapacity
	}
	if h.FullChargeCapacity == 0 {
		h.FullChargeCapacity = DefaultBatteryHealth.FullChargeCapacity
	}
	return h
}

func (h BatteryHealth) validate() error {
	switch {
	case h.CycleCount < 0 || h.CycleCount > 100_000:
		return fmt.Errorf("battery cycle count %d is not 0 to 100000", h.CycleCount)
	case h.DesignCapacity < 0 || h.DesignCapacity > 50_000:
		return fmt.Errorf("battery design capacity %d mAh is not 0 to 50000", h.DesignCapacity)
	case h.FullChargeCapacity < 0 || h.FullChargeCapacity > 2*h.DesignCapacity:
		return fmt.Errorf("battery full-charge capacity %d mAh is not 0 to twice the design capacity (%d mAh)", h.FullChargeCapacity, h.DesignCapacity)
	}
	return nil
}

func (p Phone) health() BatteryHealth {
	return BatteryHealth{p.BatteryCycleCount, p.BatteryDesignCapacity, p.BatteryFullChargeCapacity}
}

// SetBatteryHealth changes what the diagnostics relay reports of the
// battery; zero fields take DefaultBatteryHealth's values, as in a Phone.
func (s *Sim) SetBatteryHealth(udid string, h BatteryHealth) error {
	h = h.withDefaults()
	if err := h.validate(); err != nil {
		return err
	}
	return s.changePhone(udid, func(ps *phoneState) {
		ps.BatteryCycleCount, ps.BatteryDesignCapacity, ps.BatteryFullChargeCapacity = h.CycleCount, h.DesignCapacity, h.FullChargeCapacity
	})
}

// SetExternalPower puts the phone on power, or takes it off, without
// changing whether it charges (SetBattery).
func (s *Sim) SetExternalPower(udid string, on bool) error {
	return s.changePhone(udid, func(ps *phoneState) {
		ps.BatteryExternalPower = on
	})
}

func (p Phone) externalPower() bool { return p.BatteryCharging || p.BatteryExternalPower }

// Service ports: lockdownd starts a service on a fresh device port and the
// host connects to it once through usbmuxd, as on a phone.
const (
	firstServicePort = 49152
	servicePortTTL   = 30 * time.Second // an unused port is forgotten after this
)

type servicePort struct {
	udid    string
	service string
	expires time.Time
}

// startService answers StartService inside a session: a port for the
// diagnostics relay (with TLS), the syslog relay or the notification proxy
// (TLS when the phone's ServiceSSL says so); any other service is
// InvalidService.
func (s *Sim) startService(udid string, p Phone, req usbmux.LockdownRequest) usbmux.LockdownReply {
	r := usbmux.LockdownReply{Request: req.Request, Service: req.Service}
	ssl, ok := p.offers(req.Service)
	if !ok {
		r.Error = "InvalidService"
		return r
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := time.Now()
	if s.services == nil {
		s.services = map[uint16]servicePort{}
	}
	for port, sp := range s.services {
		if now.After(sp.expires) {
			delete(s.services, port)
		}
	}
	for { // the next free port, wrapping within the dynamic range
		if s.nextPort < firstServicePort {
			s.nextPort = firstServicePort
		}
		port := s.nextPort
		s.nextPort++
		if _, used := s.services[port]; !used && port != usbmux.LockdownPort {
			s.services[port] = servicePort{udid: normUDID(udid), service: req.Service, expires: now.Add(servicePortTTL)}
			r.Port, r.EnableServiceSSL = int(port), ssl
			return r
		}
	}
}

// takeServiceLocked claims a started service's port for one connection
// and says which service it is ("" when the port is not one).
func (s *Sim) takeServiceLocked(udid string, port uint16) string {
	sp, ok := s.services[port]
	if !ok || sp.udid != normUDID(udid) || time.Now().After(sp.expires) {
		return ""
	}
	delete(s.services, port)
	return sp.service
}

// relay serves the diagnostics relay on a connected socket: TLS with the
// phone's certificate, then IORegistry queries until Goodbye.
func (s *Sim) relay(c net.Conn, udid string) {
	tc, err := s.serviceHandshake(c, udid)
	if err != nil {
		return
	}
	for {
		body, err := usbmux.ReadLockdown(tc)
		if err != nil {
			return
		}
		req, err := usbmux.DecodeRelayRequest(body)
		if err != nil {
			return
		}
		reply, ok := s.relayAnswer(udid, req)
		if !ok {
			return
		}
		_ = c.SetWriteDeadline(time.Now().Add(writeTimeout))
		if err := usbmux.WriteLockdown(tc, reply); err != nil || req.Request == usbmux.RelayGoodbye {
			return
		}
	}
}

// serviceHandshake switches a service connection to TLS with the phone's
// certificate.
func (s *Sim) serviceHandshake(c net.Conn, udid string) (*tls.Conn, error) {
	cfg, err := s.serviceTLS(udid)
	if err != nil {
		return nil, err
	}
	tc := tls.Server(c, cfg)
	_ = c.SetDeadline(time.Now().Add(handshakeTimeout))
	if err := tc.Handshake(); err != nil {
		return nil, err
	}
	_ = c.SetDeadline(time.Time{})
	return tc, nil
}

// serviceTLS is the TLS server side of a service: the phone's key and the
// DeviceCertificate of the stored pair record, as for a session.
func (s *Sim) serviceTLS(udid string) (*tls.Config, error) {
	s.mu.Lock()
	ps, raw := s.phones[normUDID(udid)], s.records[normUDID(udid)]
	s.mu.Unlock()
	if ps == nil || raw == nil {
		return nil, errors.New("no phone or no pair record")
	}
	var rec usbmux.HostPairRecord
	if err := usbmux.Unmarshal(raw, &rec); err != nil {
		return nil, err
	}
	return deviceTLS(rec, ps.key)
}

// relayAnswer answers one diagnostics relay request; false drops the
// connection (the phone is gone). Only IORegistry and Goodbye are
// simulated; other requests (All, GasGauge, MobileGestalt, Restart...) get
// UnknownRequest.
func (s *Sim) relayAnswer(udid string, req usbmux.RelayRequest) (usbmux.RelayReply, bool) {
	s.mu.Lock()
	ps := s.phones[normUDID(udid)]
	if ps == nil || ps.deviceID == 0 {
		s.mu.Unlock()
		return usbmux.RelayReply{}, false
	}
	p := ps.Phone
	s.mu.Unlock()
	switch req.Request {
	case usbmux.RelayGoodbye:
		return usbmux.RelayReply{Status: usbmux.RelaySuccess}, true
	case usbmux.RelayIORegistry:
		if !isBatteryEntry(req) {
			// The simulated registry holds only the battery's entry.
			return usbmux.RelayReply{Status: usbmux.RelayFailure}, true
		}
		return usbmux.RelayReply{Status: usbmux.RelaySuccess, Diagnostics: map[string]any{usbmux.RelayIORegistry: p.powerSourceEntry()}}, true
	}
	return usbmux.RelayReply{Status: usbmux.RelayUnknownRequest}, true
}

// batteryEntryName is the battery's IORegistry entry name and class on
// iPhones after the iPhone 6s (older ones name it AppleARMPMUCharger: see
// avggymrat/iDescriptor src/core/services/get_battery_info.cpp); its
// class is a subclass of IOPMPowerSource, so a query by either class finds it.
const batteryEntryName = "AppleSmartBattery"

func isBatteryEntry(req usbmux.RelayRequest) bool {
	if req.CurrentPlane != "" && req.CurrentPlane != "IOService" {
		return false
	}
	name := req.EntryName == "" || req.EntryName == batteryEntryName
	class := req.EntryClass == "" || req.EntryClass == batteryEntryName || req.EntryClass == usbmux.PowerSourceClass
	return name && class && (req.EntryName != "" || req.EntryClass != "")
}

// powerSourceEntry is the battery's IORegistry entry, with the keys real
// phones give (CurrentCapacity is the percentage on current iOS).
func (p Phone) powerSourceEntry() map[string]any {
	ext := p.externalPower()
	amps := int64(-310) // mA: discharging
	if p.BatteryCharging {
		amps = 980
	}
	e := map[string]any{
		"BatteryInstalled":        true,
		"CurrentCapacity":         uint64(p.BatteryPercent),
		"MaxCapacity":             uint64(100),
		"IsCharging":              p.BatteryCharging,
		"ExternalConnected":       ext,
		"ExternalChargeCapable":   ext,
		"FullyCharged":            p.BatteryPercent == 100,
		"Temperature":             uint64(2950), // hundredths of a degree Celsius
		"Voltage":                 uint64(3700 + 5*p.BatteryPercent),
		"InstantAmperage":         amps,
		"AppleRawCurrentCapacity": uint64(p.BatteryFullChargeCapacity * p.BatteryPercent / 100),
	}
	if !p.BatteryHealthHidden {
		e["CycleCount"] = uint64(p.BatteryCycleCount)
		e["DesignCapacity"] = uint64(p.BatteryDesignCapacity)
		e["AppleRawMaxCapacity"] = uint64(p.BatteryFullChargeCapacity)
		e["NominalChargeCapacity"] = uint64(p.BatteryFullChargeCapacity)
		e["BatteryData"] = map[string]any{
			"CycleCount":     uint64(p.BatteryCycleCount),
			"DesignCapacity": uint64(p.BatteryDesignCapacity),
		}
	}
	return e
}
