#!/bin/sh
# t_render.sh: `reportgen render` makes sound, complete, reproducible PDFs.
# Every sample profile renders; qpdf finds nothing wrong; every font is
# embedded; the text holds the name, both scores, the recommendation,
# salary figures and the page footer; the outline lists every section;
# stress profiles keep every word inside the page margins without
# overlapping; the same date gives the same bytes; an invalid profile
# gives status 65 and no PDF.
. "$(dirname "$0")/lib.sh"
need pdftotext pdfinfo pdffonts qpdf python3
RG=${RG:-build/reportgen}
T=$(mktemp -d "${TMPDIR:-/tmp}/t_render.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT INT TERM
fail=0
no() { echo "FAIL: $*"; fail=1; }
DATE=2026-06-01
# the system python starts in milliseconds; a pyenv shim takes a second
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
SECTIONS="Summary|Skills profile|The two roles|Compensation|Market outlook|Transition plan|How this was scored"

# usage
"$RG" render --help >"$T/help" 2>&1 || no "--help exits non-zero"
grep -q "usage: reportgen render" "$T/help" || no "--help prints no usage"
"$RG" render --paper a3 inputs/arjun-mehta.xml >/dev/null 2>&1
[ $? = 64 ] || no "--paper a3 is not a usage error (64)"
"$RG" render --date 2026-02-30 inputs/arjun-mehta.xml >/dev/null 2>&1
[ $? = 64 ] || no "--date 2026-02-30 is not a usage error (64)"
"$RG" render >/dev/null 2>&1
[ $? = 64 ] || no "no profile is not a usage error (64)"

# checks one PDF ($1) made from profile $2; $3 = 1 for the text checks
check_pdf() {
	pdf=$1 xml=$2 full=$3 name=$(basename "$xml" .xml) outline=1
	qpdf --check "$pdf" >"$T/qpdf" 2>&1 || { no "$name: qpdf --check"; cat "$T/qpdf"; }
	grep -qi "warning" "$T/qpdf" && { no "$name: qpdf warnings"; cat "$T/qpdf"; }
	pdffonts "$pdf" >"$T/fonts" 2>&1 || no "$name: pdffonts"
	awk 'NR > 2 && $(NF-4) != "yes" { print; bad = 1 } END { exit bad }' \
	    "$T/fonts" || no "$name: a font is not embedded"
	# the margins and overlaps: checked for all profiles at the end, in
	# one python process (one start-up each would be ~40% of the test)
	if pdftotext -bbox "$pdf" "$T/bbox-$name.html"; then
		bboxes="$bboxes $name"
	else
		no "$name: pdftotext -bbox"
	fi
	# the outline: the same code for every profile, so two are enough
	case $name in arjun-mehta|max-lengths) ;; *) outline=0 ;; esac
	[ "${outline:-1}" = 1 ] && { qpdf --json "$pdf" >"$T/json" 2>/dev/null
	$PY - "$T/json" "$SECTIONS" <<'PY' || no "$name: outline incomplete"; }
import json, sys
titles = [o["title"] for o in json.load(open(sys.argv[1]))["outlines"]]
want = sys.argv[2].split("|")
missing = [w for w in want if w not in titles]
if missing:
    print("missing bookmarks:", missing, "have:", titles)
    sys.exit(1)
PY
	[ "$full" = 1 ] || return 0
	# the text: checked at the end too, against the profile's score
	pdftotext "$pdf" "$T/text-$name" || { no "$name: pdftotext"; return; }
	"$RG" score --format json --date $DATE "$xml" >"$T/score-$name" 2>/dev/null
	texts="$texts $name"
}

# check_texts NAME...: each report's text ($T/text-NAME) holds the name,
# both scores, the recommendation, a salary figure and the page footer of
# its score ($T/score-NAME); prints "NAME: missing: ..." for each gap.
check_texts() {
	$PY - "$T" "$@" <<'PY'
import json, math, re, sys
T, fails = sys.argv[1], 0
for name in sys.argv[2:]:
    try:
        text = " ".join(open("%s/text-%s" % (T, name), encoding="utf-8").read().split())
        s = json.loads(open("%s/score-%s" % (T, name)).readline())
    except (OSError, ValueError) as e:
        print("FAIL: %s: %s" % (name, e))
        fails += 1
        continue
    bad = []
    if " ".join(s["name"].split()) not in text:
        bad.append("name %r" % s["name"])
    for r in ("fde", "mlops"):
        v = s["fits"][r]["score"]
        # the report prints the JSON's 0.1 value, ".0" dropped
        n = ("%.1f" % v)[:-2] if ("%.1f" % v).endswith(".0") else "%.1f" % v
        if not re.search(r"(?<![\d.])%s(?![\d])" % re.escape(n), text):
            bad.append("%s score %s" % (r, v))
    rec = {"fde": "Aim for Forward Deployed Engineer roles",
           "mlops": "Aim for MLOps Engineer roles",
           "either": "Both roles fit you about equally",
           "not_yet": "Not yet: ",
           "insufficient_evidence": "Too little "}[s["recommendation"]["id"]]
    if rec not in text:
        bad.append("recommendation %r" % rec)
    if not re.search(r"(\$\d+K|\u20b9\d+(\.\d)?(\u2013\d+(\.\d)?)?L)", text):
        bad.append("salary figure with $ or \u20b9")
    if "Page 1 of" not in text:
        bad.append("'Page 1 of'")
    for b in bad:
        print("FAIL: %s: report text incomplete: missing: %s" % (name, b))
    fails += bool(bad)
sys.exit(1 if fails else 0)
PY
}

