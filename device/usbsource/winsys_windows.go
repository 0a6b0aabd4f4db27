//go:build windows

package usbsource

// This file is the Windows system layer's enumeration: the device
// interfaces of Apple's driver and each device's driver key, through
// cfgmgr32. Its functions are called through lazy procs of our own and
// their CONFIGRET codes mapped here: x/sys/windows' CM_Get_Device_Interface_List
// formats its errors with CM_MapCrToWin32Err, which Wine 8 lacks (a panic),
// and a missing function must be an error, never a panic. What real paths
// and driver keys look like is for a Windows PC with a phone to confirm.

import (
	"errors"
	"fmt"
	"unsafe"

	"golang.org/x/sys/windows"
)

// platformWinUSB is Apple's driver, reached through the system.
func platformWinUSB() winUSB { return sysWinUSB{} }

var (
	cfgmgr32          = windows.NewLazySystemDLL("cfgmgr32.dll")
	procListSize      = cfgmgr32.NewProc("CM_Get_Device_Interface_List_SizeW")
	procList          = cfgmgr32.NewProc("CM_Get_Device_Interface_ListW")
	procInterfaceProp = cfgmgr32.NewProc("CM_Get_Device_Interface_PropertyW")
	procLocateDevNode = cfgmgr32.NewProc("CM_Locate_DevNodeW")
	procRegistryProp  = cfgmgr32.NewProc("CM_Get_DevNode_Registry_PropertyW")
)

const (
	cmGetDeviceInterfaceListPresent = 0
	cmDrpDriver                     = 0x0A // CM_DRP_DRIVER: SPDRP_DRIVER + 1
	crBufferSmall                   = 0x1A
)

// devpkeyDeviceInstanceID is DEVPKEY_Device_InstanceId.
var devpkeyDeviceInstanceID = windows.DEVPROPKEY{
	FmtID: windows.DEVPROPGUID{Data1: 0x78c34fc8, Data2: 0x104a, Data3: 0x4aca, Data4: [8]byte{0x9e, 0xa4, 0x52, 0x4d, 0x52, 0x99, 0x6e, 0x57}},
	PID:   256,
}

// configRet is a cfgmgr32 CONFIGRET other than CR_SUCCESS.
type configRet uintptr

func (c configRet) Error() string {
	return fmt.Sprintf("the configuration manager answered CONFIGRET 0x%02X", uintptr(c))
}

// cmCall calls a cfgmgr32 function, if this Windows has it.
func cmCall(p *windows.LazyProc, args ...uintptr) error {
	if err := p.Find(); err != nil {
		return fmt.Errorf("this Windows has no %s: %w", p.Name, err)
	}
	if r, _, _ := p.Call(args...); r != 0 {
		return configRet(r)
	}
	return nil
}

type sysWinUSB struct{}

func (sysWinUSB) InterfacePaths(guid string) ([]string, error) {
	g, err := windows.GUIDFromString(guid)
	if err != nil {
		return nil, err
	}
	for range 5 {
		var size uint32
		if err := cmCall(procListSize, uintptr(unsafe.Pointer(&size)), uintptr(unsafe.Pointer(&g)), 0, cmGetDeviceInterfaceListPresent); err != nil {
			return nil, err
		}
		if size <= 1 {
			return nil, nil
		}
		buf := make([]uint16, size)
		err := cmCall(procList, uintptr(unsafe.Pointer(&g)), 0, uintptr(unsafe.Pointer(&buf[0])), uintptr(size), cmGetDeviceInterfaceListPresent)
		if err == configRet(crBufferSmall) {
			continue // an interface arrived between the two calls
		}
		if err != nil {
			return nil, err
		}
		return splitMultiString(buf), nil
	}
	return nil, errors.New("the list of device interfaces kept changing")
}

// splitMultiString splits a REG_MULTI_SZ-style list of NUL-ended strings.
func splitMultiString(buf []uint16) []string {
	var out []string
	for start, i := 0, 0; i < len(buf); i++ {
		if buf[i] != 0 {
			continue
		}
		if i > start {
			out = append(out, windows.UTF16ToString(buf[start:i]))
		}
		start = i + 1
	}
	return out
}

// DriverKey reads the interface's device instance ID, finds its device
// node, and reads the node's driver key.
func (sysWinUSB) DriverKey(path string) (string, error) {
	path16, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return "", err
	}
	var inst [512]uint16
	var propType uint32
	size := uint32(unsafe.Sizeof(inst))
	if err := cmCall(procInterfaceProp, uintptr(unsafe.Pointer(path16)), uintptr(unsafe.Pointer(&devpkeyDeviceInstanceID)),
		uintptr(unsafe.Pointer(&propType)), uintptr(unsafe.Pointer(&inst[0])), uintptr(unsafe.Pointer(&size)), 0); err != nil {
		return "", fmt.Errorf("reading the device instance of %s: %w", path, err)
	}
	var node uint32
	if err := cmCall(procLocateDevNode, uintptr(unsafe.Pointer(&node)), uintptr(unsafe.Pointer(&inst[0])), 0); err != nil {
		return "", fmt.Errorf("finding the device node of %s: %w", path, err)
	}
	var key [256]uint16
	size = uint32(unsafe.Sizeof(key))
	if err := cmCall(procRegistryProp, uintptr(node), cmDrpDriver, 0, uintptr(unsafe.Pointer(&key[0])), uintptr(unsafe.Pointer(&size)), 0); err != nil {
		return "", fmt.Errorf("reading the driver key of %s: %w", path, err)
	}
	return windows.UTF16ToString(key[:]), nil
}
