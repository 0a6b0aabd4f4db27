#!/usr/bin/env bash
# notices.sh GO-LICENSES: writes THIRD_PARTY_NOTICES to standard output.
#
# Part 1 is what go-licenses finds in the Go modules linked into unstuck and
# unstuckctl on Linux, macOS and Windows (licence texts and NOTICE files from
# the module cache). Part 2 is what it cannot see: the Go standard library,
# GLFW's C code compiled into the app, the fonts Fyne bundles, and libusb,
# linked dynamically and shipped beside the app on macOS and Windows. Run it
# through "make notices"; the notices test says when the file is stale.
set -euo pipefail
golicenses=$1
cd "$(dirname "$0")/.."

tmpl=$(mktemp)
trap 'rm -f "$tmpl"' EXIT
printf '%s\n' '{{range .}}{{.Name}}|{{.Version}}|{{.LicenseName}}|{{.LicensePath}}' '{{end}}' > "$tmpl"

section() { # section TITLE FILE...
	printf '\n\n### %s\n\n' "$1"
	shift
	for f in "$@"; do
		sed -e 's/[[:space:]]*$//' "$f"
		printf '\n'
	done
}

cat <<'HEAD'
Third-party notices for Unstuck
===============================

Unstuck itself is MIT-licensed (see LICENSE). Its programs, unstuck and
unstuckctl, are built with the software below, whose licences require these
notices in every copy of the programs. Each section is headed by the
software's name, its version and its licence.

Part 1: Go modules
------------------
HEAD

libs=$(for goos in linux darwin windows; do
	CGO_ENABLED=1 GOOS=$goos "$golicenses" report --template "$tmpl" ./cmd/unstuck ./cmd/unstuckctl 2>/dev/null
done | grep -v -e '^$' -e '^unstuck|' | LC_ALL=C sort -u)
while IFS='|' read -r name ver lic path; do
	files=("$path")
	for n in "$(dirname "$path")"/NOTICE*; do
		[ -f "$n" ] && files+=("$n")
	done
	section "$name $ver ($lic)" "${files[@]}"
done <<< "$libs"

glfw=$(go list -m -f '{{.Dir}}' github.com/go-gl/glfw/v3.4/glfw)
fyne=$(go list -m -f '{{.Dir}}' fyne.io/fyne/v2)
cat <<'HEAD'


Part 2: what the module licences do not cover
---------------------------------------------
HEAD
section "The Go standard library $(go env GOVERSION) (BSD-3-Clause)" "$(go env GOROOT)/LICENSE"
section "GLFW 3.4, the C library inside github.com/go-gl/glfw (Zlib)" "$glfw/glfw/LICENSE.md"
section "Fonts bundled by Fyne: Noto Sans (SIL Open Font License 1.1)" "$fyne/theme/font/LICENSE.txt"
section "Fonts bundled by Fyne: Inter (SIL Open Font License 1.1)" "$fyne/theme/font/LICENSE_Inter.txt"
section "Fonts bundled by Fyne: EmojiOne Color (MIT)" "$fyne/theme/font/LICENSE_EmojiOneColor.txt"
section "Fonts bundled by Fyne: DejaVu Sans Mono Powerline (Bitstream Vera, Arev and public domain)" "$fyne/theme/font/LICENSE_DejaVu-Powerline.txt"
printf '\n\n### libusb 1.0 (LGPL-2.1-or-later)\n\n'
cat <<'LIBUSB'
libusb is linked dynamically: the Linux packages use the system's
libusb-1.0-0, and the macOS and Windows packages ship libusb's own shared
library (libusb-1.0.dylib, libusb-1.0.dll) beside the app, unmodified, with
this licence; you may replace it with another build of libusb. Its source is
at https://github.com/libusb/libusb.

Copyright (C) 2001 Johannes Erdfelt <johannes@erdfelt.com>
Copyright (C) 2007-2009 Daniel Drake <dsd@gentoo.org>
Copyright (C) 2010-2012 Peter Stuge <peter@stuge.se>
Copyright (C) 2008-2013 Nathan Hjelm <hjelmn@users.sourceforge.net>
Copyright (C) 2009-2013 Pete Batard <pete@akeo.ie>
Copyright (C) 2009-2013 Ludovic Rousseau <ludovic.rousseau@gmail.com>
Copyright (C) 2010-2012 Michael Plante <michael.plante@gmail.com>
Copyright (C) 2011-2013 Hans de Goede <hdegoede@redhat.com>
Copyright (C) 2012-2013 Martin Pieuchot <mpi@openbsd.org>
and the other libusb authors (AUTHORS in its source).

LIBUSB
sed -e 's/[[:space:]]*$//' /usr/share/common-licenses/LGPL-2.1
