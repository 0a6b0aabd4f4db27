package muxsim

import (
	"crypto/rand"
	"crypto/tls"
	"io"
	"net"
	"time"

	"unstuck/device"
	"unstuck/device/usbmux"
)

// lockdown serves lockdownd (or restored) on a connected socket. After a
// StartSession the same framing runs inside TLS until StopSession.
func (s *Sim) lockdown(c net.Conn, udid string) {
	var sess *tls.Conn // non-nil inside a session
	after := false     // a session has ended on this connection
	for {
		var body []byte
		var err error
		if sess != nil {
			body, err = usbmux.ReadLockdown(sess)
		} else {
			body, err = readPlain(c, after)
		}
		if err != nil {
			return
		}
		req, err := usbmux.DecodeLockdownRequest(body)
		if err != nil {
			return
		}
		var w io.Writer = c
		if sess != nil {
			w = sess
		}
		if raw := s.rawReply(req.Request); raw != nil {
			if err := sendRawLockdown(c, w, raw); err != nil {
				return
			}
			continue
		}
		reply, cfg, ok := s.answer(udid, req, sess != nil)
		if !ok {
			return
		}
		_ = c.SetWriteDeadline(time.Now().Add(writeTimeout))
		if err := usbmux.WriteLockdown(w, reply); err != nil || req.Request == usbmux.ReqGoodbye {
			return
		}
		switch {
		case cfg != nil:
			sess = tls.Server(c, cfg)
			_ = c.SetDeadline(time.Now().Add(handshakeTimeout))
			if err := sess.Handshake(); err != nil {
				return // a client that cannot do TLS: close, as a phone does
			}
			_ = c.SetDeadline(time.Time{})
		case req.Request == usbmux.ReqStopSession && sess != nil && reply.Error == "":
			sess, after = nil, true
		}
	}
}

// lockdownCall is one lockdown request and the phone as it was when the
// request came.
type lockdownCall struct {
	udid      string
	req       usbmux.LockdownRequest
	inSession bool
	ps        *phoneState // its fields other than Phone need s.mu
	p         Phone
	key       *phoneKey
	hasRecord bool // the host holds a pair record for the phone
}

// lockdownHandler fills in the reply to one request and returns the TLS
// configuration to switch to when a session starts.
type lockdownHandler func(s *Sim, c lockdownCall, r *usbmux.LockdownReply) *tls.Config

// lockdownHandlers answer lockdownd's requests; any other is InvalidRequest.
var lockdownHandlers = map[string]lockdownHandler{
	usbmux.ReqQueryType:     queryType,
	usbmux.ReqGetValue:      getValue,
	usbmux.ReqPair:          (*Sim).pair,
	usbmux.ReqValidatePair:  validatePair,
	usbmux.ReqStartSession:  (*Sim).startSessionHandler,
	usbmux.ReqStartService:  (*Sim).startServiceHandler,
	usbmux.ReqStopSession:   stopSession,
	usbmux.ReqGoodbye:       goodbye,
	usbmux.ReqEnterRecovery: (*Sim).enterRecoveryHandler,
}

// answer is lockdownd's reply, and the TLS configuration when a session
// starts; false drops the connection (phone gone).
func (s *Sim) answer(udid string, req usbmux.LockdownRequest, inSession bool) (usbmux.LockdownReply, *tls.Config, bool) {
	c, ok := s.lockdownCall(udid, req, inSession)
	if !ok {
		return usbmux.LockdownReply{}, nil, false
	}
	if c.p.Mode == device.ModeRestore {
		return restoredReply(req), nil, true
	}
	r := usbmux.LockdownReply{Request: req.Request}
	h, ok := lockdownHandlers[req.Request]
	if !ok {
		r.Error = "InvalidRequest"
		return r, nil, true
	}
	cfg := h(s, c, &r)
	return r, cfg, true
}

// lockdownCall reads the phone for a request; false: it is gone.
func (s *Sim) lockdownCall(udid string, req usbmux.LockdownRequest, inSession bool) (lockdownCall, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ps := s.phones[normUDID(udid)]
	if ps == nil || ps.deviceID == 0 {
		return lockdownCall{}, false
	}
	return lockdownCall{udid: udid, req: req, inSession: inSession, ps: ps, p: ps.Phone, key: ps.key,
		hasRecord: s.records[normUDID(udid)] != nil}, true
}

