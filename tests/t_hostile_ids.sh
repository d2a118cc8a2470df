#!/bin/sh
# Hostile identifiers: ids like ../../x, -rf, .hidden, 300 bytes, U+202E
# and duplicates never put a file outside the output directory and never
# overwrite silently.  Both layers are checked: the schema (real data
# dir), and the code alone (a copy of the data dir whose schema lets any
# id through, so only the re-check before a path is built stands).
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh
need pdftotext
RG=${RG:-build/reportgen}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rg-ids.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
D=2026-06-01

# A profile with the given id (printf %b escapes allowed).
mk() {	# mk FILE ID
	sed "s|id=\"jose-alvarez\"|id=\"$(printf '%b' "$2")\"|" \
	    inputs/jose-alvarez.xml >"$1"
}
long=$(printf 'a%.0s' $(seq 1 300))
mkdir -p "$tmp/in" "$tmp/deep/a/b"
mk "$tmp/in/dotdot.xml" '../../x'
mk "$tmp/in/slash.xml" 'a/b'
mk "$tmp/in/option.xml" '-rf'
mk "$tmp/in/hidden.xml" '.hidden'
mk "$tmp/in/long.xml" "$long"
mk "$tmp/in/rlo.xml" 'abc\342\200\256fdp.exe'
mk "$tmp/in/dot.xml" '.'
cp tests/bad/hostile-id-*.xml "$tmp/in/"

# Everything under $tmp except the output dir, to see nothing appears.
snap() { (cd "$tmp" && find . -path ./deep/a/b/out -prune -o -path ./log \
    -prune -o -print | grep -v -e '^\./deep/a/b/out$' -e '^\./log$' | sort); }
mkdir -p "$tmp/log"

# 1. The real schema rejects every one: exit 65, no PDF anywhere.
snap >"$tmp/log/before"
(cd "$tmp/deep/a/b" && "$RG" batch --data-dir "$OLDPWD" -j 2 --date $D \
    -o out "$tmp/in") >"$tmp/log/out1" 2>"$tmp/log/err1"; st=$?
[ $st = 65 ] || fail "schema: batch exit $st, expected 65"
snap >"$tmp/log/after"
diff "$tmp/log/before" "$tmp/log/after" >/dev/null ||
    { fail "schema: files appeared outside the output dir"; diff "$tmp/log/before" "$tmp/log/after"; }
n=$(find "$tmp" -name '*.pdf' ! -name index.pdf | wc -l)
[ "$n" = 0 ] || fail "schema: $n PDF(s) written for hostile ids"
rm -rf "$tmp/deep/a/b/out"

# 2. The code alone: a data dir whose schema accepts any id.
mkdir -p "$tmp/data"
cp -r schemas data "$tmp/data/"
ln -s "$PWD/fonts" "$tmp/data/fonts"
sed -i 's|<xs:pattern value="\[A-Za-z0-9_\]\[A-Za-z0-9_\\-\]{0,63}"/>|<xs:pattern value=".{1,400}"/>|' \
    "$tmp/data/schemas/candidate.xsd"
grep -q 'value=".{1,400}"' "$tmp/data/schemas/candidate.xsd" ||
    fail "could not relax the schema's id pattern"
"$RG" validate --data-dir "$tmp/data" "$tmp/in/dotdot.xml" \
    >/dev/null 2>&1 || fail "relaxed schema still rejects ../../x"
snap >"$tmp/log/before"
(cd "$tmp/deep/a/b" && "$RG" batch --data-dir "$tmp/data" -j 2 --date $D \
    -o out "$tmp/in") >"$tmp/log/out2" 2>"$tmp/log/err2"; st=$?
[ $st = 65 ] || fail "code: batch exit $st, expected 65"
snap >"$tmp/log/after"
diff "$tmp/log/before" "$tmp/log/after" >/dev/null ||
    { fail "code: files appeared outside the output dir"; diff "$tmp/log/before" "$tmp/log/after"; }
