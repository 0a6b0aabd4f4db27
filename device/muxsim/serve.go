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

// listener is a client that sent Listen: events go through a queue so a
// slow reader never blocks the simulator; a full queue drops the client.
type listener struct {
	conn net.Conn
	ch   chan []byte
	done chan struct{}
}

func (s *Sim) serve(c net.Conn) {
	defer s.wg.Done()
	defer s.drop(c)
	for {
		f, err := usbmux.ReadFrame(c)
		if err != nil {
			return
		}
		req, err := usbmux.DecodeRequest(f.Body)
		if err != nil {
			return // malformed: close this client only
		}
		if raw := s.rawReply(req.MessageType); raw != nil {
			if err := sendRawFrame(c, f.Tag, raw); err != nil {
				return
			}
			continue
		}
		var reply any
		switch req.MessageType {
		case usbmux.MsgListDevices:
			reply = s.deviceList()
		case usbmux.MsgListen:
			s.listen(c, f.Tag)
			return
		case usbmux.MsgConnect:
			udid, service, n := s.connect(req)
			if err := send(c, f.Tag, usbmux.ResultReply(n)); err != nil || n != usbmux.ResultOK {
				if err != nil {
					return
				}
				continue
			}
			if !s.track(c, udid) {
				return
			}
			if service {
				s.relay(c, udid)
			} else {
				s.lockdown(c, udid)
			}
			return
		case usbmux.MsgReadPairRecord:
			reply = usbmux.ResultReply(usbmux.ResultBadDevice)
			if rec := s.PairRecord(req.PairRecordID); rec != nil {
				reply = usbmux.PairRecordReply{PairRecordData: rec}
			}
		case usbmux.MsgSavePairRecord:
			reply = s.savePairRecord(req)
		case usbmux.MsgReadBUID:
			reply = usbmux.BUIDReply{BUID: s.buid}
		default:
			reply = usbmux.ResultReply(usbmux.ResultBadCommand)
		}
		if err := send(c, f.Tag, reply); err != nil {
			return
		}
	}
}

func send(c net.Conn, tag uint32, v any) error {
	_ = c.SetWriteDeadline(time.Now().Add(writeTimeout))
	return usbmux.WriteMessage(c, tag, v)
}

func (s *Sim) deviceList() usbmux.DeviceList {
	s.mu.Lock()
	defer s.mu.Unlock()
	list := usbmux.DeviceList{DeviceList: []usbmux.Event{}}
	for id := 1; id <= s.nextID; id++ {
		if ps := s.byDeviceIDLocked(id); ps != nil {
			list.DeviceList = append(list.DeviceList, s.attachedEvent(ps))
		}
	}
	return list
}

// connect answers Connect: lockdownd's port, or the port of a service
// lockdownd started for this phone (service is then true).
func (s *Sim) connect(req usbmux.Request) (udid string, service bool, result int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ps := s.byDeviceIDLocked(req.DeviceID)
	switch {
	case ps == nil:
		return "", false, usbmux.ResultBadDevice
	case req.Port() == usbmux.LockdownPort:
		return ps.UDID, false, usbmux.ResultOK
	case s.takeServiceLocked(ps.UDID, req.Port()):
		return ps.UDID, true, usbmux.ResultOK
	}
	return "", false, usbmux.ResultConnRefused
}

// track ties a lockdown connection to its phone so Detach can close it.
func (s *Sim) track(c net.Conn, udid string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	ps := s.phones[normUDID(udid)]
	if ps == nil || ps.deviceID == 0 {
		return false
	}
	ps.lockdown[c] = struct{}{}
	return true
}

