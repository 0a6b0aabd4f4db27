#!/usr/bin/env bash
# Runs the real unstuckctl.exe's host checks under Wine twice and checks the
# JSON with jq: in a bare prefix (Wine's default Windows 7, nothing of
# Apple's) every Apple check fails with its fix; in a prefix set up like a
# Windows 10 PC with iTunes 12.13.2.3 (Uninstall entries, Apple's USB driver
# service key, Apple Mobile Device Service and a listener on its port
# 127.0.0.1:27015) they are ok. Wine cannot run the service itself, so it
# reads as installed but stopped.
#
#   host-check.sh OUT DLL    (test-wine runs it)
set -euo pipefail

out=$1
dll=$2
here=$(cd "$(dirname "$0")" && pwd)
exe=$out/unstuckctl.exe
CGO_ENABLED=0 GOOS=windows GOARCH=amd64 go build -o "$exe" ./cmd/unstuckctl
export WINEDEBUG=-all

# host PREFIX NAME: unstuckctl host --json in PREFIX, into OUT/host-NAME.json.
host() {
	WINEPREFIX=$1 wine "$exe" host --json --wait 2s >"$out/host-$2.json" 2>"$out/host-$2.err" || true
	jq -e 'type == "array" and length > 0' "$out/host-$2.json" >/dev/null ||
		{ echo "host-check: $2: no JSON from unstuckctl.exe:"; cat "$out/host-$2.err"; exit 1; }
}

# want NAME ID STATUS WORDS: check ID has STATUS and its found+fix has WORDS.
bad=0
want() {
	local got
	got=$(jq -r --arg id "$2" '.[] | select(.id == $id) | "\(.status)\t\(.found) \(.fix // "")"' "$out/host-$1.json")
	if [ "${got%%$'\t'*}" != "$3" ] || [[ "${got#*$'\t'}" != *"$4"* ]]; then
		echo "host-check: $1: $2 is \"${got:-missing}\", want $3 with \"$4\""
		bad=1
	else
		echo "host-check: $1: $2 $3 ok"
	fi
}

# wants NAME: want NAME for every "ID<tab>STATUS<tab>WORDS" line on stdin.
wants() {
	while IFS=$'\t' read -r id status words; do want "$1" "$id" "$status" "$words"; done
}

bare=$out/prefix-bare
"$here/prefix.sh" "$bare" "$dll"
host "$bare" bare
wants bare <<'EOF'
os	warn	Windows 7
win.itunes	fail	Install Apple Devices
win.apple-devices	fail	Install Apple Devices
win.amds	fail	not installed
win.amds-port	fail	27015
win.usb-driver	fail	Install Apple Devices from the Microsoft Store (or iTunes)
EOF

itunes=$out/prefix-itunes
if [ ! -f "$itunes/.itunes-done" ]; then
	"$here/prefix.sh" "$itunes" "$dll"
	(
		export WINEPREFIX=$itunes
		wine winecfg -v win10
		u='HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall'
		wine reg add "$u\\{iTunes}" /v DisplayName /d iTunes /f
		wine reg add "$u\\{iTunes}" /v DisplayVersion /d 12.13.2.3 /f
		wine reg add "$u\\{AMDS}" /v DisplayName /d "Apple Mobile Device Support" /f
		wine reg add "$u\\{AMDS}" /v DisplayVersion /d 17.0.0.1 /f
		s='HKLM\System\CurrentControlSet\Services\USBAAPL64'
		wine reg add "$s" /v ImagePath /d '\SystemRoot\System32\Drivers\usbaapl64.sys' /f
		wine reg add "$s" /v DisplayName /d "Apple Mobile Device USB Driver" /f
		wine sc create "Apple Mobile Device Service" binPath= 'C:\windows\system32\cmd.exe'
		wineserver -w
	) >"$out/prefix-itunes.log" 2>&1 || { echo "host-check: setting up $itunes failed:"; cat "$out/prefix-itunes.log"; exit 1; }
	touch "$itunes/.itunes-done"
fi
# Apple Mobile Device Service's port, answered from the Linux side.
python3 -c 'import socket,time
s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", 27015)); s.listen(8); time.sleep(120)' &
listener=$!
trap 'kill "$listener" 2>/dev/null || true' EXIT
sleep 0.5
host "$itunes" itunes
wants itunes <<'EOF'
os	ok	Windows 10
win.itunes	ok	iTunes 12.13.2.3 from Apple's installer
win.apple-devices	ok	iTunes manages
win.amds	fail	Apple Mobile Device Support 17.0.0.1
win.amds-port	ok	27015
win.usb-driver	ok	usbaapl64.sys
EOF
exit "$bad"
