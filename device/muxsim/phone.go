package muxsim

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/x509"
	"encoding/binary"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"strings"
	"sync"

	"unstuck/device"
)

// Phone is the profile of one simulated iPhone: what usbmuxd and lockdownd
// say about it, its trust state and its mode.
type Phone struct {
	// UDID defaults to the form the chip implies: %08X-%016X of ChipID and
	// UniqueChipID from the A12 (0x8020) on, 40 hex digits before.
	UDID           string `json:"udid,omitempty"`
	ProductType    string `json:"product_type"`
	ProductVersion string `json:"product_version"`
	BuildVersion   string `json:"build_version"`
	DeviceName     string `json:"device_name"`
	HardwareModel  string `json:"hardware_model"`
	SerialNumber   string `json:"serial_number"`
	UniqueChipID   uint64 `json:"ecid"`
	ChipID         uint32 `json:"cpid"`
	BoardID        uint32 `json:"bdid"`
	DeviceClass    string `json:"device_class,omitempty"` // default "iPhone"
	DeviceColor    string `json:"device_color,omitempty"`
	WiFiAddress    string `json:"wifi_address,omitempty"`
	// Trust defaults to pair-dialog-pending, Mode to normal.
	Trust device.Trust `json:"trust,omitempty"`
	Mode  device.Mode  `json:"mode,omitempty"`
	// Paired means this computer already holds a pair record for the phone.
	Paired bool `json:"paired,omitempty"`
	// RecoveryNeedsSession makes EnterRecovery work only inside a lockdown
	// session, as some iOS versions insist.
	RecoveryNeedsSession bool `json:"recovery_needs_session,omitempty"`
	// LocationID defaults to bus 1, address 2+DeviceID; SpeedBits to USB 2.0.
	LocationID uint32 `json:"location_id,omitempty"`
	SpeedBits  int64  `json:"speed_bits,omitempty"`
	// Battery, read in a session (domain com.apple.mobile.battery). A zero
	// percent defaults to 54 % and charging.
	BatteryPercent  int  `json:"battery_percent,omitempty"`
	BatteryCharging bool `json:"battery_charging,omitempty"`
	// BatteryExternalPower: on power but not charging (full, or charging
	// held back); a charging phone is on power anyway.
	BatteryExternalPower bool `json:"battery_external_power,omitempty"`
	// Battery health, read through the diagnostics relay's IORegistry
	// entry. Zeros default to DefaultBatteryHealth.
	BatteryCycleCount         int `json:"battery_cycle_count,omitempty"`
	BatteryDesignCapacity     int `json:"battery_design_capacity,omitempty"`      // mAh
	BatteryFullChargeCapacity int `json:"battery_full_charge_capacity,omitempty"` // mAh
	// BatteryHealthHidden leaves the health keys out of the IORegistry
	// entry (the level and charging keys stay).
	BatteryHealthHidden bool `json:"battery_health_hidden,omitempty"`
	// NoDiagnosticsRelay makes StartService refuse the diagnostics relay.
	NoDiagnosticsRelay bool `json:"no_diagnostics_relay,omitempty"`
	// ServiceSSL makes the syslog relay and the notification proxy ask for
	// TLS (EnableServiceSSL); without it they are plain after StartService.
	ServiceSSL bool `json:"service_ssl,omitempty"`
}

// PhoneFrom is a phone whose lockdownd answers with v, the values a source
// reads (as device/fixture's phones carry them); the rest takes the defaults.
func PhoneFrom(v device.LockdownValues) Phone {
	return Phone{
		ProductType: v.ProductType, ProductVersion: v.ProductVersion, BuildVersion: v.BuildVersion,
		DeviceName: v.DeviceName, HardwareModel: v.HardwareModel, SerialNumber: v.SerialNumber,
		UniqueChipID: v.UniqueChipID, ChipID: v.ChipID, BoardID: v.BoardID,
	}
}

// UDIDFor returns the UDID a phone with this CPID and ECID reports.
func UDIDFor(cpid uint32, ecid uint64) string {
	if cpid >= 0x8020 {
		return fmt.Sprintf("%08X-%016X", cpid, ecid)
	}
	var b [12]byte
	binary.BigEndian.PutUint32(b[:4], cpid)
	binary.BigEndian.PutUint64(b[4:], ecid)
	sum := sha1.Sum(b[:])
	return hex.EncodeToString(sum[:])
}

