// Package demo plays a scripted story through every state Unstuck shows,
// on the real protocols: a usbmuxd + lockdownd simulator on a private unix
// socket (loopback TCP on Windows) for normal and restore mode, and a
// simulated sysfs USB bus for recovery and DFU. The app's --demo flag points
// its watcher at both, so the whole device layer runs unchanged.
package demo

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"time"

	"unstuck/device"
	"unstuck/device/fixture"
	"unstuck/device/live"
	"unstuck/device/muxsim"
	"unstuck/device/watch"
)

// The demo phone: the fixtures' iPhone X (device/fixture), here Sam's, on
// bus 1 port 2.
const (
	bus  = 1
	port = "1-2"
)

var phone = func() muxsim.Phone {
	p := muxsim.PhoneFrom(fixture.IPhoneXOnMux().Values)
	p.DeviceName, p.Trust, p.LocationID = "Sam's iPhone", device.TrustPending, bus<<16|5
	return p
}()

const (
	dfuSerial      = fixture.DFUSerial
	recoverySerial = fixture.RecoverySerial
)

// step is one beat of the story.
type step struct {
	after time.Duration // pause before this step
	what  string
	do    func(s *Story) error
}

// story walks through every state, then starts again.
var story = slices.Concat(beforeBackup, backupBeats, afterBackup)

var beforeBackup = []step{
	{2 * time.Second, "nothing is plugged in", func(s *Story) error { return nil }},
	{4 * time.Second, "the phone is plugged in, still locked", func(s *Story) error { return s.plug(device.ModeNormal) }},
	{4 * time.Second, "the user unlocks it: it asks whether to trust this computer", func(s *Story) error {
		return s.sim.SetTrust(s.udid, device.TrustPending)
	}},
	{5 * time.Second, "the user taps Trust", func(s *Story) error {
		s.trusted = true
		return s.sim.SetTrust(s.udid, device.TrustTrusted)
	}},
}

var afterBackup = []step{
	{4 * time.Second, "an update starts: the phone reboots into the restore OS", func(s *Story) error { return s.unplug() }},
	{2 * time.Second, "the restore OS is on USB, installing", func(s *Story) error { return s.plug(device.ModeRestore) }},
	{5 * time.Second, "the update fails and the phone reboots", func(s *Story) error { return s.unplug() }},
	{2 * time.Second, "it comes back in recovery mode", func(s *Story) error { return s.bus.plug(s.usb(0x1281, 6, recoverySerial)) }},
	{6 * time.Second, "the user holds the buttons for DFU: the phone drops off", func(s *Story) error { return s.bus.unplug(port) }},
	{2 * time.Second, "DFU mode: black screen, SecureROM on USB", func(s *Story) error { return s.bus.plug(s.usb(0x1227, 7, dfuSerial)) }},
	{6 * time.Second, "a force restart: the phone leaves DFU", func(s *Story) error { return s.bus.unplug(port) }},
	{3 * time.Second, "it boots normally again", func(s *Story) error { return s.plug(device.ModeNormal) }},
	{3 * time.Second, "a worn cable: it drops", func(s *Story) error { return s.unplug() }},
	{1 * time.Second, "and comes back", func(s *Story) error { return s.plug(device.ModeNormal) }},
	{2 * time.Second, "drops again", func(s *Story) error { return s.unplug() }},
	{1 * time.Second, "and comes back again", func(s *Story) error { return s.plug(device.ModeNormal) }},
	{6 * time.Second, "unplugged", func(s *Story) error { return s.unplug() }},
}

// Story is a running demo.
type Story struct {
	dir  string
	sim  *muxsim.Sim
	bus  *sysfsBus
	udid string
	// trusted: the user tapped Trust earlier in this round of the story.
	trusted bool
	files   int // the demo backup's files so far
	// discarded counts the emptied Snapshot folders moved away.
	discarded int
	cfg       Config
	done      chan struct{} // closed when a Once story has played
	log       *slog.Logger
	cancel    context.CancelFunc
	wg        sync.WaitGroup
}

