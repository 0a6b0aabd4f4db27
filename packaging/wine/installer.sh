#!/bin/bash
# The Windows installer under Wine, as a user would meet it: a silent
# install (/S) for the current user, the installed programs start (the CLI
# says the installer's version; the GUI opens its window in --demo), then
# the uninstaller removes every file, the shortcut and the Apps & features
# entry. Run by `make check-windows`:
#
#   packaging/wine/installer.sh SETUP.exe VERSION SCREENSHOT.png
#
# WINEPREFIX must be a prepared prefix (packaging/wine.mk: ProcessPrng's
# forwarder in system32, since Go 1.26 programs need it and Wine 8 lacks
# it). DISPLAY must be an X server (make runs this under xvfb-run).
set -euo pipefail

setup=$1 version=$2 shot=$3
: "${WINEPREFIX:?set WINEPREFIX to a prepared Wine prefix}"
export WINEDEBUG=-all
key='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\Unstuck'
user=$(id -un)
appdir="$WINEPREFIX/drive_c/users/$user/AppData/Local/Programs/Unstuck"
shortcut="$WINEPREFIX/drive_c/users/$user/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Unstuck.lnk"
fail() { echo "installer test: $*" >&2; exit 1; }

echo "== silent install: $(basename "$setup") /S"
wine "$setup" /S
wineserver -w
for f in unstuck.exe unstuckctl.exe Uninstall.exe LICENSE.txt THIRD_PARTY_NOTICES.txt; do
	[ -f "$appdir/$f" ] || fail "not installed: $appdir/$f"
done
[ -f "$shortcut" ] || fail "no Start-menu shortcut at $shortcut"
entry=$(wine reg query "$key" 2>/dev/null | tr -d '\r') || fail "no Apps & features entry ($key)"
grep -Eq "DisplayVersion +REG_SZ +$(printf '%s' "$version" | sed 's/[.+]/\\&/g')$" <<<"$entry" \
	|| fail "Apps & features does not say version $version:"$'\n'"$entry"
grep -Eq 'QuietUninstallString +REG_SZ +".*\\Uninstall\.exe" /S$' <<<"$entry" || fail "no quiet uninstall command:"$'\n'"$entry"
echo "installed into $appdir; shortcut and Apps & features entry present"

echo "== the installed programs start"
said=$(wine "$appdir/unstuckctl.exe" --version | tr -d '\r')
[ "$said" = "unstuckctl $version" ] || fail "installed unstuckctl.exe says '$said', want 'unstuckctl $version'"
wine "$appdir/unstuck.exe" --demo &
gui=$!
found=""
for _ in $(seq 1 60); do
	if xdotool search --name '^Unstuck' >/dev/null 2>&1; then found=1; break; fi
	kill -0 "$gui" 2>/dev/null || break
	sleep 1
done
[ -n "$found" ] || { kill "$gui" 2>/dev/null || true; fail "the installed unstuck.exe --demo opened no window in 60 s"; }
sleep 5 # the demo's first phone arrives and is drawn
import -window root "$shot"
wineserver -k
wait "$gui" 2>/dev/null || true
echo "unstuck.exe --demo opened its window (screenshot: $shot)"

echo "== silent uninstall"
wine "$appdir/Uninstall.exe" /S
wineserver -w
[ ! -e "$appdir" ] || fail "left after uninstall: $(find "$appdir" | head -5)"
[ ! -e "$shortcut" ] || fail "left after uninstall: the Start-menu shortcut"
if wine reg query "$key" >/dev/null 2>&1; then fail "left after uninstall: the Apps & features entry"; fi
echo "uninstalled: no file, shortcut or entry left"
