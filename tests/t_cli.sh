#!/bin/sh
# t_cli.sh: the command line's habits (issue 14).
#  - a mistyped command, option or value: exit 64 and at most two lines
#    on stderr (what is wrong, with a guess; then "Try ... --help"), never
#    the whole usage; `batch --shard 4/4`, `--paper A5`, `-j abc` name
#    the option and the reason;
#  - `help COMMAND` = `COMMAND --help` = `COMMAND -h`; `version`, `-V`,
#    `--version` agree;
#  - enum values are matched without regard to case (--paper A4 gives the
#    same PDF as a4);
#  - one meaning per short option across commands, read from the option
#    tables themselves (`reportgen CMD --list-options`).
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh
RG=${RG:-build/reportgen}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rgcli.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
status=0
bad() { echo "FAIL: $*"; status=1; }
P=inputs/ananya-iyer.xml
cmds=$("$RG" --help | awk '/^commands:/ { on = 1; next }
    on && NF == 0 { exit } on { print $1 }')
[ -n "$cmds" ] || bad "no commands in reportgen --help"

# usage_error "EXPECTED TEXT" ARGS...: 64, short, and says EXPECTED TEXT.
usage_error() {
	want=$1; shift
	"$RG" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	n=$(wc -l <"$tmp/err")
	if [ $rc != 64 ] || [ "$n" -gt 2 ] || ! grep -qF -- "$want" "$tmp/err" ||
	    [ -s "$tmp/out" ]; then
		sed 's/^/  | /' "$tmp/err" | head -5
		bad "reportgen $*: exit $rc, $n lines; want 64, <= 2 lines with: $want"
	fi
}
usage_error "unknown command 'rendr'; did you mean 'render'?" rendr $P
usage_error "did you mean 'batch'?" bacth inputs
usage_error "did you mean 'validate'?" valdate $P
usage_error "unknown command 'frobnicate'" frobnicate
usage_error "--shard '4/4': give K/N, two decimal numbers with 0 <= K < N" \
    batch --shard 4/4 -o "$tmp/o" inputs
usage_error "--paper 'A5': not a4 or letter; did you mean 'a4'?" \
    batch --paper A5 -o "$tmp/o" inputs
usage_error "--paper 'A5': not a4 or letter" render --paper A5 $P
usage_error "-j 'abc': not a whole number from 1 to 1024" batch -j abc -o "$tmp/o" inputs
usage_error "-j '0': not a whole number" batch -j 0 -o "$tmp/o" inputs
usage_error "--timeout '-5': not a whole number" batch --timeout -5 -o "$tmp/o" inputs
usage_error "--format 'jsn': not text or json; did you mean 'json'?" score --format jsn $P
usage_error "--log-format 'xml': not text or json" batch --log-format xml inputs
usage_error "--index-sort 'mlop': not name, fde or mlops; did you mean 'mlops'?" \
    batch --index-sort mlop inputs
usage_error "unknown option '--outptu'; did you mean '--output'?" batch --outptu x inputs
usage_error "unknown option '--papr'; did you mean '--paper'?" render --papr a4 $P
usage_error "unknown option '-d'; did you mean '-D' (--data-dir)?" validate -d data $P
usage_error "-o needs a value (it is --output)" render $P -o
usage_error "--quiet takes no value" batch --quiet=yes inputs
usage_error "is the start of more than one option: --paper --password-file" batch --pa a4 inputs
usage_error "--mode '0644x': not an octal mode" batch --mode 0644x inputs
usage_error "unknown option '--daet'; did you mean '--date'?" import --daet=x x.json
usage_error "did you mean 'import'?" imprt x.json
usage_error "unknown option '-x'" init -x
[ $status = 0 ] && echo "ok: mistyped commands, options and values: 64, one line and a hint"

# help, -h, version.
for c in $cmds; do
	"$RG" help $c >"$tmp/a" 2>&1 || bad "help $c failed"
	"$RG" $c --help >"$tmp/b" 2>&1
	"$RG" $c -h >"$tmp/c" 2>&1
	cmp -s "$tmp/a" "$tmp/b" && cmp -s "$tmp/a" "$tmp/c" ||
	    bad "help $c, $c --help and $c -h differ"
done
"$RG" help >"$tmp/a" 2>&1 && "$RG" --help >"$tmp/b" && "$RG" -h >"$tmp/c" &&
    cmp -s "$tmp/a" "$tmp/b" && cmp -s "$tmp/a" "$tmp/c" ||
    bad "help, --help and -h differ"
v1=$("$RG" version) && v2=$("$RG" -V) && v3=$("$RG" --version) &&
    [ "$v1" = "$v2" ] && [ "$v1" = "$v3" ] && expr "$v1" : 'reportgen [0-9]' >/dev/null ||
    bad "version, -V and --version: '$v1' '$v2' '$v3'"
[ $status = 0 ] && echo "ok: help COMMAND = COMMAND --help = -h; version = -V = --version"

# Case-insensitive values give the same result.
SOURCE_DATE_EPOCH=1768478400 "$RG" render --paper A4 -o "$tmp/A.pdf" $P 2>/dev/null &&
SOURCE_DATE_EPOCH=1768478400 "$RG" render -p a4 -o "$tmp/a.pdf" $P 2>/dev/null &&
cmp -s "$tmp/A.pdf" "$tmp/a.pdf" || bad "--paper A4 is not --paper a4"
"$RG" score --format JSON $P 2>/dev/null | head -c1 | grep -q '{' ||
    bad "--format JSON does not give JSON"
[ $status = 0 ] && echo "ok: --paper A4 = -p a4 (same bytes); --format JSON"

# One meaning per short option, from the getopt tables.
for c in $cmds; do
	"$RG" $c --list-options >"$tmp/l" || bad "$c --list-options failed"
	awk -F'\t' -v c=$c '$2 != "-" { print $2, $1, c }' "$tmp/l"
done >"$tmp/shorts"
meanings=$(awk '{ print $1, $2 }' "$tmp/shorts" | sort -u | awk '{ print $1 }' | uniq -d)
[ -z "$meanings" ] || { sort "$tmp/shorts"; bad "short options with two meanings: $meanings"; }
for s in -d:--date -D:--data-dir -m:--market -o:--output -p:--paper -q:--quiet; do
	grep -q "^${s%%:*} ${s#*:} " "$tmp/shorts" || bad "${s%%:*} is not ${s#*:}"
done
[ $status = 0 ] && echo "ok: $(awk '{print $1}' "$tmp/shorts" | sort -u | wc -l) short options, one meaning each"
finish $status