# check_bboxes NAME...: tests/check_bbox.py (margin 30 pt) on each
# $T/bbox-NAME.html, all in one python process.
check_bboxes() {
	$PY - "$T" "$@" <<'PY'
import runpy, sys
T, fails = sys.argv[1], 0
for name in sys.argv[2:]:
    sys.argv = ["check_bbox.py", "30", "%s/bbox-%s.html" % (T, name), name]
    try:
        runpy.run_path("tests/check_bbox.py", run_name="__main__")
    except SystemExit as e:
        if e.code:
            print("FAIL: %s: text outside the margins or overlapping" % name)
            fails += 1
sys.exit(1 if fails else 0)
PY
}

n=0; bboxes=""; texts=""
for xml in inputs/*.xml tests/stress/*.xml; do
	[ -f "$xml" ] || continue
	name=$(basename "$xml" .xml)
	"$RG" render --date $DATE -o "$T/$name.pdf" "$xml" 2>"$T/err" || {
		no "$name: render exit $?"; head -n 3 "$T/err"; continue; }
	[ -s "$T/$name.pdf" ] || { no "$name: no PDF"; continue; }
	case $xml in
	inputs/*) check_pdf "$T/$name.pdf" "$xml" 1 ;;
	*) check_pdf "$T/$name.pdf" "$xml" 0 ;;
	esac
	n=$((n + 1))
done
[ $n -gt 0 ] || no "no profile rendered"
# shellcheck disable=SC2086
check_bboxes $bboxes || fail=1
# shellcheck disable=SC2086
check_texts $texts || fail=1
[ "$(echo $texts | wc -w)" -ge 14 ] || no "text checked for only: $texts"

# the same profile and date give the same bytes; letter paper works
"$RG" render --date $DATE -o "$T/again.pdf" inputs/arjun-mehta.xml 2>/dev/null
cmp -s "$T/arjun-mehta.pdf" "$T/again.pdf" || no "two renders differ"
SOURCE_DATE_EPOCH=1780272000 "$RG" render -o "$T/epoch.pdf" \
    inputs/arjun-mehta.xml 2>/dev/null
cmp -s "$T/arjun-mehta.pdf" "$T/epoch.pdf" || \
    no "SOURCE_DATE_EPOCH for the same day gives other bytes"
"$RG" render --date $DATE --paper letter -o "$T/letter.pdf" \
    inputs/arjun-mehta.xml 2>/dev/null || no "letter paper"
pdfinfo "$T/letter.pdf" 2>/dev/null | grep -q "612 x 792" || \
    no "letter paper is not 612 x 792"

# default output name is <id>.pdf in the current directory, mode 0600
mkdir "$T/cwd"
(cd "$T/cwd" && "$RG" render --date $DATE "$OLDPWD/inputs/arjun-mehta.xml" \
    2>/dev/null) || no "render into the current directory"
id=$(sed -n 's/.*<identity[^>]*id="\([^"]*\)".*/\1/p' inputs/arjun-mehta.xml)
[ -f "$T/cwd/$id.pdf" ] || no "default output $id.pdf missing"
[ "$(stat -c %a "$T/cwd/$id.pdf" 2>/dev/null)" = 600 ] || \
    no "output mode is not 0600"

# an invalid profile: status 65, messages, no PDF
for xml in tests/bad/agreement-0.xml; do
	[ -f "$xml" ] || continue
	"$RG" render --date $DATE -o "$T/bad.pdf" "$xml" 2>"$T/err"
	st=$?
	[ $st = 65 ] || no "$xml: exit $st, not 65"
	[ -s "$T/err" ] || no "$xml: no message"
	[ -e "$T/bad.pdf" ] && no "$xml: a PDF was written"
done

[ $fail = 0 ] && echo "t_render: $n profiles ok"
exit $fail
