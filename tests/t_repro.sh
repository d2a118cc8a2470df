#!/bin/sh
# Replays the fuzz reproducers (tests/repro/) and the seed corpus
# (inputs/, tests/stress/, tests/bad/) through the ordinary binary, no
# fuzzer needed (as qpdf does): validate and score over all of them,
# render of every one that validates.  Nothing may crash (exit >= 128),
# time out (10 s) or print a sanitizer report; a crash in a multi-file run
# is narrowed down to the file.  Market reproducers (fuzz_market-*) are
# loaded with --market.
cd "$(dirname "$0")/.." || exit 1
RG=${RG:-build/reportgen}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rg-repro.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
SAN='AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:'

# run LABEL CMD...: fails on a signal, a timeout or a sanitizer report.
run() {
	label=$1; shift
	timeout 10 "$@" >"$tmp/out" 2>"$tmp/err"; st=$?
	if [ $st -ge 124 ]; then
		fail "$label: exit $st ($( [ $st = 124 ] && echo timeout || echo signal))"
		return 1
	fi
	if grep -Eq "$SAN" "$tmp/out" "$tmp/err"; then
		fail "$label: sanitizer report"; grep -E -A3 "$SAN" "$tmp/err" | head -8
		return 1
	fi
	return 0
}

: >"$tmp/list"
for f in inputs/*.xml tests/stress/*.xml tests/bad/*.xml tests/repro/*; do
	[ -f "$f" ] || continue
	case $f in
	*.messages|*.status|*.py|*/README*) continue ;;
	tests/repro/fuzz_market-*) echo "$f" >>"$tmp/markets"; continue ;;
	esac
	echo "$f" >>"$tmp/list"
done
n=$(wc -l <"$tmp/list")
[ "$n" -gt 50 ] || fail "only $n files to replay"

# validate and score: all files in one process each; on failure, per file.
for cmd in validate "score --format json --date 2026-06-01"; do
	# shellcheck disable=SC2086
	if ! run "$cmd (all)" "$RG" $cmd --data-dir . $(cat "$tmp/list"); then
		while read -r f; do
			run "$cmd $f" "$RG" $cmd --data-dir . "$f"
		done <"$tmp/list"
	fi
done

# The valid ones (no "path: error" / "path:N: error" line): render each.
"$RG" validate --data-dir . $(cat "$tmp/list") 2>"$tmp/verr" >/dev/null
rendered=0
while read -r f; do
	grep -Fq "$f:" "$tmp/verr" && grep -F "$f:" "$tmp/verr" |
	    grep -Eq ': (error|fatal):' && continue
	rm -f "$tmp/x.pdf"
	run "render $f" "$RG" render --data-dir . --date 2026-06-01 \
	    -o "$tmp/x.pdf" "$f" || continue
	if [ "$st" = 0 ]; then
		head -c 5 "$tmp/x.pdf" | grep -q '^%PDF-' ||
		    fail "render $f: exit 0 but no PDF"
	fi
	rendered=$((rendered + 1))
done <"$tmp/list"
[ "$rendered" -ge 20 ] || fail "only $rendered files rendered"

# Market reproducers, if any.
if [ -f "$tmp/markets" ]; then
	while read -r f; do
		run "market $f" "$RG" validate --data-dir . --market "$f" \
		    inputs/jose-alvarez.xml
	done <"$tmp/markets"
fi

echo "replayed $n profiles (rendered $rendered)," \
    "$( [ -f "$tmp/markets" ] && wc -l <"$tmp/markets" || echo 0) market files"
[ $fails = 0 ]
