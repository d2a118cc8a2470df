#!/bin/sh
# t_honest.sh: a test that cannot run says so.  tests/lib.sh does what it
# promises (a missing tool: status 77 and a SKIP line on a developer's
# machine, status 1 under CI=true; all there: 0), and every tests/t_*.sh
# goes through it instead of skipping by hand:
#  - no `command -v` or `which` (a tool looked up by hand: use need or
#    have, which know about CI);
#  - no `exit 0` before the end (a pass that checked nothing), unless the
#    line says "# not a skip" (UPDATE=1 modes);
#  - no echo of "skip" (a skip the runner cannot count: use cannot or
#    not_here).
cd "$(dirname "$0")/.." || exit 1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/t_honest.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# -- lib.sh itself: a fake test per case, run with and without CI=true
fake() {	# fake NAME BODY: a test script that sources lib.sh
	printf 'cd %s || exit 1\n. tests/lib.sh\n%s\n' "$PWD" "$2" >"$tmp/$1.sh"
}
fake need-missing 'need sh rg-no-such-tool; echo ran'
fake need-there 'need sh; echo ran'
fake have-missing 'have rg-no-such-tool "part A" && echo ran-a; echo ran-b; finish 0'
fake have-there 'have sh "part A" && echo ran-a; finish 0'
fake have-failed 'have sh "part A"; finish 2'
fake cannot 'cannot "part A" "no disk to fill"; finish 0'
fake not-here 'not_here "an ASan build"'
# expect NAME CI STATUS [TEXT]: the status (and a line) of one fake
expect() {
	CI=$2 sh "$tmp/$1.sh" >"$tmp/out" 2>&1
	st=$?
	[ "$st" = "$3" ] || { cat "$tmp/out"; fail "lib.sh: $1 with CI=$2: status $st, expected $3"; }
	[ -z "${4:-}" ] || grep -q "$4" "$tmp/out" ||
	    { cat "$tmp/out"; fail "lib.sh: $1 with CI=$2: no line '$4'"; }
}
expect need-missing ''	77 '^SKIP: need-missing: needs rg-no-such-tool'
expect need-missing true 1 '^FAIL: need-missing needs rg-no-such-tool'
expect need-there ''	0 '^ran$'
expect need-there true	0 '^ran$'
expect have-missing ''	77 '^SKIP: have-missing: part A: no rg-no-such-tool'
expect have-missing true 1 '^FAIL: have-missing: part A cannot run'
expect have-missing true 1 '^ran-b$'	# the other parts still run
expect have-there true	0 '^ran-a$'
expect have-failed ''	1
expect cannot ''	77 '^SKIP: cannot: part A: no disk to fill'
expect cannot true	1 'CI=true'
expect not-here ''	77 '^SKIP: not-here: an ASan build'
expect not-here true	77	# the other pass of make test runs it
echo "ok: tests/lib.sh: need, have, cannot, not_here, finish"

# -- the tests go through it
for t in tests/t_*.sh; do
	[ "$t" != tests/t_honest.sh ] || continue	# its messages name them
	# code only: comments and double-quoted strings dropped
	sed -e 's/"[^"]*"//g' -e "s/'[^']*'//g" -e 's/^[[:space:]]*#.*//' \
	    -e 's/[[:space:]]#.*//' "$t" >"$tmp/code"
	grep -n -e 'command -v' -e '\bwhich ' "$tmp/code" | while IFS= read -r l; do
		echo "FAIL: $t:${l%%:*}: a tool looked up by hand (use need or have from tests/lib.sh)"
	done
	grep -nE '(^|[;&|{]|then|else|do)[[:space:]]*exit 0([[:space:]]*($|[;}]))' "$tmp/code" |
	    while IFS= read -r l; do
		sed -n "${l%%:*}p" "$t" | grep -q '# not a skip' && continue
		echo "FAIL: $t:${l%%:*}: exit 0 before the end: a pass that checked nothing? (use need, have, cannot or not_here)"
	done
	grep -niE '^[^#]*echo[^|;]*skip' "$t" | while IFS= read -r l; do
		echo "FAIL: $t:${l%%:*}: a skip by hand, the runner counts it as a pass (use cannot or not_here)"
	done
done >"$tmp/scan"
if [ -s "$tmp/scan" ]; then
	cat "$tmp/scan"
	fails=$((fails + $(wc -l <"$tmp/scan")))
else
	echo "ok: $(ls tests/t_*.sh | wc -l) script tests go through tests/lib.sh"
fi
[ $fails = 0 ]
