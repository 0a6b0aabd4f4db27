package device

import (
	"errors"

	"unstuck/device/tr"
)

// MuxDevice is a device as usbmuxd and lockdownd describe it.
type MuxDevice struct {
	DeviceID   int
	UDID       string
	ProductID  uint16
	LocationID uint32 // on Linux bus<<16 | address
	SpeedBits  int64  // usbmuxd's ConnectionSpeed, bits per second
	// Mode is ModeNormal or ModeRestore (from lockdown QueryType), or ""
	// when the phone did not answer.
	Mode    Mode
	Values  LockdownValues
	Trust   Trust
	Battery *Battery
	Note    tr.Text // a read problem, in plain words
}

// LockdownValues are the lockdownd values Unstuck reads without pairing.
type LockdownValues struct {
	DeviceName     string
	ProductType    string
	ProductVersion string
	BuildVersion   string
	HardwareModel  string
	SerialNumber   string
	UniqueChipID   uint64
	ChipID         uint32
	BoardID        uint32
}

// USBDevice is an Apple device found on the USB bus.
type USBDevice struct {
	Bus       int
	Address   int
	Port      string // e.g. "1-2.3" where known
	ProductID uint16
	SpeedMbps int
	// Serial is the iSerialNumber string: the iBoot string in recovery and
	// DFU, the UDID (without dash) in normal mode.
	Serial string
	// SerialErr says why the serial could not be read, if it could not.
	SerialErr error
}

var (
	// ErrUSBUnavailable: USB detection is not possible here (no libusb, a
	// build without cgo, or libusb failed to start).
	ErrUSBUnavailable = errors.New("USB detection unavailable")
	// ErrUSBPermission: the device is there but this user may not open it.
	ErrUSBPermission = errors.New("no permission for USB devices")
)
