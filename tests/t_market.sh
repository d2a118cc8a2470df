#!/bin/sh
# t_market.sh: market figures and pay comparisons as a candidate reads them
# (issue 11), in rendered reports and in `score`'s text and JSON.
#
# Profiles made from inputs/: a US staff engineer on base pay (215K) and on
# total pay inside the open-ended FDE band (320K), an India senior on total
# pay, a pay of USD 1,000,000,000 and of INR 400,000 (off the chart both
# ways) and of INR 1.05 crore.  Every report, read as text:
#   - a band the data marks kind="estimate" is never in a sentence with
#     "published"; India MLOps pay is never "base salary";
#   - the India FDE figure always carries its scope (or its footnote mark);
#   - negative changes use U+2212, never "-$", "-₹" or "(-6%";
#     no "or more" after a negative change; no "bonus"; no placeholder
#     "is no published figure"; 1.05 crore is "₹1.05Cr";
#   - Glassdoor's figure is for ML engineers; 800%+ is nine times;
#     the article's worded comparisons are there; the as-of date is printed;
#   - no two words overlap (check_bbox.py): the "you today" label keeps off
#     the heading and the bars, and a pay off the chart says so;
#   - dated more than 12 months after the data, the report says the
#     figures may be out of date and render warns once; not before.
# `score` text uses the report's figures ($K, lakh, crore) and each JSON
# change has the comparison kind the case calls for.
# Page 1 (sect_summary.c) is checked once it says pay through paytext.c.
cd "$(dirname "$0")/.." || exit 1
RG=${RG:-build/reportgen}
PY=${PYTHON:-python3}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/t_market.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
bad() { echo "FAIL: $*"; fail=1; }

. tests/lib.sh
need pdftotext "$PY"

# profile ID FROM sed-expression
mk() {
	sed -e "s/identity id=\"[^\"]*\"/identity id=\"$1\"/" -e "$3" \
	    "inputs/$2.xml" >"$tmp/$1.xml" || bad "cannot make $1"
}
mk us-base dmitry-smirnov 's/x/x/'
mk us-open dmitry-smirnov \
    's/amount="215000" currency="USD" basis="base"/amount="320000" currency="USD" basis="total"/'
mk in-total kavya-nair 's/x/x/'
mk us-billion dmitry-smirnov 's/amount="215000"/amount="1000000000"/'
mk in-four-lakh kavya-nair \
    's/amount="3200000" currency="INR" basis="total"/amount="400000" currency="INR" basis="base"/'
mk in-crore arjun-mehta 's/amount="5200000"/amount="10500000"/'

page1=1
grep -q pay_levels_sentence reportgen/sect_summary.c || {
	page1=0
	echo "t_market: page 1 not checked: sect_summary.c does not say pay" \
	    "through paytext.c yet"
	[ "$CI" = true ] && bad "page 1 cannot be checked"
}

for id in us-base us-open in-total us-billion in-four-lakh in-crore; do
	"$RG" render --date 2026-11-30 "$tmp/$id.xml" -o "$tmp/$id.pdf" \
	    2>"$tmp/$id.err" || { bad "$id: render failed"; cat "$tmp/$id.err"
	    continue; }
	[ -s "$tmp/$id.err" ] && bad "$id: render said: $(cat "$tmp/$id.err")"
	first=1
	[ "$page1" = 1 ] || first=2
	pdftotext -f "$first" "$tmp/$id.pdf" "$tmp/$id.txt"
	pdftotext -bbox "$tmp/$id.pdf" "$tmp/$id.html"
	$PY tests/check_bbox.py 30 "$tmp/$id.html" "$id" || fail=1
done

$PY - "$tmp" data/market.xml <<'EOF' || fail=1
import re, sys
import xml.etree.ElementTree as ET
tmp, market = sys.argv[1], sys.argv[2]
NS = "{urn:reportgen:market:1}"
RUPEE, NDASH, MINUS = "\u20b9", "\u2013", "\u2212"
ok = True
def need(c, what):
    global ok
    if not c:
        print("FAIL: " + what); ok = False

