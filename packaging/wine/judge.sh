#!/usr/bin/env bash
# Judges one Windows test binary's run under Wine (run-tests.sh calls it).
#
#   judge.sh JSON PKG GAPS RC SECONDS
#
# JSON is go tool test2json's output. A failed top-level test is tolerated
# only when GAPS has "PKG<tab>Test<tab>signature<tab>reason" for it (or a
# "*<tab>*<tab>..." line, which covers any test) and
# every message it (and its subtests) logged matches the signature (an
# extended regular expression); it is
# printed with the reason. Anything else fails: an unlisted failure, a
# listed one that failed for another reason, a listed one that passed, a
# panic, or a binary that ended badly without a failed test.
set -euo pipefail

json=$1
pkg=$2
gaps=$3
rc=$4
secs=$5

mapfile -t failures < <(jq -r 'select(.Action == "fail" and .Test != null) | .Test | split("/")[0]' "$json" | sort -u)
bad=0

# log prints a test's messages (file.go:N: lines) and its subtests'.
log() {
	jq -j --arg t "$1" 'select(.Action == "output" and .Test != null and (.Test == $t or (.Test | startswith($t + "/"))))
		| .Output | select(test("^\\s+\\S+\\.go:[0-9]+: "))' "$json"
}

for t in "${failures[@]}"; do
	entry=$(awk -F'\t' -v p="$pkg" -v t="$t" '!/^#/ && $1 == p && $2 == t { print; exit }' "$gaps")
	if [ -z "$entry" ]; then # a gap of any test: "*<tab>*<tab>signature<tab>reason"
		entry=$(awk -F'\t' '!/^#/ && $1 == "*" && $2 == "*" { print; exit }' "$gaps")
	fi
	if [ -z "$entry" ]; then
		echo "wine: FAIL $pkg $t (not a known Wine gap):"
		jq -j --arg t "$t" 'select(.Action == "output" and .Test != null and (.Test == $t or (.Test | startswith($t + "/")))) | .Output' "$json" |
			grep -vE '^\s*(=== (RUN|PAUSE|CONT)|--- PASS)' | sed 's/^/    /' | head -40
		bad=1
		continue
	fi
	sig=$(cut -f3 <<<"$entry")
	reason=$(cut -f4 <<<"$entry")
	other=$(log "$t" | grep -vE -- "$sig" || true)
	if [ -z "$(log "$t")" ] || [ -n "$other" ]; then
		echo "wine: FAIL $pkg $t (listed as a Wine gap, but it failed for another reason):"
		if [ -n "$other" ]; then head -20 <<<"$other"; else echo "    (it logged nothing)"; fi
		bad=1
		continue
	fi
	echo "wine: tolerated $pkg $t: $reason"
done

# Listed tests that passed: the gap is gone (or the test was renamed).
while IFS=$'\t' read -r _ t _ _; do
	if ! printf '%s\n' "${failures[@]}" | grep -qxF -- "$t"; then
		echo "wine: FAIL $pkg $t is listed in $(basename "$gaps") but did not fail: take it off the list"
		bad=1
	fi
done < <(awk -F'\t' -v p="$pkg" '!/^#/ && $1 == p && $2 != "*"' "$gaps")

if grep -q '"Output":"panic: ' "$json"; then
	echo "wine: FAIL $pkg panicked:"
	jq -j 'select(.Action == "output") | .Output' "$json" | grep -A15 '^panic: ' | sed 's/^/    /' | head -30
	bad=1
fi
if [ "$rc" != 0 ] && [ "${#failures[@]}" = 0 ]; then
	echo "wine: FAIL $pkg: the test binary ended with status $rc and no failed test:"
	jq -j 'select(.Action == "output") | .Output' "$json" | tail -15 | sed 's/^/    /'
	bad=1
fi
# Skipped tests, with the reason each gave (the last thing it logged).
jq -r 'select(.Action == "skip" and .Test != null) | .Test' "$json" | while read -r t; do
	why=$(log "$t" | tail -1 | sed -E 's/^\s+//')
	echo "wine: skipped $pkg $t: ${why:-no reason given}"
done
passed=$(jq -r 'select(.Action == "pass" and .Test != null and (.Test | contains("/") | not)) | .Test' "$json" | wc -l)
if [ "$bad" = 0 ]; then
	echo "wine: ok   $pkg ($passed passed, ${#failures[@]} tolerated, ${secs}s)"
fi
exit "$bad"
