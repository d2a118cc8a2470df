#!/bin/sh
# t_state.sh: the batch's run state, DIR/state.db (issue 12, "State that
# scales").
#   1. state.db is mode 0600 whatever the umask and --mode, in WAL mode,
#      a row per input; no manifest.json beside it; no -wal left.
#   2. An idle --incremental rerun writes nothing to it (mtime and bytes);
#      a summary.csv longer, shorter or other than the state's is made
#      again.
#   3. SIGKILL mid-run: every row that says "ok" has its report on disk
#      with the hash the row keeps (the state never runs ahead of the
#      reports), at most the group in flight (2 workers x 32) is on disk
#      without a row, and the rerun renders exactly the rest.
#   4. An output directory an older reportgen wrote (manifest.json, no
#      state.db) is imported once: nothing rendered again, manifest.json
#      removed; a manifest.json planted later is not read again.
#   5. merge-summaries reads each shard's state.db: three shards merge;
#      without one shard's state.db, or with a shard given twice, it
#      refuses (65) and writes nothing.
#   6. A state.db that is not a database: exit 74 before any report.
cd "$(dirname "$0")/.." || exit 1
RG=${RG:-build/reportgen}
. tests/lib.sh
need python3
scratch
fail=0
bad() { echo "FAIL: $*"; fail=1; }
D="--data-dir . --date 2026-03-01"

# sql DB QUERY: the first column of each row, one a line
sql() {
	python3 -c 'import sqlite3, sys
db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
for r in db.execute(sys.argv[2]):
    print(r[0])' "$1" "$2"
}
# field KEY: from the closing JSON line in $tmp/log
field() {
	grep '"summary":true' "$tmp/log" | sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p"
}

