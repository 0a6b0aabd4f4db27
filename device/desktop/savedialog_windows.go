package desktop

import (
	"fmt"
	"runtime"
	"unsafe"

	"golang.org/x/sys/windows"
)

// comdlg32 is loaded on the first save, from the system folder only.
var comdlg32 = windows.NewLazySystemDLL("comdlg32.dll")

var procGetSaveFileNameW, procCommDlgExtendedError = comdlg32.NewProc("GetSaveFileNameW"), comdlg32.NewProc("CommDlgExtendedError")

// openFileName is OPENFILENAMEW (commdlg.h); Go lays it out as C does.
type openFileName struct {
	structSize      uint32
	owner           uintptr
	instance        uintptr
	filter          *uint16
	customFilter    *uint16
	maxCustomFilter uint32
	filterIndex     uint32
	file            *uint16
	maxFile         uint32
	fileTitle       *uint16
	maxFileTitle    uint32
	initialDir      *uint16
	title           *uint16
	flags           uint32
	fileOffset      uint16
	fileExtension   uint16
	defExt          *uint16
	custData        uintptr
	fnHook          uintptr
	templateName    *uint16
	reserved        uintptr
	reserved2       uint32
	flagsEx         uint32
}

const (
	ofnOverwritePrompt = 0x00000002
	ofnNoChangeDir     = 0x00000008
	ofnPathMustExist   = 0x00000800
	ofnExplorer        = 0x00080000
)

// getSaveFileName shows comdlg32's save dialog (the common item dialog
// would need COM): "" when cancelled.
func getSaveFileName(s Save) (string, error) {
	if err := procGetSaveFileNameW.Find(); err != nil {
		return "", ErrNoDialog
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	file := make([]uint16, windows.MAX_LONG_PATH)
	copy(file, windows.StringToUTF16(s.Name))
	filter := windows.StringToUTF16("Zip archive (*.zip)\x00*.zip\x00")
	ofn := openFileName{
		structSize: uint32(unsafe.Sizeof(openFileName{})),
		filter:     &filter[0],
		file:       &file[0],
		maxFile:    uint32(len(file)),
		initialDir: windows.StringToUTF16Ptr(s.Folder),
		title:      windows.StringToUTF16Ptr(s.Title),
		defExt:     windows.StringToUTF16Ptr("zip"),
		flags:      ofnOverwritePrompt | ofnNoChangeDir | ofnPathMustExist | ofnExplorer,
	}
	if ok, _, _ := procGetSaveFileNameW.Call(uintptr(unsafe.Pointer(&ofn))); ok != 0 {
		return windows.UTF16ToString(file), nil
	}
	if code, _, _ := procCommDlgExtendedError.Call(); code != 0 {
		return "", fmt.Errorf("the save dialog failed: error 0x%x", code)
	}
	return "", nil // cancelled
}