def inr(lo, hi, open_):
    return "%s%d%s%dL%s" % (RUPEE, lo // 100000, NDASH, hi // 100000,
                            "+" if open_ else "")
bands = ET.parse(market).getroot().findall(NS + "salaries/" + NS + "band")
estimates = set()
for b in bands:
    if b.get("kind") == "estimate" and b.get("currency") == "INR":
        estimates.add(inr(int(b.get("min")), int(b.get("max")),
                          b.get("open-ended") == "true"))
need(estimates, "the data has estimates to look for")

def sentences(text):
    text = re.sub(r"\s+", " ", text)
    return re.split(r"(?<=[.!?])\s+(?=[A-Z\u20b9$])", text)

texts = {}
for id in ("us-base", "us-open", "in-total", "us-billion", "in-four-lakh",
           "in-crore"):
    try:
        texts[id] = open("%s/%s.txt" % (tmp, id), encoding="utf-8").read()
    except OSError:
        need(False, id + ": no text"); continue
for id, t in texts.items():
    flat = re.sub(r"\s+", " ", t)
    # a table cell saying a level has no figure describes no band
    for s in sentences(t.replace("no published figure", "-")):
        for e in estimates:
            if e in s:
                need("published" not in s.lower(),
                     "%s: estimate %s called published: %s" % (id, e, s))
        if inr(1200000, 3000000, False) in s or any(e in s for e in
                                                     estimates):
            need("base salary" not in s or "your base salary" in s or
                 "Your figure is base salary" in s or
                 "whether" in s,
                 "%s: India MLOps pay called base salary: %s" % (id, s))
    for m in re.finditer(re.escape(inr(2500000, 6000000, True)), flat):
        around = flat[max(0, m.start() - 120):m.end() + 120]
        need(flat[m.end():].startswith(" *") or "global remote" in around,
             "%s: India FDE figure without its scope: %s" % (id, around))
    need(not re.search(r"(?<![\w\u2013])-[$\u20b9]|\(-\d|-\d+%", flat),
         id + ": ASCII hyphen as a minus sign")
    need(not re.search(MINUS + r"\S+ or more", flat),
         id + ": a negative change 'or more'")
    need("bonus" not in flat.lower(), id + ": 'bonus' (the article says equity)")
    need("is no published figure" not in flat, id + ": placeholder sentence")
    need("Figures as of 12 May 2026" in flat, id + ": as-of date")
    need("may be out of date" not in flat, id + ": stale on 2026-11-30")
    need("ML engineer (not MLOps)" in flat or "ML engineer" in flat,
         id + ": Glassdoor figure is for ML engineers")
    need("nine times" in flat and "eight times" not in flat,
         id + ": 800%+ is nine times")
    for f in ("more open roles", "role-to-candidate",
              "software engineering median"):
        need(f in flat, "%s: the article's comparison '%s'" % (id, f))
need("or more" not in re.sub(r"\s+", " ", texts.get("us-open", ""))
     .split("Forward Deployed Engineer at your level")[1].split(".")[1]
     if "Forward Deployed Engineer at your level" in texts.get("us-open", "")
     else False, "us-open: FDE open band sentence")
need("at or above the band's floor ($300K)" in
     re.sub(r"\s+", " ", texts.get("us-open", "")), "us-open: floor sentence")
need(RUPEE + "1.05Cr" in texts.get("in-crore", "") and
     RUPEE + "1.1Cr" not in texts.get("in-crore", ""), "in-crore: 1.05Cr")
need("off the chart" in texts.get("us-billion", ""),
     "us-billion: clamped with an arrow")
need("you today: " + RUPEE + "4L" in texts.get("in-four-lakh", ""),
     "in-four-lakh: you today label")
sys.exit(0 if ok else 1)
EOF