// Config tunes a demo.
type Config struct {
	// Speed plays the story faster (2 = twice as fast); default 1.
	Speed  float64
	Logger *slog.Logger
	// Once plays the story a single time instead of looping.
	Once bool
	// Loopback serves the simulated usbmuxd on a random port of 127.0.0.1
	// instead of a unix socket. Windows always does: its unix sockets came
	// only with Windows 10 1803 (Wine 8 has none), and go-ios reaches the
	// real service over TCP there too. Elsewhere the simulator also falls
	// back to it when the system cannot make a unix socket.
	Loopback bool
}

// Start sets up the simulators in a private temporary folder and starts the story.
func Start(ctx context.Context, c Config) (*Story, error) {
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	if c.Speed <= 0 {
		c.Speed = 1
	}
	dir, err := os.MkdirTemp("", "unstuck-demo")
	if err != nil {
		return nil, err
	}
	s := &Story{dir: dir, log: c.Logger, cfg: c, done: make(chan struct{})}
	if s.bus, err = newSysfsBus(filepath.Join(dir, "sys")); err != nil {
		s.Close()
		return nil, err
	}
	if c.Loopback || runtime.GOOS == "windows" {
		s.sim, err = muxsim.NewLoopback(muxsim.Scenario{Name: "demo"})
	} else {
		s.sim, err = muxsim.New(filepath.Join(dir, "usbmuxd.sock"), muxsim.Scenario{Name: "demo"})
	}
	if err != nil {
		s.Close()
		return nil, err
	}
	if err := s.sim.Start(); err != nil {
		s.Close()
		return nil, err
	}
	ctx, s.cancel = context.WithCancel(ctx)
	s.wg.Add(1)
	go s.play(ctx)
	return s, nil
}

// Options points a live watcher at the demo's simulators.
func (s *Story) Options() live.Options {
	return live.Options{MuxAddress: s.sim.Address(), SysfsRoot: s.bus.root, NoLibusb: true, Logger: s.log,
		// Ask about trust more often than for a real phone (each ask of a real
		// phone may show its dialog again), so the demo's beats show promptly.
		TrustRecheck: 300 * time.Millisecond, Watcher: watch.Options{MuxRefresh: 300 * time.Millisecond}}
}

// Close stops the story and removes the simulators.
func (s *Story) Close() error {
	if s.cancel != nil {
		s.cancel()
	}
	s.wg.Wait()
	if s.sim != nil {
		s.sim.Close()
	}
	return os.RemoveAll(s.dir)
}

// Done is closed when a story started with Once has played to its end.
func (s *Story) Done() <-chan struct{} { return s.done }

func (s *Story) play(ctx context.Context) {
	defer s.wg.Done()
	for {
		s.trusted = false
		for _, st := range story {
			select {
			case <-ctx.Done():
				return
			case <-time.After(s.scaled(st.after)):
			}
			s.log.Info("demo", "step", st.what)
			if err := st.do(s); err != nil {
				s.log.Warn("demo step failed", "step", st.what, "err", err)
			}
		}
		if s.cfg.Once {
			close(s.done)
			return
		}
	}
}

func (s *Story) scaled(d time.Duration) time.Duration {
	return time.Duration(float64(d) / s.cfg.Speed)
}

func (s *Story) usb(pid uint16, addr int, serial string) usbPhone {
	return usbPhone{port: port, bus: bus, addr: addr, pid: pid, speed: 480, serial: serial}
}

// plug attaches the phone running iOS (normal) or the restore OS on both
// sides: the USB bus (product ID 0x12a8, serial = UDID) first, then usbmuxd,
// in the order a real computer notices them.
func (s *Story) plug(mode device.Mode) error {
	p := phone
	p.Mode = mode
	switch {
	case s.trusted:
		p.Trust, p.Paired = device.TrustTrusted, true
	case mode == device.ModeNormal:
		p.Trust = device.TrustPasscode
	}
	p.UDID = muxsim.UDIDFor(p.ChipID, p.UniqueChipID)
	if err := s.bus.plug(s.usb(0x12a8, int(p.LocationID&0xFFFF), p.UDID)); err != nil {
		return err
	}
	time.Sleep(s.scaled(300 * time.Millisecond)) // usbmuxd takes a moment to talk to a new phone
	s.udid = p.UDID
	return s.sim.Attach(p)
}

// unplug takes the phone away: usbmuxd notices first, then the bus.
func (s *Story) unplug() error {
	if err := s.sim.Detach(s.udid); err != nil {
		return err
	}
	return s.bus.unplug(port)
}
