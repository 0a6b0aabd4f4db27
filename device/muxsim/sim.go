// Package muxsim is a usbmuxd and lockdownd simulator that speaks the real
// wire protocol on a unix socket, or on loopback TCP where the system has no
// unix sockets (Windows before 10 1803, Wine). Point go-ios,
// libimobiledevice's tools or Unstuck itself at it with
// USBMUXD_SOCKET_ADDRESS set to its Address (UNIX:///abs/path.sock or
// tcp://127.0.0.1:port).
//
// The world it simulates is data: a Scenario of timed steps (attach, detach,
// trust, mode) run relative to Start, plus methods tests call to change the
// world live. Without a session lockdown answers what a phone answers an
// unpaired host: QueryType, GetValue of the public keys, and Pair with the
// phone's trust state. A host with a pair record can StartSession: the
// connection then switches to TLS (the phone's key and the DeviceCertificate
// of the record) and GetValue also answers protected keys and the battery;
// StartService starts the diagnostics relay, whose port a usbmuxd Connect
// then reaches (TLS again), and which answers the battery's IORegistry
// entry with its health. StartService also starts the syslog relay (the
// phone's log lines, each ended by NUL, that Log or a scenario's "log" step
// sends) and the notification proxy (ObserveNotification; Notify or a
// "notify" step posts), plain or in TLS as Phone.ServiceSSL says; Debian's
// idevicesyslog and idevicenotificationproxy read them. A client that sends garbage is disconnected; the
// simulator itself carries on.
package muxsim

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"slices"
	"sync"
	"time"

	"unstuck/device"
	"unstuck/device/usbmux"
)

// writeTimeout bounds every write to a client, so a client that stops
// reading cannot stall the simulator.
const writeTimeout = 2 * time.Second

// Sim is a running simulator.
type Sim struct {
	path string       // the socket file; "" on loopback TCP
	ln   net.Listener // a *net.UnixListener, or TCP on 127.0.0.1
	file fs.FileInfo  // the socket file, removed on Close while it is still ours
	sc   Scenario
	buid string

	mu        sync.Mutex
	phones    map[string]*phoneState // by normUDID, attached or not
	nextID    int
	records   map[string][]byte // pair records by normUDID
	conns     map[net.Conn]struct{}
	listeners map[*listener]struct{}
	timers    []*time.Timer
	started   bool
	closed    bool
	// services are the ports of started services not yet connected to.
	services map[uint16]servicePort
	nextPort uint16
	// onRecovery is told when a phone has rebooted into recovery mode.
	onRecovery func(Phone)
	// raw are the raw reply bodies by request name (RawReply).
	raw map[string][]byte
	// feeds are the phones' syslog and notification listeners (phonelog.go).
	feeds map[string]*feed
	wg    sync.WaitGroup
}

type phoneState struct {
	Phone
	deviceID int // 0 while detached
	key      *phoneKey
	lockdown map[net.Conn]struct{}
	forgot   map[string]bool // HostIDs the phone no longer trusts (ForgetPairing)
}

// New listens on socketPath (a stale socket file there is replaced; one
// that something answers on is refused) and prepares the scenario; nothing
// is served until Start. Where the system has no unix sockets at all it
// listens on loopback TCP instead, as NewLoopback does: Address says which.
func New(socketPath string, sc Scenario) (*Sim, error) {
	if err := sc.Validate(); err != nil {
		return nil, err
	}
	ln, file, err := listenSocket(socketPath)
	if noUnixSockets(err) {
		return NewLoopback(sc)
	}
	if err != nil {
		return nil, err
	}
	return newSim(socketPath, ln, file, sc), nil
}

// NewLoopback is New on a random port of 127.0.0.1 instead of a unix
// socket: Address is then tcp://127.0.0.1:port.
func NewLoopback(sc Scenario) (*Sim, error) {
	if err := sc.Validate(); err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("simulator port on 127.0.0.1: %w", err)
	}
	return newSim("", ln, nil, sc), nil
}

func newSim(path string, ln net.Listener, file fs.FileInfo, sc Scenario) *Sim {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return &Sim{
		path: path, ln: ln, file: file, sc: sc,
		buid:      fmt.Sprintf("%X-%X-%X-%X-%X", b[:4], b[4:6], b[6:8], b[8:10], b[10:]),
		phones:    map[string]*phoneState{},
		records:   map[string][]byte{},
		conns:     map[net.Conn]struct{}{},
		listeners: map[*listener]struct{}{},
	}
}

// Address is the USBMUXD_SOCKET_ADDRESS value for this simulator:
// UNIX:///path, or tcp://127.0.0.1:port on loopback TCP.
func (s *Sim) Address() string {
	if s.path == "" {
		return "tcp://" + s.ln.Addr().String()
	}
	return "UNIX://" + s.path
}

// Path is the socket path ("" on loopback TCP).
func (s *Sim) Path() string { return s.path }

// Start applies the scenario's steps at time 0, then serves clients and
// runs the later steps on timers.
func (s *Sim) Start() error {
	s.mu.Lock()
	if s.started || s.closed {
		s.mu.Unlock()
		return errors.New("simulator already started or closed")
	}
	s.started = true
	s.mu.Unlock()
	for _, st := range s.sc.Steps {
		if st.At == 0 {
			if err := s.apply(st); err != nil {
				return err
			}
		}
	}
	s.mu.Lock()
	for _, st := range s.sc.Steps {
		if st.At > 0 {
			st := st
			s.timers = append(s.timers, time.AfterFunc(time.Duration(st.At), func() { _ = s.apply(st) }))
		}
	}
	s.mu.Unlock()
	s.wg.Add(1)
	go s.accept()
	return nil
}

