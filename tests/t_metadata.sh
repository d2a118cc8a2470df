#!/bin/sh
# t_metadata.sh: the candidate's name reaches the PDF's metadata (the
# Title a viewer shows in its title bar and a file manager in its
# listing) without controls or bidirectional overrides (issue 12):
# "Ana<U+202E>gpj.exe" must not read as "Anaexe.jpg".
RG=${RG:-build/reportgen}
fail=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/t_meta.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
bad() { echo "FAIL: $*"; fail=1; }
. tests/lib.sh
need pdfinfo

# U+202E RLO, U+2066 LRI, U+200F RLM, U+061C ALM, U+009B (C1 CSI),
# U+0085 (NEL), U+2028 (line separator, becomes a space)
name=$(printf 'Ana\342\200\256gpj.exe \342\201\246Iyer\342\200\217\330\234\302\233x\302\205y\342\200\250z')
sed "s|<name>Ananya Iyer</name>|<name>$name</name>|" inputs/ananya-iyer.xml \
    >"$tmp/rlo.xml"
grep -q 'gpj' "$tmp/rlo.xml" || bad "test profile not made"
"$RG" render --data-dir . --date 2026-03-01 -o "$tmp/r.pdf" "$tmp/rlo.xml" \
    2>"$tmp/err" || bad "render: exit $?: $(cat "$tmp/err")"
pdfinfo "$tmp/r.pdf" >"$tmp/info" 2>&1 || bad "pdfinfo failed"
title=$(grep '^Title:' "$tmp/info" | sed 's/^Title: *//')
[ "$title" = "Career report: Anagpj.exe Iyerxy z" ] ||
    bad "Title is '$title' ($(printf '%s' "$title" | od -An -c | tr -s ' ' | head -3))"
for seq in '\342\200\256' '\342\201\246' '\342\200\217' '\330\234' '\302\233' \
    '\302\205' '\342\200\250'; do
	c=$(printf "$seq")
	grep -q "$c" "$tmp/info" && bad "metadata holds $seq"
done
echo "ok: the Title has no control or bidi override"

# the batch renders the same way
mkdir -p "$tmp/in" && cp "$tmp/rlo.xml" "$tmp/in/"
"$RG" batch --data-dir . --date 2026-03-01 -j 1 --quiet -o "$tmp/out" \
    "$tmp/in" 2>/dev/null || bad "batch: exit $?"
t2=$(pdfinfo "$tmp/out/ananya-iyer.pdf" 2>/dev/null | grep '^Title:' |
    sed 's/^Title: *//')
[ "$t2" = "$title" ] || bad "batch Title '$t2' differs from render's"
echo "ok: batch reports too"
exit $fail