// withDefaults fills the fields a scenario may leave out.
func (p Phone) withDefaults() Phone {
	if p.UDID == "" {
		p.UDID = UDIDFor(p.ChipID, p.UniqueChipID)
	}
	if p.DeviceClass == "" {
		p.DeviceClass = "iPhone"
	}
	if p.DeviceColor == "" {
		p.DeviceColor = "1"
	}
	if p.WiFiAddress == "" {
		p.WiFiAddress = fmt.Sprintf("a4:%02x:%02x:%02x:%02x:%02x", byte(p.UniqueChipID>>32), byte(p.UniqueChipID>>24),
			byte(p.UniqueChipID>>16), byte(p.UniqueChipID>>8), byte(p.UniqueChipID))
	}
	if p.Trust == "" {
		p.Trust = device.TrustPending
	}
	if p.Mode == "" {
		p.Mode = device.ModeNormal
	}
	if p.BatteryPercent == 0 {
		p.BatteryPercent, p.BatteryCharging = 54, true
	}
	h := p.health().withDefaults()
	p.BatteryCycleCount, p.BatteryDesignCapacity, p.BatteryFullChargeCapacity = h.CycleCount, h.DesignCapacity, h.FullChargeCapacity
	if p.SpeedBits == 0 {
		p.SpeedBits = 480_000_000
	}
	return p
}

func (p Phone) validate() error {
	switch {
	case p.ProductType == "":
		return fmt.Errorf("phone %q has no product_type", p.UDID)
	case p.Mode != device.ModeNormal && p.Mode != device.ModeRestore:
		return fmt.Errorf("phone %q: mode %q is not normal or restore", p.UDID, p.Mode)
	case p.BatteryPercent < 0 || p.BatteryPercent > 100:
		return fmt.Errorf("phone %q: battery %d%% is not 0 to 100", p.UDID, p.BatteryPercent)
	}
	if err := p.health().validate(); err != nil {
		return fmt.Errorf("phone %q: %w", p.UDID, err)
	}
	return validTrust(p.Trust)
}

func validTrust(t device.Trust) error {
	switch t {
	case device.TrustTrusted, device.TrustPending, device.TrustDenied, device.TrustPasscode:
		return nil
	}
	return fmt.Errorf("trust %q is not one of trusted, pair-dialog-pending, denied, passcode-locked", t)
}

// publicValues are the keys lockdownd gives an unpaired host (modelled on a
// real untrusted GetValue, see research/simulation.md).
func (p Phone) publicValues() map[string]any {
	family := 1
	if p.DeviceClass == "iPad" {
		family = 2
	}
	return map[string]any{
		"BasebandCertId":          uint64(3840149528),
		"BasebandSerialNumber":    []byte{0x2b, 0x1c, 0x3a, 0x4f},
		"BasebandVersion":         "7.80.00",
		"BoardId":                 uint64(p.BoardID),
		"BuildVersion":            p.BuildVersion,
		"CPUArchitecture":         "arm64",
		"ChipID":                  uint64(p.ChipID),
		"DeviceClass":             p.DeviceClass,
		"DeviceColor":             p.DeviceColor,
		"DeviceName":              p.DeviceName,
		"DieID":                   p.UniqueChipID ^ 0x5a5a5a5a,
		"HardwareModel":           p.HardwareModel,
		"HasSiDP":                 true,
		"PartitionType":           "GUID_partition_scheme",
		"ProductName":             "iPhone OS",
		"ProductType":             p.ProductType,
		"ProductVersion":          p.ProductVersion,
		"ProductionSOC":           true,
		"ProtocolVersion":         "2",
		"SupportedDeviceFamilies": []any{uint64(family)},
		"TelephonyCapability":     true,
		"UniqueChipID":            p.UniqueChipID,
		"UniqueDeviceID":          p.UDID,
		"WiFiAddress":             p.WiFiAddress,
	}
}

// phoneKey is a phone's lockdown key pair, made on first use and kept
// across detach and attach. Its private half is the TLS server key of a
// lockdown session.
type phoneKey struct {
	once sync.Once
	key  *rsa.PrivateKey
	pem  []byte
	err  error
}

func (k *phoneKey) get() (*rsa.PrivateKey, error) {
	k.once.Do(func() {
		key, err := rsa.GenerateKey(rand.Reader, 1024) // small: fast, and Go's TLS still takes it
		if err != nil {
			k.err = fmt.Errorf("generate phone key: %w", err)
			return
		}
		k.key = key
		k.pem = pem.EncodeToMemory(&pem.Block{Type: "RSA PUBLIC KEY", Bytes: x509.MarshalPKCS1PublicKey(&key.PublicKey)})
	})
	return k.key, k.err
}

func (k *phoneKey) publicPEM() ([]byte, error) {
	_, err := k.get()
	return k.pem, err
}

// normUDID is the map key for a UDID: usbmuxd clients use either case.
func normUDID(s string) string { return strings.ToUpper(s) }
