#!/usr/bin/env bash
# Makes (or reuses) a private Wine prefix for the Windows test run, with the
# test-only bcryptprimitives.dll (prng.c) in its system32: Wine 8 lacks
# ProcessPrng, which every Go 1.24+ program calls at start.
#
#   prefix.sh PREFIX DLL
#
# The prefix is made once (wineboot -i, about 6 s) and kept; the DLL is
# copied again when it is newer. Callers export WINEPREFIX=PREFIX and
# WINEDEBUG=-all themselves.
set -euo pipefail

prefix=$1
dll=$2

export WINEPREFIX=$prefix WINEDEBUG=-all
if [ ! -f "$prefix/system.reg" ]; then
	echo "wine: making the prefix $prefix"
	mkdir -p "$prefix"
	# No Mono or Gecko installers: the tests need neither (and they would ask).
	WINEDLLOVERRIDES="mscoree,mshtml=" wineboot -i >/dev/null 2>&1 || {
		echo "wine: wineboot -i failed to make $prefix"
		exit 1
	}
	wineserver -w
fi
sys32=$prefix/drive_c/windows/system32
if [ ! -d "$sys32" ]; then
	echo "wine: $prefix has no drive_c/windows/system32: remove it and run again"
	exit 1
fi
if [ ! -f "$sys32/bcryptprimitives.dll" ] || [ "$dll" -nt "$sys32/bcryptprimitives.dll" ]; then
	cp "$dll" "$sys32/bcryptprimitives.dll"
fi