// restoredReply is restored's answer: it knows only QueryType and Goodbye.
func restoredReply(req usbmux.LockdownRequest) usbmux.LockdownReply {
	r := usbmux.LockdownReply{Request: req.Request}
	switch req.Request {
	case usbmux.ReqQueryType:
		r.Type, r.RestoreProtocolVersion = usbmux.TypeRestored, 15
	case usbmux.ReqGoodbye:
		r.Result = "Success"
	default:
		r.Error = "UnknownRequest"
	}
	return r
}

func queryType(_ *Sim, _ lockdownCall, r *usbmux.LockdownReply) *tls.Config {
	r.Type = usbmux.TypeLockdown
	return nil
}

// getValue: outside a session only the public values, and the phone's
// public key; inside one the session's domains too.
func getValue(_ *Sim, c lockdownCall, r *usbmux.LockdownReply) *tls.Config {
	req := c.req
	r.Domain, r.Key = req.Domain, req.Key
	values := c.p.publicValues()
	switch {
	case c.inSession:
		sessionValue(c.p, r, req.Domain, req.Key)
	case req.Domain != "":
		r.Error = usbmux.ErrCodeMissingSessionID
	case req.Key == "":
		r.Value = values
	case req.Key == "DevicePublicKey":
		pem, err := c.key.publicPEM()
		if err != nil {
			r.Error = "InternalError"
			break
		}
		r.Value = pem
	case values[req.Key] != nil:
		r.Value = values[req.Key]
	default:
		r.Error = usbmux.ErrCodeMissingSessionID
	}
	return nil
}

// pair answers as the trust dialog was answered (or not yet).
func (s *Sim) pair(c lockdownCall, r *usbmux.LockdownReply) *tls.Config {
	rec := c.req.PairRecord
	if rec == nil || rec.HostID == "" {
		r.Error = "InvalidPairRecord"
		return nil
	}
	switch c.p.Trust {
	case device.TrustTrusted:
		s.mu.Lock()
		delete(c.ps.forgot, rec.HostID) // trusted again
		s.mu.Unlock()
		r.EscrowBag = make([]byte, 32)
		_, _ = rand.Read(r.EscrowBag)
	case device.TrustDenied:
		r.Error = usbmux.ErrCodeUserDeniedPairing
	case device.TrustPasscode:
		r.Error = usbmux.ErrCodePasswordProtected
	default:
		r.Error = usbmux.ErrCodePairingDialogPending
	}
	return nil
}

func validatePair(_ *Sim, c lockdownCall, r *usbmux.LockdownReply) *tls.Config {
	if c.p.Trust != device.TrustTrusted || !c.hasRecord {
		r.Error = usbmux.ErrCodeInvalidHostID
	}
	return nil
}

func (s *Sim) startSessionHandler(c lockdownCall, r *usbmux.LockdownReply) *tls.Config {
	if c.inSession {
		r.Error = "SessionActive"
		return nil
	}
	var cfg *tls.Config
	*r, cfg = s.startSession(c.udid, c.req)
	return cfg
}

func (s *Sim) startServiceHandler(c lockdownCall, r *usbmux.LockdownReply) *tls.Config {
	if !c.inSession {
		r.Error = usbmux.ErrCodeSessionInactive
		return nil
	}
	*r = s.startService(c.udid, c.p, c.req)
	return nil
}

func stopSession(_ *Sim, c lockdownCall, r *usbmux.LockdownReply) *tls.Config {
	if !c.inSession {
		r.Error = "NoRunningSession"
	}
	return nil
}

func goodbye(_ *Sim, _ lockdownCall, r *usbmux.LockdownReply) *tls.Config {
	r.Result = "Success"
	return nil
}

// enterRecoveryHandler: outside a session only a phone that trusts this
// host obeys, and only if it does not insist on a session (some iOS
// versions do: palera1n retries with a handshake on SessionInactive).
func (s *Sim) enterRecoveryHandler(c lockdownCall, r *usbmux.LockdownReply) *tls.Config {
	if !c.inSession && (c.p.Trust != device.TrustTrusted || !c.hasRecord || c.p.RecoveryNeedsSession) {
		r.Error = usbmux.ErrCodeSessionInactive
		return nil
	}
	s.enterRecovery(c.udid)
	return nil
}