n=$(find "$tmp/deep/a/b/out" -name '*.pdf' ! -name index.pdf | wc -l)
[ "$n" = 0 ] || { fail "code: $n PDF(s) for hostile ids:"; ls -A "$tmp/deep/a/b/out"; }
ls -A "$tmp/deep/a/b/out" | grep -q '^\.hidden' && fail "code: a hidden file was written"
grep -q 'dotdot.xml.*id not usable' "$tmp/log/err2" ||
    { fail "code: no 'id not usable' message for ../../x"; head -5 "$tmp/log/err2"; }
rm -rf "$tmp/deep/a/b/out"

# 3. render without -o names the file after the id: same re-check.
for f in dotdot slash option hidden long rlo dot; do
	rm -rf "$tmp/cwd"; mkdir -p "$tmp/cwd/sub"
	snap >"$tmp/log/before"
	(cd "$tmp/cwd/sub" && "$RG" render --data-dir "$tmp/data" --date $D \
	    "$tmp/in/$f.xml") >/dev/null 2>"$tmp/log/err3"; st=$?
	[ $st -lt 128 ] || fail "render $f: signal (exit $st)"
	left=$(ls -A "$tmp/cwd/sub"; ls -A "$tmp/cwd" | grep -v '^sub$')
	[ -z "$left" ] || fail "render id '$f' (relaxed schema): wrote $(echo $left | cat -v)"
	[ $st != 0 ] || fail "render id '$f' (relaxed schema): exit 0"
done

# 4. Duplicates in one batch: one report, the other refused, and a
#    second run does not overwrite with a different profile's report.
mkdir -p "$tmp/dup"
cp inputs/jose-alvarez.xml "$tmp/dup/a.xml"
sed 's|<name[^>]*>[^<]*</name>|<name>Someone Else</name>|' inputs/jose-alvarez.xml \
    >"$tmp/dup/b.xml"
"$RG" batch --data-dir . -j 2 --date $D -o "$tmp/dout" "$tmp/dup" \
    >"$tmp/log/out4" 2>"$tmp/log/err4"; st=$?
[ $st = 65 ] || fail "duplicates: exit $st, expected 65"
[ "$(ls "$tmp/dout"/*.pdf 2>/dev/null | grep -v '/index\.pdf$' | wc -l)" = 1 ] ||
    fail "duplicates: expected one PDF, got $(ls "$tmp/dout" | tr '\n' ' ')"
grep -qi 'duplicate\|already' "$tmp/log/err4" "$tmp/dout/summary.csv" ||
    fail "duplicates: no message names the duplicate"
grep -q 'b.xml' "$tmp/log/err4" || fail "duplicates: the message does not name b.xml"
pdftotext "$tmp/dout/jose-alvarez.pdf" - 2>/dev/null | grep -q 'Someone Else' &&
    fail "duplicates: the report is the second file's (silent overwrite)"
# 5. The id 'index' would be index.pdf, which the batch's own index
#    writes over (it did, silently, with exit 0): refused, like a
#    duplicate, and the index stays the index.
mkdir -p "$tmp/ix"
mk "$tmp/ix/a.xml" 'index'
cp inputs/arjun-mehta.xml "$tmp/ix/"
"$RG" batch -j 2 --date $D -o "$tmp/ixout" "$tmp/ix" \
    >"$tmp/log/out5" 2>"$tmp/log/err5"; st=$?
[ $st = 65 ] || fail "id 'index': exit $st, expected 65"
grep -q "id 'index' is taken by the batch's index" "$tmp/log/err5" ||
    fail "id 'index': no message says why it was not written"
pdftotext -l 1 "$tmp/ixout/index.pdf" - 2>/dev/null | grep -q 'Career reports' ||
    fail "id 'index': index.pdf is not the batch index"
pdftotext "$tmp/ixout/index.pdf" - 2>/dev/null | grep -q 'Jose\|José' &&
    fail "id 'index': index.pdf holds the profile's report"
echo "hostile ids: $(ls "$tmp/in" | wc -l) files, 2 layers, render, duplicates and the id 'index' checked"
[ $fails = 0 ]
