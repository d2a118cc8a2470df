#!/bin/sh
# t_encrypt.sh: --encrypt with --password-file.  Every report of a batch
# is AES-256 (pdfinfo), does not open without its password, opens and
# shows the name with it, passes qpdf --check; a profile with no entry
# fails alone (65, no file) and the others are written; a password file
# readable by others is refused (65) before anything is rendered;
# --encrypt without a password file is a usage error (64); the passwords
# never reach stderr, summary.csv, manifest.json or the process list
# (they are never on the command line); an idle incremental rerun
# touches nothing, a changed password re-protects that report only.
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh
need pdftotext pdfinfo qpdf
RG=${RG:-build/reportgen}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/t_encrypt.XXXXXX") || exit 1
bgpid=
trap '[ -n "$bgpid" ] && kill "$bgpid" 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM
fail=0
bad() { echo "FAIL: $*"; fail=1; }
D="--date 2026-03-01 -j 2"

mkdir -p "$tmp/in"
cp inputs/ananya-iyer.xml inputs/arjun-mehta.xml inputs/kavya-nair.xml "$tmp/in/"
PW=$tmp/pw.tsv
OWN=$tmp/owner.txt
printf '# id<TAB>password\nananya-iyer\tSunflower Kite 42\narjun-mehta\tMaple-Otter-77\n' >"$PW"
printf 'Coach Owner Pw 9\n' >"$OWN"
chmod 600 "$PW" "$OWN"

# -- usage
"$RG" batch $D --encrypt -o "$tmp/u" "$tmp/in" 2>/dev/null
st=$?
[ $st = 64 ] || bad "--encrypt without --password-file: exit $st, expected 64"
"$RG" render --encrypt -o "$tmp/u.pdf" inputs/ananya-iyer.xml 2>/dev/null
st=$?
[ $st = 64 ] || bad "render --encrypt without --password-file: exit $st"

# -- batch: two entries of three
"$RG" batch $D --encrypt --password-file "$PW" --owner-password-file "$OWN" \
    -o "$tmp/out" "$tmp/in" 2>"$tmp/err1"
st=$?
[ $st = 65 ] || bad "batch with a missing entry: exit $st, expected 65"
[ -s "$tmp/out/ananya-iyer.pdf" ] || bad "ananya-iyer.pdf missing"
[ -s "$tmp/out/arjun-mehta.pdf" ] || bad "arjun-mehta.pdf missing"
[ -e "$tmp/out/kavya-nair.pdf" ] && bad "kavya-nair.pdf written without a password"
grep -q "no password entry for id 'kavya-nair'" "$tmp/err1" ||
    { cat "$tmp/err1"; bad "the missing entry is not reported"; }
grep -q ',kavya-nair,.*,invalid,' "$tmp/out/summary.csv" ||
    bad "summary.csv: kavya-nair not invalid"

A=$tmp/out/ananya-iyer.pdf
pdfinfo -upw 'Sunflower Kite 42' "$A" >"$tmp/info" 2>&1 || bad "pdfinfo with the password failed"
grep -q '^Encrypted:.*AES-256' "$tmp/info" || { cat "$tmp/info"; bad "not AES-256"; }
grep -q 'print:yes' "$tmp/info" || bad "printing not allowed"
grep -q 'change:no' "$tmp/info" || bad "changes not denied"
pdftotext "$A" - >/dev/null 2>&1 && bad "opened without the password"
pdftotext -upw 'Sunflower Kite 42' "$A" - 2>/dev/null | grep -q 'Ananya Iyer' ||
    bad "with the password the name does not show"
pdftotext -upw 'Maple-Otter-77' "$A" - >/dev/null 2>&1 &&
    bad "opened with another candidate's password"
pdftotext -upw 'Maple-Otter-77' "$tmp/out/arjun-mehta.pdf" - 2>/dev/null |
    grep -q 'Arjun Mehta' || bad "arjun-mehta.pdf does not open with its password"
qpdf --check --password='Sunflower Kite 42' "$A" >/dev/null 2>&1 ||
    bad "qpdf --check with the password fails"
echo "ok: reports are AES-256 and open with their own password only"

# the index: protected with the owner password
pdftotext "$tmp/out/index.pdf" - >/dev/null 2>&1 && bad "index opens without a password"
pdftotext -upw 'Coach Owner Pw 9' "$tmp/out/index.pdf" - 2>/dev/null |
    grep -q 'Ananya Iyer' || bad "index does not open with the owner password"
echo "ok: index protected with the owner password"

