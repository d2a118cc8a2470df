#!/bin/sh
# make bench: the performance figures of issue 6, measured the same way
# every time.  Not part of `make test` (timings never gate tests).
#
#   BENCH_N     profiles generated (default 1000; 10000 for the scaling run)
#   BENCH_SEED  generator seed (default 1)
#   RG          binary (default build/reportgen)
#
# Prints one table; docs/performance.md records the figures with the
# machine they were measured on.
set -eu
cd "$(dirname "$0")/.."
RG=${RG:-$PWD/build/reportgen}
N=${BENCH_N:-1000}
SEED=${BENCH_SEED:-1}
JOBS=$(getconf _NPROCESSORS_ONLN)
DATE=2026-06-01
W=$(mktemp -d "${TMPDIR:-/tmp}/rgbench.XXXXXX")
trap 'rm -rf "$W"' EXIT INT TERM

python3 tests/gen_profiles.py --seed "$SEED" --count "$N" --out "$W/in"

# One cold batch: wall time, peak RSS of the parent (GNU time reports the
# largest of the process and its waited-for children, so the worker's own
# peak comes from the batch's JSON summary where available, else from
# /proc via the worker sampling below).
# (not --quiet: with it the JSON log keeps errors only, and the timings
# per profile and the summary are read from it)
cold() {	# jobs label
	rm -rf "$W/out-$2"
	/usr/bin/time -f '%e %M' -o "$W/time-$2" \
	    "$RG" batch -j "$1" -o "$W/out-$2" --date $DATE \
	    --log-format json "$W/in" 2>"$W/log-$2" || true
}

cold 1 j1
cold 1 j1b
cold "$JOBS" jn
cold "$JOBS" jnb
# Incremental rerun over the unchanged set (after one incremental run
# that records the manifest).
"$RG" batch -q -j "$JOBS" -o "$W/out-inc" --date $DATE --incremental "$W/in" 2>/dev/null || true
/usr/bin/time -f '%e %M' -o "$W/time-inc" \
    "$RG" batch -q -j "$JOBS" -o "$W/out-inc" --date $DATE --incremental "$W/in" 2>/dev/null || true

# Whole-process time of one `render` (start-up, schema compile, font load).
ONE=$(ls "$W/in" | head -n 1)
if command -v hyperfine >/dev/null 2>&1; then
	hyperfine -N -w 3 -r 30 --export-json "$W/render.json" \
	    "$RG render $W/in/$ONE -o $W/one.pdf --date $DATE" >/dev/null 2>&1 || true
fi

# Split of the time between stages: callgrind instruction counts over a
# one-worker batch of 100 profiles (repeatable, unlike timers).
if command -v valgrind >/dev/null 2>&1 && [ "${BENCH_SPLIT:-1}" = 1 ]; then
	mkdir -p "$W/split-in"
	ls "$W/in" | head -n 100 | while read -r f; do cp "$W/in/$f" "$W/split-in/"; done
	(cd "$W" && valgrind --tool=callgrind --trace-children=yes \
	    --callgrind-out-file="$W/cg.%p" "$RG" batch -q -j 1 \
	    -o "$W/out-cg" --date $DATE "$W/split-in" >/dev/null 2>&1) || true
fi

python3 bench/report.py "$W" "$N" "$JOBS"
