package watch

import (
	"errors"
	"runtime"
	"sort"

	"unstuck/device"
	"unstuck/device/catalog"
	"unstuck/device/iboot"
	"unstuck/device/tr"
)

// snapshot is what the two sources said at one moment.
type snapshot struct {
	mux    []device.MuxDevice
	muxErr error
	usb    []device.USBDevice
	usbErr error
	// usbWatch is how the USB bus was being watched at its last listing.
	usbWatch device.USBWatch
}

// merge turns the two sources' lists into devices and host conditions. It is
// a pure function: identity aliases learned earlier (UDID -> ECID key) come
// in through alias; tooNew says a normal-mode USB device arrived so recently
// that usbmuxd may not have listed it yet, so it is not called usb-only.
func merge(s snapshot, alias map[string]string, tooNew func(device.USBDevice) bool) (devices []device.Device, host []device.Condition) {
	var normalUSB []device.USBDevice
	permissionProblem := false
	for _, u := range s.usb {
		mode, ok := device.ModeOfProductID(u.ProductID)
		if !ok {
			continue // an Apple keyboard, a mouse, another tool's PID
		}
		if errors.Is(u.SerialErr, device.ErrUSBPermission) && u.Serial == "" {
			permissionProblem = true
		}
		if mode == device.ModeNormal {
			normalUSB = append(normalUSB, u)
			continue
		}
		devices = append(devices, fromBootloader(u, mode))
	}

	matched := make([]bool, len(normalUSB))
	for _, m := range s.mux {
		d := fromMux(m)
		if k, ok := alias[udidKey(d.UDID)]; ok && d.ECID == 0 {
			d.Key = k // e.g. restore mode, where lockdown values are not readable
		}
		for i, u := range normalUSB {
			if matched[i] {
				continue
			}
			if joins(m, u) {
				matched[i] = true
				mergeUSB(&d, u)
				break
			}
		}
		devices = append(devices, d)
	}
	for i, u := range normalUSB {
		if !matched[i] && (s.muxErr != nil || tooNew == nil || !tooNew(u)) {
			devices = append(devices, fromUSBOnly(u, alias))
		}
	}
	for i := range devices {
		fillCatalogue(&devices[i])
	}
	sort.SliceStable(devices, func(i, j int) bool { return devices[i].Key < devices[j].Key })

	return devices, hostConditions(s, len(normalUSB) > 0, permissionProblem)
}

func fromBootloader(u device.USBDevice, mode device.Mode) device.Device {
	d := device.Device{Mode: mode, USB: usbInfo(u)}
	info := iboot.Parse(u.Serial)
	if mode == device.ModePortDFU && info.HasBDID {
		// In port DFU the 64-bit BDID field carries the chip and board IDs
		// (libirecovery irecv_devices_get_device_by_client).
		info.CPID, info.BDID, info.HasCPID = (info.BDID>>8)&0xFFFF, (info.BDID>>24)&0xFF, true
	}
	if info.HasCPID && info.HasBDID {
		d.CPID, d.BDID, d.ChipKnown = info.CPID, info.BDID, true
	}
	if info.HasECID {
		d.ECID = info.ECID
	}
	d.SerialNumber = info.SRNM
	d.Boot = info.Stage()
	d.PWND = info.PWND
	switch {
	case u.Serial == "" && u.SerialErr != nil:
		d.Note = tr.Msg("cli.note.identity", "Error", u.SerialErr.Error())
	case info.Empty():
		d.Note = tr.Msg("cli.note.serial")
	}
	d.Key = keyFor(d.ECID, "", u)
	return d
}

