#!/bin/sh
# mkfonts.sh: make the report fonts in fonts/ from the Debian DejaVu
# package fonts-dejavu-core.  Run by `make fonts`.  (Italic is drawn as
# the regular face slanted by pdf.c, so no Oblique file is needed.)
#
# The subsets hold the repertoire reportgen promises (docs/fonts.md): Latin
# (Basic, Latin-1, Extended-A, Romanian comma letters), Greek and Coptic,
# Cyrillic, the punctuation, currency, arrow and mark symbols a report uses.
# No hinting and no OpenType layout tables: libharu embeds the TrueType
# outlines (glyf/loca) with cmap, hmtx, head, hhea, maxp, name, OS/2, post.
# The output is reproducible: same package version, same fonttools, same
# bytes (head.modified is kept from the source font).
set -eu

SRC=${DEJAVU_DIR:-/usr/share/fonts/truetype/dejavu}
OUT=${1:-fonts}
PYFTSUBSET=${PYFTSUBSET:-pyftsubset}
PYTHON=${PYTHON:-/usr/bin/python3}	# Debian's, which has fontTools

UNICODES="U+0020-007E,U+00A0-00FF,U+0100-017F,U+0192,U+0218-021B,\
U+02BB-02BC,U+02C6-02C7,U+02C9,U+02D8-02DD,U+0300-030C,U+0327-0328,\
U+0370-03FF,U+0400-04FF,\
U+2009-200A,U+2010-2022,U+2026,U+202F,U+2030,U+2032-2033,U+2039-203A,\
U+2044,U+20AC,U+20B4,U+20B9,U+20BD,U+2116,U+2122,\
U+2190-2195,U+21D2,U+2212,U+2248,U+2260,U+2264-2265,U+221E,\
U+25A0-25A1,U+25B2,U+25B6,U+25BC,U+25C0,U+25CB,U+25CF,U+2605-2606,\
U+2713-2714,U+2717-2718"

mkdir -p "$OUT"
for f in DejaVuSans DejaVuSans-Bold; do
	if [ ! -r "$SRC/$f.ttf" ]; then
		echo "mkfonts: $SRC/$f.ttf missing (apt-get install" \
		    "fonts-dejavu-core)" >&2
		exit 1
	fi
	"$PYFTSUBSET" "$SRC/$f.ttf" \
	    --unicodes="$UNICODES" \
	    --output-file="$OUT/$f.ttf" \
	    --no-hinting --desubroutinize \
	    --layout-features='' \
	    --drop-tables+=GSUB,GPOS,GDEF,kern,FFTM,gasp,DSIG,BASE,JSTF,MATH \
	    --name-IDs=0,1,2,3,4,5,6 --name-languages=0x409 \
	    --notdef-glyph --notdef-outline --recommended-glyphs \
	    --no-glyph-names
	# A 'prep' table of three bytes (PUSHB[0] 0, POP: does nothing).
	# libharu 2.3.0 writes an empty table at the end of its subset for
	# each of cvt/fpgm/prep the font lacks, then seeks to that table's
	# offset; when the subset's size is an exact multiple of its 4096-byte
	# stream buffer that seek fails (HPDF_INVALID_OBJECT, 0x1033): about 1
	# report in 700 depending on the glyphs used.  With a real last table
	# the offset is never at the end of the stream.
	"$PYTHON" - "$OUT/$f.ttf" <<'PY'
import sys
from fontTools.ttLib import TTFont, newTable
from fontTools.ttLib.tables import ttProgram
path = sys.argv[1]
font = TTFont(path, recalcTimestamp=False)
prep = newTable("prep")
prep.program = ttProgram.Program()
prep.program.fromBytecode(b"\xb0\x00\x21")
font["prep"] = prep
font.save(path)
PY
done
cp /usr/share/doc/fonts-dejavu-core/copyright "$OUT/LICENSE-DejaVu.txt"
ls -l "$OUT"/*.ttf
