#!/bin/sh
# t_batch_kill.sh: killing a batch at any moment never leaves a partial
# file at a final name, and the next run repairs everything.
#
# 20 times: start a batch over ~30 profiles in its own process group,
# SIGKILL the whole group after a random 0-300 ms.  Every *.pdf then in
# the directory must equal, byte for byte, the same report from an
# uninterrupted run (--date is fixed, so reports are reproducible); one
# that does not is checked with qpdf --check and reported.  Finally a
# normal run must leave exactly the uninterrupted run's files.

RG=${RG:-build/reportgen}
ROUNDS=${ROUNDS:-20}
fail=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/t_batch_kill.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

bad() {
	echo "FAIL: $*"
	fail=1
}

. "$(dirname "$0")/lib.sh"
need setsid qpdf

IN=$tmp/in
mkdir "$IN"
# 16 sample profiles and copies with other ids: 32 profiles.  (Few
# processes per round: on a loaded machine each costs tens of ms.)
cp inputs/*.xml "$IN/"
for f in inputs/*.xml; do
	sed 's/<identity id="\([^"]*\)"/<identity id="\1-copy"/' "$f" \
	    >"$IN/$(basename "$f" .xml)-copy.xml"
done
n=$(ls "$IN" | wc -l)

D="--date 2026-03-01 -j 2 --quiet"
"$RG" batch $D -o "$tmp/ref" "$IN" || { bad "reference run failed"; exit 1; }
[ "$(ls "$tmp/ref" | grep -v '^index\.pdf$' | grep -c '\.pdf$')" = "$n" ] ||
    bad "reference run: not $n reports"
# qpdf --check takes ~0.1 s a file: check a few references; every PDF of
# the killed runs is then compared with its reference by SHA-256.
if have qpdf "qpdf --check of the references"; then
	for p in $(ls "$tmp/ref"/*.pdf | head -n 4); do
		qpdf --check "$p" >/dev/null 2>&1 || bad "reference $p fails qpdf --check"
	done
fi
(cd "$tmp/ref" && sha256sum *.pdf) >"$tmp/ref.sums"

K=$tmp/k
i=0
while [ $i -lt "$ROUNDS" ]; do
	i=$((i + 1))
	ms=$(( $(od -An -N2 -tu2 /dev/urandom) % 300 ))
	extra=
	[ $((i % 2)) = 0 ] && extra=--incremental
	setsid "$RG" batch $D $extra -o "$K" "$IN" 2>/dev/null &
	pid=$!
	sleep "$(printf '0.%03d' "$ms")"
	kill -s KILL -- "-$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	# Any PDF at a final name must be a whole, correct report.
	(cd "$K" 2>/dev/null && sha256sum *.pdf 2>/dev/null) >"$tmp/round.sums"
	grep -vxFf "$tmp/ref.sums" "$tmp/round.sums" >"$tmp/wrong"
	while read -r sum name; do
		if qpdf --check "$K/$name" >/dev/null 2>&1; then
			bad "round $i ($ms ms): $name differs from the reference"
		else
			bad "round $i ($ms ms): $name is not a whole PDF"
		fi
	done <"$tmp/wrong"
	# summary.csv, when present, is whole too, and the run state
	# passes SQLite's integrity check.
	[ ! -e "$K/summary.csv" ] || [ -z "$(tail -c 1 "$K/summary.csv")" ] ||
		bad "round $i ($ms ms): summary.csv is cut short"
	if [ -e "$K/state.db" ]; then
		ic=$(python3 -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("PRAGMA integrity_check").fetchone()[0])' "$K/state.db" 2>&1)
		[ "$ic" = ok ] || bad "round $i ($ms ms): state.db: $ic"
	fi
done

# The next normal run repairs everything.
"$RG" batch $D --incremental -o "$K" "$IN"
st=$?
[ $st = 0 ] || bad "repair run: exit $st"
(cd "$tmp/ref" && ls -A | sort) >"$tmp/l1"
(cd "$K" && ls -A | sort) >"$tmp/l2"
cmp -s "$tmp/l1" "$tmp/l2" || { bad "repair run: other files than the reference"; diff "$tmp/l1" "$tmp/l2"; }
for p in "$tmp/ref"/*.pdf "$tmp/ref/summary.csv"; do
	cmp -s "$p" "$K/$(basename "$p")" || bad "repair run: $(basename "$p") differs"
done

[ $fail = 0 ] && echo "t_batch_kill: ok ($ROUNDS rounds, $n profiles)"
exit $fail
