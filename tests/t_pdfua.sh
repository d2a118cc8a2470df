#!/bin/sh
# t_pdfua.sh: reports and index.pdf are tagged PDF that meets the
# machine-checkable rules of PDF/UA-1 (issue 16; tests/check_pdfua.py says
# which): every sample profile, every stress profile that renders, a
# report with a progress page, a branded report with its logo, and an
# index.pdf with links.  pdfinfo says "Tagged: yes", every font has a
# ToUnicode map (pdffonts "uni yes"), and the structure tree of one
# report, as `pdfinfo -struct-text` prints it in reading order, is the
# one in tests/golden/arjun-mehta.struct.txt.  The checker must also
# fail an untagged PDF and one whose text object and marked content
# overlap (it can fail).  A name whose profile gives its language is
# tagged with it (/Lang on its H1), and a bad /Lang fails the checker.
. "$(dirname "$0")/lib.sh"
need qpdf pdfinfo pdffonts pdftotext python3
RG=${RG:-build/reportgen}
T=$(mktemp -d "${TMPDIR:-/tmp}/t_pdfua.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT INT TERM
fail=0
no() { echo "FAIL: $*"; fail=1; }
D="--date 2026-06-01"
CHECK="python3 tests/check_pdfua.py"

mkdir -p "$T/out"
n=0
for f in inputs/*.xml tests/stress/*.xml; do
	b=$(basename "$f" .xml)
	case $f in
	tests/stress/*)	# those that render (some are meant to fail)
		"$RG" render $D "$f" -o "$T/out/stress-$b.pdf" 2>/dev/null ||
		    continue
		b=stress-$b ;;
	*)	"$RG" render $D "$f" -o "$T/out/$b.pdf" 2>"$T/err" ||
		    { cat "$T/err"; no "$f does not render"; continue; } ;;
	esac
	n=$((n + 1))
done
[ "$n" -ge 16 ] || no "only $n reports rendered"

# a branded report (logo: an image) and a report with a progress page
"$RG" render $D --brand data/brand-example.xml inputs/olena-kovalenko.xml \
    -o "$T/out/branded.pdf" 2>/dev/null || no "branded report"
mkdir -p "$T/in"
cp inputs/ananya-iyer.xml inputs/kavya-nair.xml "$T/in/"
"$RG" batch -q -j 2 --incremental --date 2026-03-01 -o "$T/b" "$T/in" ||
    no "first batch"
sed -i 's|<skill dimension="cloud" level="2" years="1" projects="1"/>|<skill dimension="cloud" level="4" years="4" projects="5"/>|' \
    "$T/in/ananya-iyer.xml"
"$RG" batch -q -j 2 --incremental --date 2026-05-01 -o "$T/b" "$T/in" ||
    no "second batch"
pdftotext "$T/b/ananya-iyer.pdf" - 2>/dev/null |
    grep -q "Progress since your last report" ||
    no "the progress page did not come (the check below misses it)"
cp "$T/b/ananya-iyer.pdf" "$T/out/progress.pdf"
cp "$T/b/index.pdf" "$T/out/index.pdf" || no "no index.pdf"

for f in "$T"/out/*.pdf; do
	$CHECK "$f" || no "$(basename "$f") breaks a PDF/UA rule (above)"
	pdfinfo "$f" | grep -q '^Tagged: *yes' ||
	    no "$(basename "$f"): pdfinfo does not say Tagged: yes"
	pdffonts "$f" | awk 'NR > 2 && $(NF - 2) != "yes" { bad = 1 }
	    END { exit bad }' || no "$(basename "$f"): a font without ToUnicode"
done
echo "ok: $(ls "$T"/out/*.pdf | wc -l) PDFs meet the checked PDF/UA rules"

# the index's links are Link elements with Contents
python3 - "$T/out/index.pdf" <<'PY' || no "index.pdf: links not tagged"
import subprocess, sys, json
j = json.loads(subprocess.run(["qpdf", "--json", sys.argv[1]],
    stdout=subprocess.PIPE, check=True).stdout)
o = j["qpdf"][1]
links = [v["value"] for v in o.values() if isinstance(v.get("value"), dict)
         and v["value"].get("/Subtype") == "/Link"]
tagged = [v for v in o.values() if isinstance(v.get("value"), dict)
          and v["value"].get("/S") == "/Link"]
sys.exit(0 if len(links) == 2 and len(tagged) == 2 and
         all("/StructParent" in l and "/Contents" in l for l in links)
         else 1)
PY

# the checker can fail: a copy of a report without its structure tree
# (the catalog's /StructTreeRoot dropped) and with one Figure's /Alt
# renamed must fail, and say why
python3 - "$T/out/arjun-mehta.pdf" "$T/untagged.pdf" <<'PY' ||
import re, subprocess, sys
subprocess.run(["qpdf", "--qdf", "--object-streams=disable", sys.argv[1],
                sys.argv[2] + ".q"], check=True)
d = open(sys.argv[2] + ".q", "rb").read()
d = re.sub(rb"/StructTreeRoot \d+ 0 R", b"", d)
d = re.sub(rb"/Alt ", b"/Xlt ", d, count=1)
open(sys.argv[2], "wb").write(d)
PY
    no "could not make an untagged copy"
# the edit moved offsets: qpdf rewrites it (status 3: warnings, fixed)
qpdf "$T/untagged.pdf" "$T/untagged2.pdf" 2>/dev/null
[ $? -le 3 ] || no "qpdf cannot fix up the untagged copy"
if $CHECK "$T/untagged2.pdf" >"$T/untagged.txt" 2>&1; then
	no "the checker passes a PDF without a structure tree"
else
	grep -q "StructTreeRoot" "$T/untagged.txt" ||
	    no "the checker did not say the tree is missing"
fi

# spoiled PDF COPY FROM TO WORD WHAT: an uncompressed COPY of PDF with
# the first FROM replaced by TO (Python escapes) must fail the checker,
# which must say WORD; WHAT says what the copy is
spoiled() {
	python3 - "$1" "$2" "$3" "$4" <<'PY' || { no "could not make $6"; return; }
import subprocess, sys
src, dst, a, b = sys.argv[1:5]
a = a.encode().decode("unicode_escape").encode("latin-1")
b = b.encode().decode("unicode_escape").encode("latin-1")
subprocess.run(["qpdf", "--qdf", "--object-streams=disable", src, dst],
               check=True)
d = open(dst, "rb").read()
if a not in d:
    sys.exit(1)
open(dst, "wb").write(d.replace(a, b, 1))
PY
	if $CHECK "$2" >"$2.txt" 2>&1; then
		no "the checker passes $6"
	else
		grep -q "$5" "$2.txt" || no "the checker did not say what is wrong with $6"
	fi
}

# ... and a copy whose first text object ends after the marked content
# it began in ("BDC BT EMC ET": they overlap) must fail, and say so
spoiled "$T/out/arjun-mehta.pdf" "$T/overlap.pdf" 'ET\nEMC\n' 'EMC\nET\n' \
    overlap "a text object that overlaps marked content"

# a name the profile says is in another language: its H1 carries that
# /Lang (a screen reader reads it in Greek, not as English), the others
# none; a /Lang that is not a language tag fails the checker
$CHECK --alt "$T/out/alexandros-papadopoulos.pdf" | grep '^lang:' \
    >"$T/langs.txt"
[ "$(cat "$T/langs.txt")" = "lang: H1 el" ] ||
    no "alexandros-papadopoulos: element languages '$(cat "$T/langs.txt")', expected one H1 el"
$CHECK --alt "$T/out/arjun-mehta.pdf" | grep -q '^lang:' &&
    no "arjun-mehta (no lang in the profile) has an element /Lang"
spoiled "$T/out/alexandros-papadopoulos.pdf" "$T/badlang.pdf" \
    '/Lang (el)' '/Lang (e!)' "not a language tag" \
    "an element /Lang that is not a language tag"
# ... and in the profile, a value that is no language tag is refused
# where it stands, in words a coach understands
sed 's|<name lang="el">|<name lang="Greek please">|' \
    inputs/alexandros-papadopoulos.xml >"$T/badlang.xml"
"$RG" validate "$T/badlang.xml" >"$T/badlang.err" 2>&1 &&
    no "a profile with lang=\"Greek please\" validates"
grep -q "badlang.xml:4: error: name's language must be a language tag" \
    "$T/badlang.err" || { cat "$T/badlang.err"; no "no clear message for a bad name language"; }

# the structure tree in reading order, for one report
pdfinfo -struct-text "$T/out/arjun-mehta.pdf" >"$T/struct.txt" 2>&1 ||
    no "pdfinfo -struct-text failed"
if ! cmp -s "$T/struct.txt" tests/golden/arjun-mehta.struct.txt; then
	diff -u tests/golden/arjun-mehta.struct.txt "$T/struct.txt" | head -40
	no "structure tree differs from tests/golden/arjun-mehta.struct.txt"
fi
[ $fail = 0 ] && echo "t_pdfua: ok"
exit $fail
