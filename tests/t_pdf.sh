#!/bin/sh
# t_pdf.sh: the multi-script document from test_pdf (written with
# PDF_TEST_OUT) extracts exactly with pdftotext, embeds every font, and
# passes qpdf --check without warnings.
set -u
B=${B:-build}
. "$(dirname "$0")/lib.sh"
need pdftotext pdffonts qpdf /usr/bin/python3
T=$(mktemp -d "${TMPDIR:-/tmp}/t_pdf.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }

if [ ! -x "$B/test_pdf" ]; then
	make -s B="$B" "$B/test_pdf" >"$T/make.log" 2>&1 ||
	    { cat "$T/make.log"; echo "FAIL: cannot build $B/test_pdf"; exit 1; }
fi
PDF_TEST_OUT=$T "$B/test_pdf" >"$T/unit.log" 2>&1 ||
    { tail -20 "$T/unit.log"; echo "FAIL: test_pdf"; exit 1; }
[ -s "$T/scripts.pdf" ] || { echo "FAIL: no scripts.pdf"; exit 1; }

pdftotext -enc UTF-8 "$T/scripts.pdf" "$T/text.txt" || bad "pdftotext"
for s in "Łukasz Wójcik" "Zoë Ó Briain" "Αλέξανδρος" "Дмитрий" "Олена" \
    "₹25–60L" "\$160K–\$220K, ₹25–60L ✓ → ≥ ½."; do
	grep -qxF -- "$s" "$T/text.txt" || grep -qF -- "$s" "$T/text.txt" ||
	    bad "pdftotext does not give '$s'"
done
grep -qx "Łukasz Wójcik" "$T/text.txt" || bad "'Łukasz Wójcik' not a line of its own"

pdffonts "$T/scripts.pdf" >"$T/fonts.txt" 2>&1 || bad "pdffonts"
nfonts=$(awk 'NR > 2' "$T/fonts.txt" | wc -l)
[ "$nfonts" -ge 2 ] || bad "pdffonts lists $nfonts fonts"
awk 'NR > 2 && $(NF-4) != "yes" { exit 1 }' "$T/fonts.txt" ||
    { cat "$T/fonts.txt"; bad "a font is not embedded"; }

qpdf --check "$T/scripts.pdf" >"$T/qpdf.txt" 2>&1 || bad "qpdf --check failed"
grep -qi "warning" "$T/qpdf.txt" && { cat "$T/qpdf.txt"; bad "qpdf warnings"; }
grep -q "No syntax or stream encoding errors" "$T/qpdf.txt" ||
    bad "qpdf did not pass"

# The outline keeps Greek and Cyrillic titles (UTF-16 strings).
qpdf --qdf --object-streams=disable "$T/scripts.pdf" "$T/q.pdf" ||
    bad "qpdf --qdf"
grep -aq "/Title <feff039f03bb03ad03bd03b1" "$T/q.pdf" ||
    bad "outline title not UTF-16"

# libharu 2.3.0 fails to save a subset whose size is a multiple of 4096
# when the font has no 'prep' table (docs/fonts.md): the shipped fonts must
# carry one.
for f in fonts/DejaVuSans.ttf fonts/DejaVuSans-Bold.ttf; do
	/usr/bin/python3 - "$f" <<'PY' || { echo "FAIL: $f has no prep table"; fail=1; }
import sys
from fontTools.ttLib import TTFont
sys.exit(0 if "prep" in TTFont(sys.argv[1]) else 1)
PY
done

[ "$fail" = 0 ] && echo "t_pdf: ok"
exit "$fail"
