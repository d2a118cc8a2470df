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

# A report's content streams and fonts as pdf_draw.c and pdf_font.c
# write them (docs/performance.md, "Fonts and content bytes"): numbers
# without a leading zero, dots without a q/Q each, and font programs of
# the seven tables a reader needs, with the glyphs numbered anew (a few
# dozen, not the face's 838) and every component of a composite kept
# (U+0407, a composite of a composite, in Олена Їжак's name).
RG=${RG:-$B/reportgen}
sed 's|<name[^>]*>[^<]*</name>|<name>Олена Їжак</name>|' inputs/olena-kovalenko.xml \
    >"$T/yi.xml"
"$RG" render --date 2026-06-01 "$T/yi.xml" -o "$T/yi.pdf" 2>"$T/yi.err" ||
    { cat "$T/yi.err"; bad "render of yi.xml"; }
qpdf --qdf --object-streams=disable "$T/yi.pdf" "$T/yq.pdf" || bad "qpdf --qdf yi.pdf"
/usr/bin/python3 - "$T/yq.pdf" <<'PY' || bad "content or font programs"
import io, re, sys
from fontTools.ttLib import TTFont
q = open(sys.argv[1], "rb").read()
bad = 0
pages = re.findall(rb"%% Contents for page \d+\n%%[^\n]*\n\d+ 0 obj\n<<.*?>>\nstream\n(.*?)endstream", q, re.S)
if not pages:
    print("no content streams"); sys.exit(1)
for c in pages:
    # strings out (the italic skew's Tm included)
    ops = re.sub(rb"\((?:[^()\\]|\\.)*\)|<[0-9a-f]*>", b"", c)
    if re.search(rb"(^|[\s\[])-?0\.\d", ops):
        print("a number with a leading zero:", re.search(rb"[^\n]*(^|[\s\[])-?0\.\d[^\n]*", ops).group(0)); bad = 1
    if b"q 1 J" in c:
        print("a dot in its own q/Q"); bad = 1
nf = 0
for m in re.finditer(rb"/FontFile2 (\d+) 0 R", q):
    o = re.search(rb"\n" + m.group(1) + rb" 0 obj\n<<(.*?)>>\nstream\n", q, re.S)
    n = int(re.search(rb"\n" + re.search(rb"/Length (\d+) 0 R", o.group(1)).group(1) + rb" 0 obj\n(\d+)\n", q).group(1))
    f = TTFont(io.BytesIO(q[o.end():o.end() + n]))
    nf += 1
    tabs = sorted(t for t in f.keys() if t != "GlyphOrder")
    if tabs != ["cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp"]:
        print("font tables:", tabs); bad = 1
    if not 10 < f["maxp"].numGlyphs < 300:
        print("glyphs in a subset:", f["maxp"].numGlyphs); bad = 1
    glyf = f["glyf"]
    g = f.getBestCmap().get(0x407)
    def outlined(name, depth=0):
        gl = glyf[name]
        if gl.isComposite():
            return depth < 8 and all(c.glyphName != ".notdef" and outlined(c.glyphName, depth + 1) for c in gl.components)
        return gl.numberOfContours > 0
    if g is not None and not outlined(g):
        print("U+0407 lacks a component"); bad = 1
if nf < 2:
    print("font programs found:", nf); bad = 1
sys.exit(bad)
PY
pdftotext "$T/yi.pdf" - | grep -q "Олена Їжак" || bad "pdftotext does not give 'Олена Їжак'"

[ "$fail" = 0 ] && echo "t_pdf: ok"
exit "$fail"
