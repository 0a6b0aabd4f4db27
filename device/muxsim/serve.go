package muxsim

import (
	"net"
	"time"

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
			s.serveService(c, udid, service)
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

// connect answers Connect: lockdownd's port (service ""), or the port of a
// service lockdownd started for this phone (service is its name).
func (s *Sim) connect(req usbmux.Request) (udid, service string, result int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ps := s.byDeviceIDLocked(req.DeviceID)
	if ps == nil {
		return "", "", usbmux.ResultBadDevice
	}
	if req.Port() == usbmux.LockdownPort {
		return ps.UDID, "", usbmux.ResultOK
	}
	if name := s.takeServiceLocked(ps.UDID, req.Port()); name != "" {
		return ps.UDID, name, usbmux.ResultOK
	}
	return "", "", usbmux.ResultConnRefused
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
