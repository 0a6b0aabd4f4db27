; The Windows installer of Unstuck, built by `make windows` with Debian's
; NSIS (makensis -DVERSION=... -DFILEVERSION=... -DSTAGE=... -DOUTFILE=...).
;
; It installs for the current user only, into %LOCALAPPDATA%\Programs\Unstuck,
; with no administrator rights (no UAC prompt): a frightened person on a
; family PC can run it. It adds a Start-menu shortcut, registers itself in
; Apps & features (HKCU), and writes an uninstaller that removes exactly the
; files it installed and nothing else (a folder the user picked may hold
; other files). `/S` installs silently, `/D=C:\path` (last) picks the folder.
; The app's own preferences (%APPDATA%\fyne\app.unstuck.desktop) and saved
; reports are the user's and stay.

; A 64-bit installer: the app is 64-bit only, and Wine here runs 64-bit
; programs without a 32-bit Windows layer.
Target amd64-unicode
SetCompressor /SOLID lzma
RequestExecutionLevel user
ManifestDPIAware true

!ifndef VERSION | FILEVERSION | STAGE | OUTFILE
  !error "makensis needs -DVERSION, -DFILEVERSION, -DSTAGE and -DOUTFILE (see packaging/windows.mk)"
!endif

!define APPNAME "Unstuck"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Unstuck"

Name "${APPNAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APPNAME}"
InstallDirRegKey HKCU "${UNINSTKEY}" "InstallLocation"
BrandingText "${APPNAME} ${VERSION}"

VIProductVersion "${FILEVERSION}.0"
VIAddVersionKey /LANG=1033 "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=1033 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "FileDescription" "${APPNAME} installer"
VIAddVersionKey /LANG=1033 "CompanyName" "The Unstuck authors"
VIAddVersionKey /LANG=1033 "LegalCopyright" "Copyright 2026 The Unstuck authors. MIT licence."

!include "MUI2.nsh"
!include "FileFunc.nsh"

!define MUI_ICON "${STAGE}\unstuck.ico"
!define MUI_UNICON "${STAGE}\unstuck.ico"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TEXT "Unstuck shows what a stuck iPhone is doing and walks you out of it, safest step first. It never erases or restores your iPhone.$\r$\n$\r$\nTo see an iPhone in recovery or DFU mode, Windows needs Apple's USB driver: it comes with the Apple Devices app or iTunes (Microsoft Store or apple.com). Unstuck tells you if it is missing.$\r$\n$\r$\nNo administrator rights are needed."
!define MUI_FINISHPAGE_RUN "$INSTDIR\unstuck.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Open Unstuck now"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_LICENSE "${STAGE}\LICENSE.txt"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

Section "Unstuck" SecMain
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File "${STAGE}\unstuck.exe"
  File "${STAGE}\unstuckctl.exe"
  File "${STAGE}\LICENSE.txt"
  File "${STAGE}\THIRD_PARTY_NOTICES.txt"
  WriteUninstaller "$INSTDIR\Uninstall.exe"
  CreateShortcut "$SMPROGRAMS\${APPNAME}.lnk" "$INSTDIR\unstuck.exe" "" "$INSTDIR\unstuck.exe" 0 SW_SHOWNORMAL "" "See what a stuck iPhone is doing"

  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "${APPNAME}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "The Unstuck authors"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\unstuck.exe,0"
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\Uninstall.exe"'
  WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\Uninstall.exe" /S'
  WriteRegStr HKCU "${UNINSTKEY}" "URLInfoAbout" "https://github.com/unstuck-app/unstuck"
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINSTKEY}" "EstimatedSize" "$0"
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\${APPNAME}.lnk"
  Delete "$INSTDIR\unstuck.exe"
  Delete "$INSTDIR\unstuckctl.exe"
  Delete "$INSTDIR\LICENSE.txt"
  Delete "$INSTDIR\THIRD_PARTY_NOTICES.txt"
  Delete "$INSTDIR\Uninstall.exe"
  ; Only if empty: never a folder that holds the user's own files.
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTKEY}"
SectionEnd