# --- 1. mode, WAL, rows -------------------------------------------------
mkdir -p "$tmp/in"
cp inputs/*.xml "$tmp/in/"
n=$(ls "$tmp/in"/*.xml | wc -l)
(umask 000; "$RG" batch $D -q -j 2 --mode 0644 -o "$tmp/out" "$tmp/in") ||
    bad "first run failed"
# (before anything else opens it: a reader may leave a -wal of its own)
[ -e "$tmp/out/state.db-wal" ] && bad "state.db-wal left after the run"
m=$(stat -c %a "$tmp/out/state.db" 2>/dev/null)
[ "$m" = 600 ] || bad "state.db mode ${m:-missing} under umask 000 and --mode 0644, expected 600"
[ "$(stat -c %a "$tmp/out/summary.csv")" = 644 ] || bad "--mode 0644 not applied to summary.csv"
[ "$(sql "$tmp/out/state.db" 'PRAGMA journal_mode')" = wal ] ||
    bad "state.db is not in WAL mode"
[ "$(sql "$tmp/out/state.db" 'SELECT count(*) FROM entry')" = "$n" ] ||
    bad "state.db does not hold a row per input ($n)"
[ -e "$tmp/out/manifest.json" ] && bad "manifest.json written beside state.db"
echo "ok: state.db 0600, WAL, $n rows"

# --- 2. an idle rerun writes nothing -------------------------------------
s1=$(stat -c '%Y %s' "$tmp/out/state.db"; sha256sum <"$tmp/out/state.db")
sleep 1
"$RG" batch $D -q -j 2 --incremental -o "$tmp/out" "$tmp/in" || bad "idle rerun failed"
s2=$(stat -c '%Y %s' "$tmp/out/state.db"; sha256sum <"$tmp/out/state.db")
[ "$s1" = "$s2" ] || bad "idle rerun wrote state.db"
echo "ok: an idle rerun leaves state.db as it was"

# summary.csv is compared with the file chunk by chunk, never held for
# that: a file longer, shorter or different is made again
cp "$tmp/out/summary.csv" "$tmp/sum.ref"
for how in longer shorter different; do
	case $how in
	longer) echo x >>"$tmp/out/summary.csv" ;;
	shorter) head -c 100 "$tmp/sum.ref" >"$tmp/out/summary.csv" ;;
	different) sed 's/,ok,/,OK,/' "$tmp/sum.ref" >"$tmp/out/summary.csv" ;;
	esac
	"$RG" batch $D -q -j 2 --incremental -o "$tmp/out" "$tmp/in"
	cmp -s "$tmp/out/summary.csv" "$tmp/sum.ref" ||
	    bad "a summary.csv $how than the state's was not made again"
done
echo "ok: a summary.csv that differs from the state is made again"

# --- 3. SIGKILL mid-run ---------------------------------------------------
N=200
python3 tests/gen_profiles.py --seed 5 --count $N --out "$tmp/gen" >/dev/null ||
    bad "gen_profiles failed"
J="--log-format json -j 2"
t0=$(date +%s%N)
"$RG" batch $D $J -o "$tmp/ref" "$tmp/gen" 2>/dev/null || bad "reference run failed"
full=$((($(date +%s%N) - t0) / 1000000))
"$RG" batch $D $J -o "$tmp/k" "$tmp/gen" 2>/dev/null &
pid=$!
ms=$((full / 2))
sleep "$((ms / 1000)).$(printf %03d $((ms % 1000)))"
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
disk=$(ls "$tmp/k" | grep -c '^gen-.*\.pdf$')
# every "ok" row: its report is there, with the hash the row keeps
python3 - "$tmp/k" >"$tmp/check" <<'PY'
import hashlib, os, sqlite3, sys
d = sys.argv[1]
db = sqlite3.connect(os.path.join(d, "state.db"))
ok = bad = 0
for out, sha in db.execute("SELECT output, output_sha256 FROM entry "
                           "WHERE status = 'ok'"):
    p = os.path.join(d, out)
    if not os.path.exists(p) or \
       hashlib.sha256(open(p, "rb").read()).hexdigest() != sha:
        bad += 1
    ok += 1
print(ok, bad)
PY
read rows badrows <"$tmp/check"
[ "$badrows" = 0 ] || bad "after SIGKILL: $badrows rows say ok without their report"
[ "$rows" -le "$disk" ] && [ "$rows" -ge $((disk - 64)) ] ||
    bad "after SIGKILL: $rows rows for $disk reports on disk (at most 64 lost)"
"$RG" batch $D $J --incremental -o "$tmp/k" "$tmp/gen" 2>"$tmp/log" ||
    bad "rerun after SIGKILL failed"
[ "$(field unchanged)" = "$rows" ] && [ "$(field rendered)" = $((N - rows)) ] ||
    bad "rerun after SIGKILL: rendered $(field rendered), unchanged $(field unchanged); expected $((N - rows)), $rows"
for f in "$tmp/ref"/*.pdf "$tmp/ref/summary.csv"; do
	cmp -s "$f" "$tmp/k/$(basename "$f")" ||
	    bad "after SIGKILL and rerun: $(basename "$f") differs from an uninterrupted run"
done
echo "ok: SIGKILL after $ms ms: $disk reports on disk, $rows rows; the rerun rendered $((N - rows))"

# --- 4. an older directory's manifest.json is imported once -----------
cp -R "$tmp/ref" "$tmp/old"
python3 tests/state_to_manifest.py "$tmp/old" --index-digests
"$RG" batch $D $J --incremental -o "$tmp/old" "$tmp/gen" 2>"$tmp/log" ||
    bad "run over an older directory failed"
[ "$(field rendered)" = 0 ] && [ "$(field unchanged)" = $N ] ||
    bad "older directory: rendered $(field rendered), unchanged $(field unchanged); expected 0, $N"
[ -e "$tmp/old/manifest.json" ] && bad "older directory: manifest.json not removed once imported"
[ "$(sql "$tmp/old/state.db" 'SELECT count(*) FROM entry')" = $N ] ||
    bad "older directory: the state has not every row"
# a manifest.json planted now (saying every input changed) is not read
python3 -c 'import json, sys
json.dump({"format": 2, "profiles": []}, open(sys.argv[1], "w"))' "$tmp/old/manifest.json"
"$RG" batch $D $J --incremental -o "$tmp/old" "$tmp/gen" 2>"$tmp/log" ||
    bad "run beside a planted manifest.json failed"
[ "$(field unchanged)" = $N ] || bad "a manifest.json planted after the import was read"
[ -e "$tmp/old/manifest.json" ] || bad "a planted manifest.json was removed"
echo "ok: an older directory's manifest.json imported once"

# --- 5. merge-summaries reads the shards' state.db ------------------------
for k in 0 1 2; do
	"$RG" batch $D -q -j 1 --shard $k/3 -o "$tmp/s$k" "$tmp/in" ||
	    bad "shard $k/3 failed"
	[ -e "$tmp/s$k/manifest.json" ] && bad "shard $k: manifest.json written"
done
"$RG" merge-summaries -o "$tmp/m.csv" "$tmp/s0/summary.csv" \
    "$tmp/s1/summary.csv" "$tmp/s2/summary.csv" 2>"$tmp/err" ||
    bad "merge of 3 shards: exit $?: $(cat "$tmp/err")"
[ "$(($(wc -l <"$tmp/m.csv") - 1))" = "$n" ] || bad "merge: not $n rows"
mv "$tmp/s2/state.db" "$tmp/s2-state.db"
"$RG" merge-summaries -o "$tmp/m2.csv" "$tmp/s0/summary.csv" \
    "$tmp/s1/summary.csv" "$tmp/s2/summary.csv" 2>"$tmp/err"
st=$?
[ $st = 65 ] || bad "merge without a shard's state.db: exit $st, expected 65"
grep -q 's2/summary.csv: error: no readable state.db' "$tmp/err" ||
    bad "merge without a shard's state.db: $(head -1 "$tmp/err")"
[ -e "$tmp/m2.csv" ] && bad "merge without a shard's state.db: written"
mv "$tmp/s2-state.db" "$tmp/s2/state.db"
"$RG" merge-summaries -o "$tmp/m3.csv" "$tmp/s0/summary.csv" \
    "$tmp/s1/summary.csv" "$tmp/s1/summary.csv" 2>"$tmp/err"
st=$?
[ $st = 65 ] || bad "merge with a shard twice: exit $st, expected 65"
[ -e "$tmp/m3.csv" ] && bad "merge with a shard twice: written"
echo "ok: merge-summaries reads the shards' state; refuses a set with one missing or repeated"

# --- 6. a state.db that is not a database stops the run (74), touching
# nothing, and says how to start over
mkdir -p "$tmp/bad"
head -c 4096 /dev/urandom >"$tmp/bad/state.db"
"$RG" batch $D -q -j 1 -o "$tmp/bad" "$tmp/in" 2>"$tmp/err"
st=$?
[ $st = 74 ] || bad "garbage state.db: exit $st, expected 74"
grep -q 'state.db.*remove it to start over' "$tmp/err" ||
    bad "garbage state.db: $(cat "$tmp/err")"
ls "$tmp/bad" | grep -q '\.pdf$' && bad "garbage state.db: reports written"
echo "ok: a state.db that is not a database stops the run (74)"

[ $fail = 0 ] && echo "state: all ok"
exit $fail