func fromMux(m device.MuxDevice) device.Device {
	d := device.Device{
		Mode: m.Mode, UDID: m.UDID, Trust: m.Trust, Battery: m.Battery, Note: m.Note, MuxID: m.DeviceID,
		DeviceName: m.Values.DeviceName, ProductType: m.Values.ProductType,
		IOSVersion: m.Values.ProductVersion, IOSBuild: m.Values.BuildVersion,
		HardwareModel: m.Values.HardwareModel, SerialNumber: m.Values.SerialNumber,
		ECID: m.Values.UniqueChipID,
		USB:  device.USBInfo{LocationID: m.LocationID, ProductID: m.ProductID, SpeedMbps: int(m.SpeedBits / 1_000_000)},
	}
	if d.Mode == "" {
		d.Mode = device.ModeNormal
	}
	if d.Trust == "" {
		d.Trust = device.TrustUnknown
	}
	if m.Values.ChipID != 0 {
		d.CPID, d.BDID, d.ChipKnown = m.Values.ChipID, m.Values.BoardID, true
	}
	if u, ok := device.ParseUDID(m.UDID); ok && u.ECID != 0 {
		if d.ECID == 0 {
			d.ECID = u.ECID
		}
		if !d.ChipKnown && d.CPID == 0 {
			d.CPID = u.CPID
		}
	}
	if runtime.GOOS == "linux" && m.LocationID != 0 {
		d.USB.Bus, d.USB.Address = int(m.LocationID>>16), int(m.LocationID&0xFFFF)
	}
	d.Key = keyFor(d.ECID, m.UDID, device.USBDevice{})
	return d
}

func fromUSBOnly(u device.USBDevice, alias map[string]string) device.Device {
	d := device.Device{Mode: device.ModeUSBOnly, USB: usbInfo(u), Trust: device.TrustUnknown}
	if info, ok := device.ParseUDID(u.Serial); ok {
		d.UDID, d.ECID, d.CPID = info.UDID, info.ECID, info.CPID
	}
	d.Key = keyFor(d.ECID, d.UDID, u)
	if k, ok := alias[udidKey(d.UDID)]; ok {
		d.Key = k
	}
	return d
}

// identityFacts are the facts about a phone that do not change with its
// mode; remembered per key, they name a phone in a mode that reveals less
// (restore mode, usb-only) after an earlier mode revealed more.
func fillIdentity(d *device.Device, k device.Device) {
	if d.ProductType == "" {
		d.ProductType, d.HardwareModel = k.ProductType, k.HardwareModel
	}
	if d.Model == "" {
		d.Model, d.Family, d.ActionButton, d.CameraControl = k.Model, k.Family, k.ActionButton, k.CameraControl
	}
	if d.DeviceName == "" {
		d.DeviceName = k.DeviceName
	}
	if !d.ChipKnown && k.ChipKnown {
		d.CPID, d.BDID, d.ChipKnown = k.CPID, k.BDID, true
	}
	if d.ECID == 0 {
		d.ECID = k.ECID
	}
	if d.UDID == "" {
		d.UDID = k.UDID
	}
	if d.SerialNumber == "" {
		d.SerialNumber = k.SerialNumber
	}
	if d.Mode == device.ModeUSBOnly && d.IOSVersion == "" {
		d.IOSVersion, d.IOSBuild = k.IOSVersion, k.IOSBuild
	}
}

func mergeUSB(d *device.Device, u device.USBDevice) {
	info := usbInfo(u)
	if d.USB.SpeedMbps == 0 || info.SpeedMbps != 0 {
		d.USB.SpeedMbps = info.SpeedMbps
	}
	d.USB.Bus, d.USB.Address, d.USB.Port = info.Bus, info.Address, info.Port
	d.USB.ProductID = info.ProductID
}

func usbInfo(u device.USBDevice) device.USBInfo {
	return device.USBInfo{Bus: u.Bus, Address: u.Address, Port: u.Port, ProductID: u.ProductID,
		SpeedMbps: u.SpeedMbps, LocationID: locationID(u)}
}

func fillCatalogue(d *device.Device) {
	var m catalog.Model
	ok := false
	if d.ProductType != "" {
		m, ok = catalog.ByProductType(d.ProductType)
	}
	if !ok && d.ChipKnown {
		m, ok = catalog.ByChip(d.CPID, d.BDID)
	}
	if ok {
		d.Model, d.Family = m.Name, string(m.Family)
		d.ActionButton, d.CameraControl = string(m.ActionButton), string(m.CameraControl)
		if d.ProductType == "" {
			d.ProductType = m.ProductType
		}
		if d.HardwareModel == "" {
			d.HardwareModel = m.HardwareModel
		}
		return
	}
	if d.CPID != 0 {
		if f, ok := catalog.FamilyOfChip(d.CPID); ok {
			d.Family = string(f)
		}
	}
}
