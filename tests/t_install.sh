#!/bin/sh
# t_install.sh: `make install DESTDIR=... PREFIX=/usr/local` lays out the
# binary, schemas, market data, fonts and man page; the installed binary
# works from another directory (/) on a copy of a sample profile, finding
# its data through $REPORTGEN_DATA_DIR or --data-dir, and its compiled-in
# data dir is the installed one (/usr/local/share/reportgen), not the
# source tree; `make uninstall` removes every file it installed.
#
# The install binary is linked in $B/inst from the objects of the plain
# build in $B/obj (the ASan run shares them), with only cmdutil.c (the
# compiled-in data dir) compiled again: no second build of the whole tree.
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh
need pdftotext
B=${B:-build}
B=${B%/asan}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rginst.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
fail() { echo "FAIL: $*"; exit 1; }
# Run from the suite under `make test`: do not inherit its make flags.
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES
JOBS=$(nproc 2>/dev/null || echo 2)

stage=$tmp/stage
root=$stage/usr/local
share=$root/share/reportgen

make -s -j"$JOBS" B="$B" install DESTDIR="$stage" PREFIX=/usr/local \
    >"$tmp/make.log" 2>&1 || { cat "$tmp/make.log"; fail "make install"; }

for f in bin/reportgen share/man/man1/reportgen.1 \
    share/reportgen/schemas/candidate.xsd share/reportgen/schemas/market.xsd \
    share/reportgen/schemas/brand.xsd share/reportgen/data/market.xml \
    share/reportgen/fonts/DejaVuSans.ttf \
    share/reportgen/fonts/DejaVuSans-Bold.ttf; do
	[ -f "$root/$f" ] || fail "not installed: /usr/local/$f"
done
[ -x "$root/bin/reportgen" ] || fail "the installed binary is not executable"
mode=$(stat -c %a "$share/data/market.xml")
[ "$mode" = 644 ] || fail "data/market.xml installed with mode $mode, not 644"
cmp -s reportgen.1 "$root/share/man/man1/reportgen.1" ||
    fail "the installed man page differs from reportgen.1"
echo "ok: installed layout"

cp inputs/ananya-iyer.xml "$tmp/profile.xml" || fail "no sample profile"
RG_I=$root/bin/reportgen

# The compiled-in data dir is the installed one: with no option and no
# environment the binary looks there (and, the files being under DESTDIR,
# does not find them), never in the source tree.  Where an installed copy
# is there to be found, strace shows where the binary looks instead.
if [ ! -e /usr/local/share/reportgen ]; then
	(cd / && env -u REPORTGEN_DATA_DIR "$RG_I" validate "$tmp/profile.xml") \
	    >"$tmp/out" 2>&1 && fail "validate found data without a data dir"
	grep -q '/usr/local/share/reportgen/schemas/candidate.xsd' "$tmp/out" ||
	    { cat "$tmp/out"; fail "compiled-in data dir is not /usr/local/share/reportgen"; }
	echo "ok: compiled-in data dir is /usr/local/share/reportgen"
elif have strace "compiled-in data dir (/usr/local/share/reportgen exists here)"; then
	(cd / && env -u REPORTGEN_DATA_DIR strace -f -qq -e trace=open,openat \
	    -o "$tmp/trace" "$RG_I" validate "$tmp/profile.xml") >/dev/null 2>&1
	grep -q '"/usr/local/share/reportgen/schemas/candidate.xsd"' "$tmp/trace" ||
	    { cat "$tmp/trace"; fail "compiled-in data dir is not /usr/local/share/reportgen"; }
	grep -F "\"$PWD/" "$tmp/trace" && fail "the installed binary opened the source tree"
	echo "ok: compiled-in data dir is /usr/local/share/reportgen (strace)"
fi

(cd / && REPORTGEN_DATA_DIR=$share "$RG_I" validate "$tmp/profile.xml") \
    >"$tmp/out" 2>&1 || { cat "$tmp/out"; fail "installed validate (env)"; }
(cd / && env -u REPORTGEN_DATA_DIR "$RG_I" validate --data-dir "$share" \
    "$tmp/profile.xml") >"$tmp/out" 2>&1 ||
    { cat "$tmp/out"; fail "installed validate (--data-dir)"; }
echo "ok: installed validate from /"

(cd / && REPORTGEN_DATA_DIR=$share "$RG_I" render "$tmp/profile.xml" \
    -o "$tmp/report.pdf" --date 2026-01-15) >"$tmp/out" 2>&1
rc=$?
[ $rc = 0 ] || { cat "$tmp/out"; fail "installed render exited $rc"; }
pdftotext "$tmp/report.pdf" - 2>/dev/null | grep -q 'Ananya Iyer' ||
    fail "the installed render's PDF does not show the candidate"
echo "ok: installed render from /"

make -s B="$B" uninstall DESTDIR="$stage" PREFIX=/usr/local \
    >"$tmp/make.log" 2>&1 || { cat "$tmp/make.log"; fail "make uninstall"; }
left=$(find "$stage" -type f)
[ -z "$left" ] || fail "uninstall left files: $left"
[ ! -e "$share" ] || fail "uninstall left $share"
echo "ok: uninstall removed everything"
finish 0
