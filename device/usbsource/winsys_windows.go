//go:build windows

package usbsource

// This file is the Windows system layer's enumeration: the device
// interfaces of Apple's driver and each device's driver key, through
// SetupAPI as libirecovery does (SetupDiGetClassDevs, then
// SetupDiEnumDeviceInterfaces and SetupDiGetDeviceInterfaceDetail, L1251-1300).
// x/sys/windows v0.45.0 lacks the last two, so they are lazy procs of our
// own: a missing function is an error, never a panic. cfgmgr32's
// CM_Get_Device_Interface_List is no help: Wine 8 has it only as a stub
// (CR_FAILURE). What real paths and driver keys look like is for a Windows
// PC with a phone to confirm (WINDOWS.md).

import (
	"errors"
	"fmt"
	"strings"
	"unsafe"

	"golang.org/x/sys/windows"
)

// platformWinUSB is Apple's driver, reached through the system.
func platformWinUSB() winUSB { return sysWinUSB{} }

var (
	setupapi            = windows.NewLazySystemDLL("setupapi.dll")
	procEnumInterfaces  = setupapi.NewProc("SetupDiEnumDeviceInterfaces")
	procInterfaceDetail = setupapi.NewProc("SetupDiGetDeviceInterfaceDetailW")
)

// spDeviceInterfaceData is SP_DEVICE_INTERFACE_DATA.
type spDeviceInterfaceData struct {
	size      uint32
	classGUID windows.GUID
	flags     uint32
	reserved  uintptr
}

// detailHeaderSize is SP_DEVICE_INTERFACE_DETAIL_DATA_W's cbSize: its
// DWORD and one WCHAR, 8 bytes with 64-bit alignment, 6 on 32-bit Windows.
var detailHeaderSize = map[bool]uint32{true: 8, false: 6}[unsafe.Sizeof(uintptr(0)) == 8]

// setupCall calls a SetupAPI function that returns a BOOL.
func setupCall(p *windows.LazyProc, args ...uintptr) error {
	if err := p.Find(); err != nil {
		return fmt.Errorf("this Windows has no %s: %w", p.Name, err)
	}
	r, _, err := p.Call(args...)
	switch {
	case r != 0:
		return nil
	case err == windows.Errno(0):
		return fmt.Errorf("%s failed without saying why", p.Name)
	}
	return err
}

type sysWinUSB struct{}

func (sysWinUSB) InterfacePaths(guid string) ([]string, error) {
	var paths []string
	err := eachInterface(guid, func(_ windows.DevInfo, path string, _ *windows.DevInfoData) bool {
		paths = append(paths, path)
		return false
	})
	return paths, err
}

// DriverKey finds the interface among its class's and reads its device's
// SPDRP_DRIVER. (SetupDiOpenDeviceInterfaceW would find it directly, but
// Wine 8 fails it.)
func (sysWinUSB) DriverKey(path string) (string, error) {
	i := strings.LastIndex(path, "#{")
	if i < 0 {
		return "", fmt.Errorf("%s is not a device interface path", path)
	}
	key, keyErr := "", fmt.Errorf("the interface %s is not there", path)
	err := eachInterface(path[i+1:], func(set windows.DevInfo, p string, dev *windows.DevInfoData) bool {
		if !strings.EqualFold(p, path) {
			return false
		}
		v, err := windows.SetupDiGetDeviceRegistryProperty(set, dev, windows.SPDRP_DRIVER)
		s, ok := v.(string)
		key, keyErr = s, err
		if err == nil && !ok {
			keyErr = fmt.Errorf("the driver key of %s is not a string", path)
		}
		return true
	})
	if err != nil {
		return "", err
	}
	return key, keyErr
}

// eachInterface calls f with each present interface of the class guid
// and its device, until f returns true.
func eachInterface(guid string, f func(set windows.DevInfo, path string, dev *windows.DevInfoData) bool) error {
	g, err := windows.GUIDFromString(guid)
	if err != nil {
		return err
	}
	set, err := windows.SetupDiGetClassDevsEx(&g, "", 0, windows.DIGCF_PRESENT|windows.DIGCF_DEVICEINTERFACE, 0, "")
	if err != nil {
		return err
	}
	defer set.Close()
	for i := 0; ; i++ {
		ifd := spDeviceInterfaceData{size: uint32(unsafe.Sizeof(spDeviceInterfaceData{}))}
		err := setupCall(procEnumInterfaces, uintptr(set), 0, uintptr(unsafe.Pointer(&g)), uintptr(i), uintptr(unsafe.Pointer(&ifd)))
		if errors.Is(err, windows.ERROR_NO_MORE_ITEMS) {
			return nil
		}
		if err != nil {
			return err
		}
		// An interface whose detail cannot be read has just left.
		dev := newDevInfoData()
		if path, err := interfaceDetail(set, &ifd, dev); err == nil && f(set, path, dev) {
			return nil
		}
	}
}

// interfaceDetail reads an interface's path and its device.
func interfaceDetail(set windows.DevInfo, ifd *spDeviceInterfaceData, dev *windows.DevInfoData) (string, error) {
	var need uint32
	// The first call only says how much room the detail needs.
	_ = setupCall(procInterfaceDetail, uintptr(set), uintptr(unsafe.Pointer(ifd)), 0, 0, uintptr(unsafe.Pointer(&need)), 0)
	if need <= detailHeaderSize || need > 64<<10 {
		return "", fmt.Errorf("the interface's detail would take %d bytes", need)
	}
	buf := make([]uint64, (need+7)/8) // 8-byte aligned, as the structure wants
	*(*uint32)(unsafe.Pointer(&buf[0])) = detailHeaderSize
	if err := setupCall(procInterfaceDetail, uintptr(set), uintptr(unsafe.Pointer(ifd)), uintptr(unsafe.Pointer(&buf[0])),
		uintptr(need), 0, uintptr(unsafe.Pointer(dev))); err != nil {
		return "", err
	}
	path := unsafe.Slice((*uint16)(unsafe.Add(unsafe.Pointer(&buf[0]), 4)), (need-4)/2)
	return windows.UTF16ToString(path), nil
}

// spDevinfoData is SP_DEVINFO_DATA, laid out as windows.DevInfoData, whose
// size field the caller must set but cannot (it is unexported).
type spDevinfoData struct {
	size      uint32
	classGUID windows.GUID
	devInst   windows.DEVINST
	reserved  uintptr
}

func newDevInfoData() *windows.DevInfoData {
	d := &spDevinfoData{size: uint32(unsafe.Sizeof(spDevinfoData{}))}
	return (*windows.DevInfoData)(unsafe.Pointer(d))
}
