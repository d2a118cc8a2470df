#!/bin/sh
# t_warn_group.sh: a warning many profiles share is said once (issue 12):
#   - a batch prints each distinct warning once, at the end, with how many
#     profiles had it and the first few path:line ("... and N more");
#   - --verbose still prints one line per profile;
#   - an --incremental rerun does not repeat the warnings of profiles it
#     skipped (they are still in summary.csv); an edited profile's are
#     printed again, in the usual path:line form when only it has one.
cd "$(dirname "$0")/.." || exit 1
RG=${RG:-build/reportgen}
fail=0
bad() {
	echo "FAIL: $*"
	fail=1
}

. tests/lib.sh
need python3
scratch
D="--date 2026-03-01 -j 2"
IN=$tmp/in
python3 tests/gen_profiles.py --seed 1 --count 40 --out "$IN" || exit 1
KW="keyword 'Cobol-on-wheels' is not known"
n=$(grep -l 'Cobol-on-wheels' "$IN"/*.xml | wc -l)
[ "$n" -ge 3 ] || bad "the generated set has $n profiles with the unknown keyword, the test needs 3"

# --- 1. grouped: one line, the count, five places and the rest -------
"$RG" batch $D -o "$tmp/out" "$IN" 2>"$tmp/err1"
[ "$(grep -c "$KW" "$tmp/err1")" = 1 ] ||
	bad "cold run: $(grep -c "$KW" "$tmp/err1") lines for the shared warning, expected 1"
grep -q "^reportgen: warning: $KW.* (in $n profiles: [^ ]*gen-[0-9]*\\.xml:[0-9]*, .* and $((n - 5)) more; --verbose lists each)\$" "$tmp/err1" ||
	bad "cold run: grouped line wrong: $(grep "$KW" "$tmp/err1")"
[ "$(grep -c "$KW" "$tmp/out/summary.csv")" = "$n" ] ||
	bad "summary.csv: not $n rows with the warning"

# --- 2. --verbose: one line per profile -------------------------------
"$RG" batch $D --verbose -o "$tmp/outv" "$IN" 2>"$tmp/errv"
[ "$(grep -c "gen-[0-9]*\\.xml:[0-9]*: warning: $KW" "$tmp/errv")" = "$n" ] ||
	bad "--verbose: $(grep -c "xml:[0-9]*: warning: $KW" "$tmp/errv") per-profile lines, expected $n"

# --- 3. idle rerun: nothing said again ---------------------------------
"$RG" batch $D --incremental -o "$tmp/out" "$IN" 2>"$tmp/err2"
if grep -q 'warning' "$tmp/err2"; then
	bad "idle rerun repeats warnings: $(grep warning "$tmp/err2" | head -2)"
fi
grep -q '^rendered 0, unchanged 40,' "$tmp/err2" || bad "idle rerun: $(tail -1 "$tmp/err2")"
[ "$(grep -c "$KW" "$tmp/out/summary.csv")" = "$n" ] ||
	bad "idle rerun: summary.csv lost the warnings"

# --- 4. one edited profile: its warning alone, as path:line ------------
f=$(grep -l 'Cobol-on-wheels' "$IN"/*.xml | head -1)
echo '<!-- edited -->' >>"$f"
"$RG" batch $D --incremental -o "$tmp/out" "$IN" 2>"$tmp/err3"
[ "$(grep -c "$KW" "$tmp/err3")" = 1 ] ||
	bad "one edited: $(grep -c "$KW" "$tmp/err3") lines, expected 1"
grep -q "^$f:[0-9]*: warning: $KW" "$tmp/err3" ||
	bad "one edited: not in path:line form: $(grep "$KW" "$tmp/err3")"

[ $fail = 0 ] && echo "warnings: $n profiles' shared warning said once; --verbose each; idle rerun silent"
finish $fail