func (s *Sim) savePairRecord(req usbmux.Request) usbmux.Result {
	if req.PairRecordID == "" || len(req.PairRecordData) == 0 {
		return usbmux.ResultReply(usbmux.ResultBadCommand)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	k := normUDID(req.PairRecordID)
	s.records[k] = req.PairRecordData
	if ps := s.phones[k]; ps != nil && ps.deviceID != 0 {
		s.broadcastLocked(usbmux.Event{MessageType: usbmux.MsgPaired, DeviceID: ps.deviceID})
	}
	return usbmux.ResultReply(usbmux.ResultOK)
}

func (s *Sim) listen(c net.Conn, tag uint32) {
	l := &listener{conn: c, ch: make(chan []byte, 256), done: make(chan struct{})}
	res, _ := usbmux.Marshal(usbmux.ResultReply(usbmux.ResultOK))
	s.mu.Lock()
	l.enqueue(tag, res)
	for id := 1; id <= s.nextID; id++ {
		if ps := s.byDeviceIDLocked(id); ps != nil {
			b, _ := usbmux.Marshal(s.attachedEvent(ps))
			l.enqueue(0, b)
		}
	}
	s.listeners[l] = struct{}{}
	s.mu.Unlock()

	s.wg.Add(1)
	go func() { // writer
		defer s.wg.Done()
		for {
			select {
			case b := <-l.ch:
				_ = c.SetWriteDeadline(time.Now().Add(writeTimeout))
				if _, err := c.Write(b); err != nil {
					_ = c.Close()
					return
				}
			case <-l.done:
				return
			}
		}
	}()
	var buf [64]byte
	for { // a listening client says nothing more; reading notices its end
		if _, err := c.Read(buf[:]); err != nil {
			break
		}
	}
	s.mu.Lock()
	delete(s.listeners, l)
	s.mu.Unlock()
	close(l.done)
}

// enqueue queues a frame; a client too slow to take 256 events is dropped.
func (l *listener) enqueue(tag uint32, body []byte) {
	frame, err := usbmux.AppendFrame(nil, tag, body)
	if err != nil {
		return
	}
	select {
	case l.ch <- frame:
	default:
		_ = l.conn.Close()
	}
}

func (s *Sim) broadcastLocked(ev usbmux.Event) {
	b, err := usbmux.Marshal(ev)
	if err != nil {
		return
	}
	for l := range s.listeners {
		l.enqueue(0, b)
	}
}

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

// answer is lockdownd's reply, and the TLS configuration when a session
// starts; false drops the connection (phone gone).
func (s *Sim) answer(udid string, req usbmux.LockdownRequest, inSession bool) (usbmux.LockdownReply, *tls.Config, bool) {
	s.mu.Lock()
	ps := s.phones[normUDID(udid)]
	if ps == nil || ps.deviceID == 0 {
		s.mu.Unlock()
		return usbmux.LockdownReply{}, nil, false
	}
	p, key := ps.Phone, ps.key
	hasRecord := s.records[normUDID(udid)] != nil
	s.mu.Unlock()

	r := usbmux.LockdownReply{Request: req.Request}
	if p.Mode == device.ModeRestore {
		switch req.Request {
		case usbmux.ReqQueryType:
			r.Type, r.RestoreProtocolVersion = usbmux.TypeRestored, 15
		case usbmux.ReqGoodbye:
			r.Result = "Success"
		default:
			r.Error = "UnknownRequest"
		}
		return r, nil, true
	}
	switch req.Request {
	case usbmux.ReqQueryType:
		r.Type = usbmux.TypeLockdown
	case usbmux.ReqGetValue:
		r.Domain, r.Key = req.Domain, req.Key
		values := p.publicValues()
		switch {
		case inSession:
			sessionValue(p, &r, req.Domain, req.Key)
		case req.Domain != "":
			r.Error = usbmux.ErrCodeMissingSessionID
		case req.Key == "":
			r.Value = values
		case req.Key == "DevicePublicKey":
			pem, err := key.publicPEM()
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
	case usbmux.ReqPair:
		if req.PairRecord == nil || req.PairRecord.HostID == "" {
			r.Error = "InvalidPairRecord"
			break
		}
		switch p.Trust {
		case device.TrustTrusted:
			s.mu.Lock()
			delete(ps.forgot, req.PairRecord.HostID) // trusted again
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
	case usbmux.ReqValidatePair:
		if p.Trust != device.TrustTrusted || !hasRecord {
			r.Error = usbmux.ErrCodeInvalidHostID
		}
	case usbmux.ReqStartSession:
		if inSession {
			r.Error = "SessionActive"
			break
		}
		r, cfg := s.startSession(udid, req)
		return r, cfg, true
	case usbmux.ReqStartService:
		if !inSession {
			r.Error = usbmux.ErrCodeSessionInactive
			break
		}
		return s.startService(udid, p, req), nil, true
	case usbmux.ReqStopSession:
		if !inSession {
			r.Error = "NoRunningSession"
		}
	case usbmux.ReqGoodbye:
		r.Result = "Success"
	case usbmux.ReqEnterRecovery:
		// Outside a session only a phone that trusts this host obeys, and
		// only if it does not insist on a session (some iOS versions do:
		// palera1n retries with a handshake on SessionInactive).
		if !inSession && (p.Trust != device.TrustTrusted || !hasRecord || p.RecoveryNeedsSession) {
			r.Error = usbmux.ErrCodeSessionInactive
			break
		}
		s.enterRecovery(udid)
	default:
		r.Error = "InvalidRequest"
	}
	return r, nil, true
}
