#!/bin/sh
# t_csv_injection.sh: no CSV reportgen writes runs as a spreadsheet
# formula (issue 12).  A candidate named =HYPERLINK(...) and a profile
# file named =1+2.xml reach summary.csv, and the merge-summaries output,
# as text cells with a leading single quote, quoted (OWASP); the score
# columns stay plain numbers.
RG=${RG:-build/reportgen}
fail=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/t_csv.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
bad() { echo "FAIL: $*"; fail=1; }
DATA=$PWD

mkdir -p "$tmp/in"
sed 's|<name>Ananya Iyer</name>|<name>=HYPERLINK("http://evil.example/?x","Open")</name>|' \
    inputs/ananya-iyer.xml >"$tmp/in/hyper.xml"
sed 's|<name>Ananya Iyer</name>|<name>@SUM(1+1)</name>|; s|id="ananya-iyer"|id="at-sum"|' \
    inputs/ananya-iyer.xml >"$tmp/in/=1+2.xml"
grep -q HYPERLINK "$tmp/in/hyper.xml" || bad "test profile not made"

# Run from inside the input directory so that a path cell is the bare
# file name, as when an operator runs `reportgen batch *.xml`.
(cd "$tmp/in" && "$RG" batch --data-dir "$DATA" --date 2026-03-01 -j 1 \
    --quiet -o "$tmp/out" hyper.xml =1+2.xml) || bad "batch: exit $?"
S=$tmp/out/summary.csv
[ -f "$S" ] || { echo "FAIL: no summary.csv"; exit 1; }

# A cell is dangerous when it starts (after an optional opening quote)
# with = + - @ or a tab and is not a number.
check() {	# file what
	awk -v what="$2" '
	{
		# split on commas outside quotes
		n = 0; cell = ""; q = 0
		for (i = 1; i <= length($0); i++) {
			c = substr($0, i, 1)
			if (c == "\"") { q = !q; cell = cell c; continue }
			if (c == "," && !q) { cells[++n] = cell; cell = ""; continue }
			cell = cell c
		}
		sub(/\r$/, "", cell); cells[++n] = cell
		for (k = 1; k <= n; k++) {
			v = cells[k]; sub(/^"/, "", v)
			if (v ~ /^[-=+@\t]/ && v !~ /^-?[0-9]+(\.[0-9]+)?$/) {
				printf "%s:%d: cell %d runs as a formula: %s\n", what, NR, k, cells[k]
				bad = 1
			}
		}
	}
	END { exit bad }' "$1"
}
check "$S" summary.csv || bad "summary.csv has formula cells"
grep -q "\"'=HYPERLINK(\"\"http://evil.example/?x\"\",\"\"Open\"\")\"" "$S" ||
    bad "the name is not kept as quoted text: $(grep -i hyperlink "$S")"
grep -q "^\"'=1+2.xml\",at-sum,\"'@SUM(1+1)\",[0-9]" "$S" ||
    bad "file name / name not neutralised: $(grep at-sum "$S")"
echo "ok: summary.csv neutralises formula cells"

# merge-summaries re-writes the cells: still neutral, not quoted twice.
"$RG" merge-summaries -o "$tmp/all.csv" "$S" 2>"$tmp/err" ||
    bad "merge-summaries: exit $?: $(cat "$tmp/err")"
check "$tmp/all.csv" merged || bad "merged CSV has formula cells"
[ "$(sort "$S")" = "$(sort "$tmp/all.csv")" ] ||
    bad "merged CSV differs from its one shard: $(diff "$S" "$tmp/all.csv")"
# an old summary written before the fix, with a raw formula, is
# neutralised by the merge
printf 'path,id,name,fde,mlops,recommendation,seniority,status,output,message\r\nx.xml,x,=1+2,-1,,,,ok,,\r\n' \
    >"$tmp/old.csv"
# (no manifest beside it: which shard it holds is unknown, hence
# --allow-partial)
"$RG" merge-summaries --allow-partial -o "$tmp/all2.csv" "$tmp/old.csv" 2>/dev/null ||
    bad "merge of an old summary: exit $?"
check "$tmp/all2.csv" merged-old || bad "merge of an old summary keeps a formula"
grep -q "^x.xml,x,\"'=1+2\",-1," "$tmp/all2.csv" ||
    bad "merged old row: $(tail -1 "$tmp/all2.csv")"
echo "ok: merge-summaries output is neutral too"
exit $fail
