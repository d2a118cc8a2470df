#!/bin/sh
# t_startup_dl.sh: SQLite (state.c) is opened on first use, not linked
# (issue 17, "One render process, second pass" in docs/performance.md):
#  - the binary does not need it (objdump NEEDED), and no library it
#    links does;
#  - a render does not load it (LD_DEBUG=files); a batch does;
#  - with SQLite missing at run time (an LD_PRELOAD shim,
#    tests/nohb/nodlopen.c, makes its dlopen fail) a render is the same
#    report, byte for byte, and says nothing;
#  - a batch stops with 70 and says why, before it makes a state.db or a
#    report, and does not blame the state.db; merge-summaries refuses
#    and names the missing library, not the state.db.
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh
need objdump cc cmp
RG=${RG:-build/reportgen}
scratch
fail=0
no() { echo "FAIL: $*"; fail=$((fail + 1)); }
D="--date 2026-06-01"
export SOURCE_DATE_EPOCH=1780000000
IN=inputs/arjun-mehta.xml

objdump -p "$RG" | grep NEEDED | grep sqlite && no "the binary links SQLite"

LD_DEBUG=files "$RG" render $D $IN -o "$tmp/plain.pdf" 2>"$tmp/ld" ||
    no "render: does not render"
grep -q 'libsqlite3' "$tmp/ld" && no "a render loads SQLite"
LD_DEBUG=files "$RG" batch -q $D -o "$tmp/b1" $IN 2>"$tmp/ld" ||
    no "batch: exit status $?"
grep -q 'file=libsqlite3.so' "$tmp/ld" || no "a batch does not load SQLite"
echo "ok: SQLite not linked, loaded by a batch only"

cc -O2 -shared -fPIC -o "$tmp/nodlopen.so" tests/nohb/nodlopen.c ||
    { no "cannot build the shim"; finish "$fail"; }
# An ASan build wants its runtime first of the preloaded libraries.
pre=$(ldd "$RG" 2>/dev/null | awk '/libasan/ { print $3 }')
nosql() {
	RG_NODL=libsqlite3 LD_PRELOAD="${pre:+$pre }$tmp/nodlopen.so" "$RG" "$@"
}

nosql render $D $IN -o "$tmp/nolib.pdf" 2>"$tmp/nolib.err" ||
    no "render without SQLite: exit status $?"
[ -s "$tmp/nolib.err" ] && no "render without SQLite: says $(cat "$tmp/nolib.err")"
cmp -s "$tmp/plain.pdf" "$tmp/nolib.pdf" ||
    no "render without SQLite: not the same report"
echo "ok: a render without SQLite is the same report"

nosql batch $D -o "$tmp/b2" $IN 2>"$tmp/b2.err"
rc=$?
[ "$rc" = 70 ] || no "batch without SQLite: exit status $rc, not 70"
grep -q "state.db: error: cannot load SQLite (libsqlite3.so.[0-9]*), which the run state needs" \
    "$tmp/b2.err" || no "batch without SQLite: does not say why: $(cat "$tmp/b2.err")"
grep -q "remove it to start over" "$tmp/b2.err" &&
    no "batch without SQLite: tells to remove a state.db that is not at fault"
[ -e "$tmp/b2/state.db" ] && no "batch without SQLite: made a state.db"
ls "$tmp/b2" 2>/dev/null | grep -q '\.pdf$' && no "batch without SQLite: made a report"
# A state.db that is there, SQLite not: nothing merged.
nosql merge-summaries -o "$tmp/all.csv" "$tmp/b1/summary.csv" 2>"$tmp/m.err"
rc=$?
[ "$rc" = 70 ] || no "merge-summaries without SQLite: exit status $rc, not 70"
[ -e "$tmp/all.csv" ] && no "merge-summaries without SQLite: wrote all.csv"
grep -q "summary.csv: error: cannot load SQLite (libsqlite3.so.[0-9]*), which reading the state.db beside it needs" \
    "$tmp/m.err" || no "merge-summaries without SQLite: does not say why: $(cat "$tmp/m.err")"
grep -q "no readable state.db" "$tmp/m.err" &&
    no "merge-summaries without SQLite: blames a state.db that is there"
grep -q "all.csv: error: not written: without SQLite the shards cannot be checked" "$tmp/m.err" ||
    no "merge-summaries without SQLite: says the shards are not whole"
echo "ok: a batch without SQLite stops with 70 and says why; merge-summaries refuses"
finish "$fail"
