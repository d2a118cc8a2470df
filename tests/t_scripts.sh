#!/bin/sh
# t_scripts.sh: names and notes in the scripts the DejaVu subsets lack
# (issue 18).  Each tests/stress/script-*.xml (one script each: a name and
# a coach's note; Arabic and Hebrew notes are right-to-left paragraphs)
#  - validates and renders without a warning;
#  - pdffonts: every font embedded, subset and with a ToUnicode map, and at
#    least one Type0 font ("CID TrueType", Identity-H) for the shaped text;
#  - pdftotext gives back the name exactly as written (logical order for
#    right to left; pdftotext's own U+202A-202E direction marks removed),
#    and every word of the note;
#  - the structure tree still holds the name (pdfinfo -struct-text: the
#    H1 of the cover) for the left-to-right scripts;
# and then:
#  - without the fallback fonts (a data directory whose fonts/ has no
#    fallback.conf) a report still renders, with the warning per character
#    it always gave, and no Type0 font;
#  - every sample and the other stress profiles (Latin, Greek, Cyrillic)
#    come out byte for byte the same with and without the fallback fonts:
#    the shaping path is never taken for them.
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh
need pdffonts pdftotext pdfinfo python3 cmp
RG=${RG:-build/reportgen}
scratch
fail=0
no() { echo "FAIL: $*"; fail=$((fail + 1)); }
D="--date 2026-06-01"
export SOURCE_DATE_EPOCH=1780000000

# The fallback fonts this test needs (make deps installs them).
for f in truetype/noto/NotoSansDevanagari-Regular.ttf \
    truetype/noto/NotoSansArabic-Regular.ttf truetype/wqy/wqy-microhei.ttc; do
	[ -f "/usr/share/fonts/$f" ] || { cannot "scripts" \
	    "no /usr/share/fonts/$f (fonts-noto-core, fonts-wqy-microhei)"
	    finish 0; }
done

# strip FILE: text without pdftotext's direction marks, one line per line
strip() {
	python3 -c 'import sys, re
sys.stdout.write(re.sub("[\u202a-\u202e]", "", sys.stdin.read()))'
}
# field TAG FILE: the text of the first <TAG> of FILE
field() {
	sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$2" | head -n 1
}

n=0
for f in tests/stress/script-*.xml; do
	b=$(basename "$f" .xml)
	n=$((n + 1))
	"$RG" validate "$f" >/dev/null 2>"$tmp/err" ||
	    { cat "$tmp/err"; no "$b: does not validate"; continue; }
	"$RG" render $D "$f" -o "$tmp/$b.pdf" 2>"$tmp/err" ||
	    { cat "$tmp/err"; no "$b: does not render"; continue; }
	[ -s "$tmp/err" ] && { cat "$tmp/err"; no "$b: warnings"; }
	pdffonts "$tmp/$b.pdf" >"$tmp/fonts" 2>&1 || no "$b: pdffonts"
	# name ... type encoding emb sub uni id gen: the last five fields
	awk 'NR > 2 && !($(NF-4) == "yes" && $(NF-3) == "yes" &&
	    $(NF-2) == "yes") { print; bad = 1 } END { exit bad }' \
	    "$tmp/fonts" || no "$b: a font not embedded, subset and with ToUnicode"
	grep -q 'CID TrueType *Identity-H' "$tmp/fonts" ||
	    no "$b: no Type0 (CID TrueType, Identity-H) font"
	name=$(field name "$f")
	pdftotext -f 1 -l 1 "$tmp/$b.pdf" - | strip >"$tmp/p1"
	grep -qxF "$name" "$tmp/p1" ||
	    no "$b: the cover does not give back the name '$name': $(sed -n 3p "$tmp/p1")"
	# every word of the note: format characters (drawn as nothing) and
	# punctuation aside, white space aside (a line may end inside a CJK
	# word)
	pdftotext "$tmp/$b.pdf" - >"$tmp/all"
	field notes "$f" >"$tmp/note"
	python3 - "$tmp/note" "$tmp/all" <<-'EOF' || no "$b: the note's words are not all in the text"
	import re, sys, unicodedata
	note = open(sys.argv[1], encoding="utf-8").read()
	text = re.sub(r"\s|[\u202a-\u202e]", "", open(sys.argv[2], encoding="utf-8").read())
	note = "".join(c for c in note if unicodedata.category(c) != "Cf" and
	    not 0xFE00 <= ord(c) <= 0xFE0F)
	bad = [w for w in (w.strip(".,;:()") for w in note.split()) if w and w not in text]
	for w in bad:
	    print("missing: " + w)
	sys.exit(1 if bad else 0)
	EOF
	case $b in *arabic|*hebrew) ;; *)
		pdfinfo -struct-text "$tmp/$b.pdf" 2>/dev/null | grep -qF "\"$name\"" ||
		    no "$b: the structure tree does not hold the name" ;;
	esac
done
[ "$n" -ge 8 ] || no "only $n script profiles"
echo "ok: $n script profiles render with shaped, embedded, extractable text"

# Without the fallback fonts: today's warning, no Type0 font.
mkdir -p "$tmp/data/fonts"
cp fonts/DejaVuSans.ttf fonts/DejaVuSans-Bold.ttf "$tmp/data/fonts/"
ln -s "$PWD/schemas" "$tmp/data/schemas"
ln -s "$PWD/data" "$tmp/data/data"
"$RG" render -D "$tmp/data" $D tests/stress/script-devanagari.xml \
    -o "$tmp/nofont.pdf" 2>"$tmp/err" || no "no fallback fonts: does not render"
grep -q "character U+092A 'प' is not in the report fonts; shown as '?'" \
    "$tmp/err" || no "no fallback fonts: no warning for U+092A"
pdffonts "$tmp/nofont.pdf" | grep -q 'CID TrueType' &&
    no "no fallback fonts: a Type0 font all the same"

# Latin, Greek and Cyrillic: the same bytes with and without the fallback.
same=0
for f in inputs/*.xml tests/stress/*.xml; do
	case $f in */script-*) continue ;; esac
	b=$(basename "$f" .xml)
	"$RG" render $D "$f" -o "$tmp/a.pdf" 2>/dev/null || continue
	"$RG" render -D "$tmp/data" $D "$f" -o "$tmp/b.pdf" 2>/dev/null ||
	    { no "$b: renders only with the fallback fonts"; continue; }
	cmp -s "$tmp/a.pdf" "$tmp/b.pdf" ||
	    no "$b: the fallback fonts change a report that needs none"
	same=$((same + 1))
done
[ "$same" -ge 16 ] || no "only $same Latin reports compared"
echo "ok: $same Latin/Greek/Cyrillic reports byte-identical without the fallback path"
finish "$fail"