# -- passwords never in logs or outputs
for f in "$tmp/err1" "$tmp/out/summary.csv" "$tmp/out/state.db"; do
	[ -s "$f" ] || bad "$(basename "$f") missing"
	grep -a -q -e 'Sunflower' -e 'Maple-Otter' -e 'Coach Owner' "$f" &&
	    bad "a password appears in $(basename "$f")"
done
# ... nor in the process list while a batch runs (a hanging worker keeps
# it alive for a moment)
REPORTGEN_TEST_HANG_ID=ananya-iyer "$RG" batch $D --timeout 2 --encrypt \
    --password-file "$PW" -o "$tmp/out2" "$tmp/in" >/dev/null 2>&1 &
bgpid=$!
sleep 0.5
ps -eo args >"$tmp/ps" 2>/dev/null
grep -q 'password-file' "$tmp/ps" || bad "the batch was not seen in ps"
grep -q -e 'Sunflower' -e 'Maple-Otter' "$tmp/ps" && bad "a password is in ps output"
wait "$bgpid"
bgpid=
echo "ok: passwords not in stderr, summary, state.db or ps"

# -- idle rerun: nothing touched; a changed password: that report only
snap() { (cd "$1" && stat -c '%n %y' *.pdf summary.csv state.db | sort); }
snap "$tmp/out" >"$tmp/s1"
"$RG" batch $D --incremental --encrypt --password-file "$PW" \
    --owner-password-file "$OWN" -o "$tmp/out" "$tmp/in" 2>"$tmp/err2"
snap "$tmp/out" >"$tmp/s2"
cmp -s "$tmp/s1" "$tmp/s2" || { diff "$tmp/s1" "$tmp/s2"; bad "idle encrypted rerun changed files"; }
grep -q 'rendered 0, unchanged 2, invalid 1' "$tmp/err2" ||
    bad "idle rerun counts: $(tail -1 "$tmp/err2")"
printf 'ananya-iyer\tNew Secret 5\narjun-mehta\tMaple-Otter-77\nkavya-nair\tK-pw-3\n' >"$PW"
"$RG" batch $D --incremental --encrypt --password-file "$PW" \
    --owner-password-file "$OWN" -o "$tmp/out" "$tmp/in" 2>"$tmp/err3"
st=$?
[ $st = 0 ] || { cat "$tmp/err3"; bad "rerun with all entries: exit $st"; }
grep -q 'rendered 2, unchanged 1' "$tmp/err3" ||
    bad "changed password: counts: $(tail -1 "$tmp/err3")"
pdftotext -upw 'New Secret 5' "$A" - 2>/dev/null | grep -q 'Ananya Iyer' ||
    bad "the report does not open with the new password"
pdftotext -upw 'K-pw-3' "$tmp/out/kavya-nair.pdf" - >/dev/null 2>&1 ||
    bad "kavya-nair.pdf not written once its entry exists"
echo "ok: incremental reruns follow password changes"

# -- a password file others can read is refused before any work
chmod 644 "$PW"
"$RG" batch $D --encrypt --password-file "$PW" -o "$tmp/out3" "$tmp/in" 2>"$tmp/err4"
st=$?
[ $st = 65 ] || bad "world-readable password file: exit $st, expected 65"
grep -q 'mode 0644' "$tmp/err4" || bad "world-readable: reason not given"
ls "$tmp/out3"/*.pdf >/dev/null 2>&1 && bad "world-readable: reports written"
chmod 600 "$PW"
echo "ok: a password file readable by others is refused"

# -- render
"$RG" render --date 2026-03-01 --encrypt --password-file "$PW" \
    -o "$tmp/r.pdf" inputs/arjun-mehta.xml || bad "encrypted render failed"
pdfinfo -upw 'Maple-Otter-77' "$tmp/r.pdf" 2>/dev/null | grep -q 'AES-256' ||
    bad "render: not AES-256"
"$RG" render --date 2026-03-01 --encrypt --password-file "$PW" \
    -o "$tmp/r2.pdf" inputs/zoe-o-briain.xml 2>"$tmp/err5"
st=$?
[ $st = 65 ] || bad "render without an entry: exit $st, expected 65"
[ -e "$tmp/r2.pdf" ] && bad "render without an entry wrote a file"
grep -q "no password entry for id 'zoe-o-briain'" "$tmp/err5" ||
    bad "render: missing entry not reported"
echo "ok: render --encrypt"

[ $fail = 0 ] && echo "encrypt: all ok"
exit $fail
