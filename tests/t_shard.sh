#!/bin/sh
# t_shard.sh: shards (issue 12).  --shard K/N is parsed strictly:
# anything but "digits/digits" with 0 <= K < N is a usage error (64) that
# names the option, before any input is read.  merge-summaries checks the
# shard each summary holds (state.db beside it): a missing, repeated
# or foreign shard is exit 65 naming it, and nothing is written, unless
# --allow-partial; the merged CSV is mode 0600.
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

# --- 3. merge-summaries wants every shard once
D="--data-dir . --date 2026-03-01 -j 1 --quiet"
for f in arjun-mehta dmitry-smirnov kavya-nair zoe-o-briain jose-alvarez; do
	cp "inputs/$f.xml" "$tmp/in/"
done
for k in 0 1 2 3; do
	"$RG" batch $D --shard $k/4 -o "$tmp/s$k" "$tmp/in" 2>/dev/null ||
	    bad "batch --shard $k/4: exit $?"
done
"$RG" batch $D --shard 0/2 -o "$tmp/t0" "$tmp/in" 2>/dev/null
"$RG" batch $D -o "$tmp/all" "$tmp/in" 2>/dev/null
merge() {	# expected-status out args...
	want=$1 out=$2; shift 2
	rm -f "$out"
	"$RG" merge-summaries -o "$out" "$@" >/dev/null 2>"$tmp/merr"
	got=$?
	[ "$got" = "$want" ] || bad "merge $*: exit $got, expected $want: $(cat "$tmp/merr")"
}
merge 0 "$tmp/m.csv" "$tmp"/s[0-3]/summary.csv
[ "$(stat -c %a "$tmp/m.csv" 2>/dev/null)" = 600 ] ||
    bad "merged CSV mode $(stat -c %a "$tmp/m.csv" 2>/dev/null), expected 600"
[ "$(grep -c ',ok,' "$tmp/m.csv")" = 6 ] || bad "merged CSV: $(grep -c ',ok,' "$tmp/m.csv") rows ok, expected 6"
echo "ok: four shards of four merge, mode 0600"

merge 65 "$tmp/m3.csv" "$tmp/s0/summary.csv" "$tmp/s1/summary.csv" "$tmp/s3/summary.csv"
grep -q 'shard 2/4 is missing' "$tmp/merr" || bad "missing shard not named: $(cat "$tmp/merr")"
[ -e "$tmp/m3.csv" ] && bad "incomplete set: CSV written"
merge 0 "$tmp/m3.csv" --allow-partial "$tmp/s0/summary.csv" "$tmp/s1/summary.csv" "$tmp/s3/summary.csv"
grep -q 'warning: shard 2/4 is missing' "$tmp/merr" || bad "--allow-partial: no warning: $(cat "$tmp/merr")"
[ -s "$tmp/m3.csv" ] || bad "--allow-partial: nothing written"
echo "ok: a missing shard is refused, named, and --allow-partial merges the rest"

merge 65 "$tmp/md.csv" "$tmp"/s[0-3]/summary.csv "$tmp/s2/summary.csv"
grep -q "s2/summary.csv: error: shard 2/4 again" "$tmp/merr" || bad "repeated shard not named: $(cat "$tmp/merr")"
[ -e "$tmp/md.csv" ] && bad "repeated shard: CSV written"
merge 65 "$tmp/mn.csv" "$tmp/t0/summary.csv" "$tmp/s1/summary.csv"
grep -q 'is shard 1/4, but the summaries before it are shards of 2' "$tmp/merr" ||
    bad "shards of different N: $(cat "$tmp/merr")"
merge 65 "$tmp/mu.csv" "$tmp/all/summary.csv" "$tmp"/s[0-3]/summary.csv
grep -q 'shards of 4, the others of unsharded runs' "$tmp/merr" ||
    bad "sharded with unsharded: $(cat "$tmp/merr")"
cp "$tmp/s0/summary.csv" "$tmp/lone.csv"
merge 65 "$tmp/ml.csv" "$tmp/lone.csv" "$tmp"/s[1-3]/summary.csv
grep -q 'lone.csv: error: no readable state.db (or manifest.json) beside it' "$tmp/merr" ||
    bad "summary without manifest: $(cat "$tmp/merr")"
merge 0 "$tmp/ma.csv" "$tmp/all/summary.csv"
echo "ok: repeated, foreign and unknown shards are refused; an unsharded run merges"

ln -s "$tmp/m.csv" "$tmp/link.csv"
"$RG" merge-summaries -o "$tmp/link.csv" "$tmp"/s[0-3]/summary.csv 2>"$tmp/merr"
st=$?
[ $st = 73 ] || bad "merge -o link: exit $st, expected 73"
grep -q 'link.csv: .*symbolic link' "$tmp/merr" || bad "merge -o link: $(cat "$tmp/merr")"
[ -L "$tmp/link.csv" ] || bad "merge -o link: replaced"
echo "ok: merge-summaries -o refuses a link"

exit $fail
