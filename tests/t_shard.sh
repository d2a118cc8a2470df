#!/bin/sh
# t_shard.sh: --shard K/N is parsed strictly (issue 12): anything but
# "digits/digits" with 0 <= K < N is a usage error (64) that names the
# option, before any input is read.
RG=${RG:-build/reportgen}
fail=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/t_shard.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
bad() { echo "FAIL: $*"; fail=1; }

mkdir -p "$tmp/in"
cp inputs/ananya-iyer.xml "$tmp/in/"

# --- 1. malformed shards: 64, a message naming --shard, nothing written
for s in 1/2/3 1/0 3/2 2/2 a/b 1/ /2 " 1/2" "1/2 " 1//2 +1/2 -1/2 1/-2 \
    0x1/2 1/100001 "" / 1 0/2/ 99999999999999999999/2; do
	"$RG" batch --data-dir . --date 2026-03-01 -j 1 --shard "$s" \
	    -o "$tmp/out" "$tmp/in" >"$tmp/o" 2>"$tmp/e"
	st=$?
	[ $st = 64 ] || bad "--shard '$s': exit $st, expected 64"
	grep -q -- "--shard '$s'" "$tmp/e" ||
	    bad "--shard '$s': the message does not name it: $(head -1 "$tmp/e")"
	[ -e "$tmp/out" ] && { bad "--shard '$s': output written"; rm -rf "$tmp/out"; }
done
echo "ok: malformed --shard values are usage errors"

# --- 2. well-formed shards are accepted
for s in 0/1 0/2 1/2 99999/100000; do
	"$RG" batch --data-dir . --date 2026-03-01 -j 1 --quiet --shard "$s" \
	    -o "$tmp/ok" "$tmp/in" >/dev/null 2>"$tmp/e"
	st=$?
	[ $st = 0 ] || bad "--shard $s: exit $st: $(head -2 "$tmp/e")"
	rm -rf "$tmp/ok"
done
echo "ok: K/N with 0 <= K < N is accepted"

exit $fail