# Stale: more than 12 months after the data's as-of month (2026-05).
"$RG" render --date 2027-06-01 "$tmp/in-total.xml" -o "$tmp/stale.pdf" \
    2>"$tmp/stale.err" || bad "stale render failed"
[ "$(grep -c 'may be out of date' "$tmp/stale.err")" = 1 ] ||
    bad "render on 2027-06-01 should warn once: $(cat "$tmp/stale.err")"
pdftotext "$tmp/stale.pdf" - | tr '\n' ' ' | grep -q "may be out of date" ||
    bad "a report dated 2027-06-01 does not say the figures may be old"
"$RG" render --date 2027-05-31 "$tmp/in-total.xml" -o "$tmp/fresh.pdf" \
    2>"$tmp/fresh.err" || bad "render 2027-05-31 failed"
[ -s "$tmp/fresh.err" ] && bad "render on 2027-05-31 warned: $(cat "$tmp/fresh.err")"
"$RG" score --date 2027-06-01 "$tmp/in-total.xml" "$tmp/us-base.xml" \
    >/dev/null 2>"$tmp/score.err" || bad "stale score failed"
[ "$(grep -c 'may be out of date' "$tmp/score.err")" = 1 ] ||
    bad "score on 2027-06-01 should warn once: $(cat "$tmp/score.err")"

# score's text: the report's figures, never "INR 2,500,000 to ...".
"$RG" score --date 2026-11-30 "$tmp/in-total.xml" "$tmp/us-open.xml" \
    "$tmp/in-four-lakh.xml" >"$tmp/score.txt" || bad "score text failed"
for s in 'INR [0-9]' 'USD [0-9]' ' and up' 'INR -'; do
	grep -q "$s" "$tmp/score.txt" && bad "score text has '$s'"
done
grep -q '₹25–60L+' "$tmp/score.txt" || bad "score text: no ₹25–60L+"
grep -q 'FDE \[at_or_above_floor\]' "$tmp/score.txt" ||
    bad "score text: no comparison kind"

# score's JSON: the comparison each case calls for.
"$RG" score --format json --date 2026-11-30 "$tmp/us-base.xml" \
    "$tmp/us-open.xml" "$tmp/in-total.xml" "$tmp/us-billion.xml" \
    "$tmp/in-four-lakh.xml" >"$tmp/all.jsonl" || bad "score json failed"
$PY - "$tmp/all.jsonl" <<'EOF' || fail=1
import json, sys
want = {
    "us-base": ("different_basis", "within"),
    "us-open": ("at_or_above_floor", "different_basis"),
    "in-total": ("at_or_above_floor", "different_basis"),
    "us-billion": ("different_basis", "above"),
    "in-four-lakh": ("different_basis", "different_basis"),
}
ok = True
for line in open(sys.argv[1], encoding="utf-8"):
    o = json.loads(line)
    ch = o["salary"]["change"]
    got = (ch["fde"]["comparison"], ch["mlops"]["comparison"])
    if got != want[o["id"]]:
        print("FAIL: %s: comparison %s, want %s" % (o["id"], got,
                                                     want[o["id"]]))
        ok = False
    if o["id"] == "in-total" and o["salary"]["mlops"]["kind"] != "estimate":
        print("FAIL: in-total: India senior MLOps band is an estimate")
        ok = False
sys.exit(0 if ok else 1)
EOF

# The fonts carry the minus sign and the arrow the report draws.
if have fc-query "the fonts' U+2212 and U+2192"; then
	for f in fonts/DejaVuSans.ttf fonts/DejaVuSans-Bold.ttf; do
		cs=" $(fc-query --format='%{charset}' "$f") "
		case "$cs" in *" 2212 "*) ;; *) bad "$f: no U+2212" ;; esac
		case "$cs" in *" 2190-2195 "*|*" 2192 "*) ;;
		*) bad "$f: no U+2192" ;; esac
	done
fi

[ "$fail" = 0 ] && echo "t_market: ok"
finish "$fail"
