package watch

import (
	"context"
	"errors"
	"sync"

	"unstuck/device"
)

// The watcher's unit tests drive it through scripted sources: plain data
// behind the two source interfaces. The real sources are tested against the
// usbmuxd simulator and umockdev in their own packages and in the
// integration tests.

type scriptedMux struct {
	mu      sync.Mutex
	devices []device.MuxDevice
	err     error
	events  chan struct{}
	listens int
	lists   int
}

func newScriptedMux() *scriptedMux { return &scriptedMux{events: make(chan struct{}, 16)} }

func (m *scriptedMux) set(devs []device.MuxDevice, err error) {
	m.mu.Lock()
	m.devices, m.err = devs, err
	m.mu.Unlock()
	m.events <- struct{}{}
}

func (m *scriptedMux) List(ctx context.Context) ([]device.MuxDevice, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.lists++
	if m.err != nil {
		return nil, m.err
	}
	return append([]device.MuxDevice(nil), m.devices...), nil
}

func (m *scriptedMux) Listen(ctx context.Context, changed func()) error {
	m.mu.Lock()
	m.listens++
	err := m.err
	m.mu.Unlock()
	if err != nil {
		return err
	}
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-m.events:
			m.mu.Lock()
			err := m.err
			m.mu.Unlock()
			changed()
			if err != nil {
				return err
			}
		}
	}
}

type scriptedUSB struct {
	mu      sync.Mutex
	devices []device.USBDevice
	err     error
}

func (u *scriptedUSB) set(devs []device.USBDevice, err error) {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.devices, u.err = devs, err
}

func (u *scriptedUSB) List(ctx context.Context) ([]device.USBDevice, error) {
	u.mu.Lock()
	defer u.mu.Unlock()
	return append([]device.USBDevice(nil), u.devices...), u.err
}

var errNoUsbmuxd = errors.New("dial unix /var/run/usbmuxd: connect: no such file or directory")

const (
	dfuSerial      = "CPID:8015 CPRV:11 CPFM:03 SCEP:01 BDID:06 ECID:001C2D3E4F5A6B7C IBFL:3C SRTG:[iBoot-3332.0.0.1.23]"
	recoverySerial = "SDOM:01 CPID:8015 CPRV:11 CPFM:03 SCEP:01 BDID:06 ECID:001C2D3E4F5A6B7C IBFL:3D SRNM:[F17XK0ABJCLF] IMEI:[356741082954417]"
	iPhoneXECID    = 0x001C2D3E4F5A6B7C
)

func dfuPhone() device.USBDevice {
	return device.USBDevice{Bus: 1, Address: 2, ProductID: 0x1227, SpeedMbps: 480, Serial: dfuSerial}
}

func recoveryPhone() device.USBDevice {
	return device.USBDevice{Bus: 1, Address: 3, ProductID: 0x1281, SpeedMbps: 480, Serial: recoverySerial}
}

func normalPhone() device.MuxDevice {
	return device.MuxDevice{
		DeviceID: 1, UDID: "00008101-000A1B2C3D4E5F60", ProductID: 0x12a8, LocationID: 1<<16 | 4, SpeedBits: 480_000_000,
		Mode: device.ModeNormal, Trust: device.TrustPending,
		Values: device.LockdownValues{DeviceName: "Ana's iPhone", ProductType: "iPhone13,2", ProductVersion: "17.5.1", BuildVersion: "21F90", UniqueChipID: 0x000A1B2C3D4E5F60},
	}
}
