#!/usr/bin/env bash
# Builds the module's Windows test binaries (GOOS=windows CGO_ENABLED=0 go
# test -c, for every package but the GUI main, which needs cgo) and runs each
# under Wine from its package folder, as `go test` would. A failing test
# fails the run unless packaging/wine/known-gaps.txt names it AND every
# message it logged carries that entry's signature (the words Wine's own
# error puts there); each tolerated case is printed with its reason. A
# listed test that no longer fails fails the run too, so the list stays
# true.
#
#   run-tests.sh OUT GAPS    (WINEPREFIX is set up by prefix.sh)
set -euo pipefail

out=$1
gaps=$2
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out/tests" "$out/json"
rm -f "$out"/tests/*.exe "$out"/json/*.json

# Packages the gaps file leaves out whole (test name "*"), with the reason.
mapfile -t skipped < <(awk -F'\t' '!/^#/ && NF >= 4 && $1 != "*" && $2 == "*" { print $1 }' "$gaps")
for p in "${skipped[@]}"; do
	echo "wine: not run: $p: $(awk -F'\t' -v p="$p" '$1 == p && $2 == "*" { print $4 }' "$gaps")"
done
mapfile -t pkgs < <(go list ./... | grep -v '/cmd/unstuck$' | grep -vxF -f <(printf '%s\n' "${skipped[@]}" unstuck/-none-))

echo "wine: building ${#pkgs[@]} packages' Windows test binaries"
CGO_ENABLED=0 GOOS=windows GOARCH=amd64 go test -c -o "$out/tests/" "${pkgs[@]}" | grep -v 'no test files' || true
[ "${PIPESTATUS[0]}" = 0 ] || { echo "wine: building the Windows test binaries failed"; exit 1; }

failed=0
count=0
for pkg in "${pkgs[@]}"; do
	name=${pkg##*/}
	exe=$out/tests/$name.test.exe
	[ -f "$exe" ] || continue
	count=$((count + 1))
	dir=$(go list -f '{{.Dir}}' "$pkg")
	start=$(date +%s)
	rc=0
	(cd "$dir" && timeout 600 wine "$exe" -test.v=test2json -test.timeout=5m 2>&1) |
		go tool test2json -t -p "$pkg" >"$out/json/$name.json" || rc=$?
	if ! "$here/judge.sh" "$out/json/$name.json" "$pkg" "$gaps" "$rc" "$(($(date +%s) - start))"; then
		failed=$((failed + 1))
	fi
done
echo "wine: $count test binaries run, $failed failed"
[ "$failed" = 0 ]
