#!/bin/sh
# t_shape_dl.sh: HarfBuzz and FriBidi are opened on first use (issue 17,
# reportgen/pdf_hb.c), not linked:
#  - the binary does not need them (objdump NEEDED);
#  - a Latin report does not load them (LD_DEBUG=files), a Devanagari one
#    does;
#  - with libharfbuzz (or libfribidi) missing at run time (an LD_PRELOAD
#    shim, tests/nohb/nodlopen.c, makes its dlopen fail) the Devanagari
#    report renders as it does without the fallback fonts: the same
#    warning per character, the same bytes, no crash.
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
DEVA=tests/stress/script-devanagari.xml

objdump -p "$RG" | grep NEEDED | grep -E 'harfbuzz|fribidi' &&
    no "the binary links HarfBuzz/FriBidi"

LD_DEBUG=files "$RG" render $D inputs/arjun-mehta.xml -o "$tmp/latin.pdf" \
    2>"$tmp/ld" || no "latin: does not render"
grep -qE 'harfbuzz|fribidi' "$tmp/ld" && no "a Latin report loads HarfBuzz/FriBidi"
LD_DEBUG=files "$RG" render $D $DEVA -o "$tmp/deva.pdf" 2>"$tmp/ld" ||
    no "devanagari: does not render"
grep -q 'libharfbuzz.so' "$tmp/ld" || no "a Devanagari report does not load HarfBuzz"
echo "ok: HarfBuzz/FriBidi not linked, loaded only for a shaped report"

# The reference: no fallback fonts (a data directory without fallback.conf).
mkdir -p "$tmp/data/fonts"
cp fonts/DejaVuSans.ttf fonts/DejaVuSans-Bold.ttf "$tmp/data/fonts/"
ln -s "$PWD/schemas" "$tmp/data/schemas"
ln -s "$PWD/data" "$tmp/data/data"
"$RG" render -D "$tmp/data" $D $DEVA -o "$tmp/nofont.pdf" 2>"$tmp/nofont.err" ||
    no "no fallback fonts: does not render"

cc -O2 -shared -fPIC -o "$tmp/nodlopen.so" tests/nohb/nodlopen.c ||
    { no "cannot build the shim"; finish "$fail"; }
# An ASan build wants its runtime first of the preloaded libraries.
pre=$(ldd "$RG" 2>/dev/null | awk '/libasan/ { print $3 }')
for lib in harfbuzz fribidi harfbuzz-subset; do
	RG_NODL=lib$lib.so LD_PRELOAD="${pre:+$pre }$tmp/nodlopen.so" \
	    "$RG" render $D $DEVA \
	    -o "$tmp/no-$lib.pdf" 2>"$tmp/no-$lib.err"
	rc=$?
	[ "$rc" = 0 ] || { no "no lib$lib: exit status $rc"; continue; }
	grep -q "character U+092A 'प' is not in the report fonts; shown as '?'" \
	    "$tmp/no-$lib.err" || no "no lib$lib: no warning for U+092A"
	cmp -s "$tmp/nofont.err" "$tmp/no-$lib.err" ||
	    no "no lib$lib: not the warnings of a missing fallback font"
	cmp -s "$tmp/nofont.pdf" "$tmp/no-$lib.pdf" ||
	    no "no lib$lib: not the report of a missing fallback font"
done
echo "ok: a missing libharfbuzz/libfribidi/libharfbuzz-subset is a missing fallback font"
finish "$fail"