// Close stops the scenario, closes the socket and every client connection,
// and waits for the simulator's goroutines to end.
func (s *Sim) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	for _, t := range s.timers {
		t.Stop()
	}
	for c := range s.conns {
		_ = c.Close()
	}
	s.mu.Unlock()
	err := s.ln.Close()
	if s.file != nil {
		removeSocket(s.path, s.file)
	}
	s.wg.Wait()
	return err
}

// Kill is Close: the abrupt end of usbmuxd. A new Sim on the same path
// plays a restarted usbmuxd.
func (s *Sim) Kill() { _ = s.Close() }

func (s *Sim) accept() {
	defer s.wg.Done()
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return
		}
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			_ = c.Close()
			return
		}
		s.conns[c] = struct{}{}
		s.wg.Add(1)
		s.mu.Unlock()
		go s.serve(c)
	}
}

func (s *Sim) drop(c net.Conn) {
	_ = c.Close()
	s.mu.Lock()
	delete(s.conns, c)
	for _, p := range s.phones {
		delete(p.lockdown, c)
	}
	s.mu.Unlock()
}

// Attach plugs a phone in (or re-plugs it with a new profile).
func (s *Sim) Attach(p Phone) error {
	p = p.withDefaults()
	if err := p.validate(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	k := normUDID(p.UDID)
	old := s.phones[k]
	if old != nil && old.deviceID != 0 {
		return fmt.Errorf("phone %s is already attached", p.UDID)
	}
	ps := &phoneState{Phone: p, key: &phoneKey{}, lockdown: map[net.Conn]struct{}{}, forgot: map[string]bool{}}
	if old != nil {
		ps.key, ps.forgot = old.key, old.forgot
	}
	if p.Paired && s.records[k] == nil {
		rec, err := s.fakeRecord(ps.key)
		if err != nil {
			return err
		}
		s.records[k] = rec
	}
	s.phones[k] = ps
	s.attachLocked(ps)
	return nil
}

// Reattach plugs a phone in again with its last profile.
func (s *Sim) Reattach(udid string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	ps := s.phones[normUDID(udid)]
	switch {
	case ps == nil:
		return fmt.Errorf("unknown phone %s", udid)
	case ps.deviceID != 0:
		return fmt.Errorf("phone %s is already attached", udid)
	}
	s.attachLocked(ps)
	return nil
}

func (s *Sim) attachLocked(ps *phoneState) {
	s.nextID++
	ps.deviceID = s.nextID
	s.broadcastLocked(s.attachedEvent(ps))
}

// Detach unplugs a phone: listeners get Detached, its lockdown
// connections close.
func (s *Sim) Detach(udid string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.detachLocked(udid)
}

func (s *Sim) detachLocked(udid string) error {
	ps := s.phones[normUDID(udid)]
	if ps == nil || ps.deviceID == 0 {
		return fmt.Errorf("phone %s is not attached", udid)
	}
	id := ps.deviceID
	ps.deviceID = 0
	for c := range ps.lockdown {
		_ = c.Close()
	}
	clear(ps.lockdown)
	s.broadcastLocked(usbmux.Event{MessageType: usbmux.MsgDetached, DeviceID: id})
	return nil
}

// changePhone runs change on a known phone's state under the lock.
func (s *Sim) changePhone(udid string, change func(*phoneState)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	ps := s.phones[normUDID(udid)]
	if ps == nil {
		return fmt.Errorf("unknown phone %s", udid)
	}
	change(ps)
	return nil
}

// SetTrust changes what the phone answers to Pair (the user tapped Trust,
// Don't Trust, or locked it).
func (s *Sim) SetTrust(udid string, t device.Trust) error {
	if err := validTrust(t); err != nil {
		return err
	}
	return s.changePhone(udid, func(ps *phoneState) {
		ps.Trust = t
	})
}

// SetMode switches between normal and restore mode. Like a real phone
// rebooting into the restore OS, it drops off USB and comes back with a
// new DeviceID.
func (s *Sim) SetMode(udid string, m device.Mode) error {
	if m != device.ModeNormal && m != device.ModeRestore {
		return fmt.Errorf("mode %q is not normal or restore", m)
	}
	return s.changePhone(udid, func(ps *phoneState) {
		ps.Mode = m
		if ps.deviceID != 0 {
			_ = s.detachLocked(udid)
			s.attachLocked(ps)
		}
	})
}

// Phones returns the attached phones' profiles, in DeviceID order.
func (s *Sim) Phones() []Phone {
	s.mu.Lock()
	defer s.mu.Unlock()
	var ps []*phoneState
	for _, p := range s.phones {
		if p.deviceID != 0 {
			ps = append(ps, p)
		}
	}
	slices.SortFunc(ps, func(a, b *phoneState) int { return a.deviceID - b.deviceID })
	out := make([]Phone, len(ps))
	for i, p := range ps {
		out[i] = p.Phone
	}
	return out
}

// PairRecord returns the pair record stored for a UDID, if any.
func (s *Sim) PairRecord(udid string) []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.records[normUDID(udid)])
}

func (s *Sim) attachedEvent(ps *phoneState) usbmux.Event {
	loc := ps.LocationID
	if loc == 0 {
		loc = 1<<16 | uint32(2+ps.deviceID%120)
	}
	return usbmux.Event{
		MessageType: usbmux.MsgAttached, DeviceID: ps.deviceID,
		Properties: &usbmux.Properties{
			ConnectionSpeed: ps.SpeedBits, ConnectionType: "USB", DeviceID: ps.deviceID,
			LocationID: int64(loc), ProductID: 0x12a8, SerialNumber: ps.UDID,
		},
	}
}

func (s *Sim) byDeviceIDLocked(id int) *phoneState {
	for _, p := range s.phones {
		if p.deviceID == id && id != 0 {
			return p
		}
	}
	return nil
}
