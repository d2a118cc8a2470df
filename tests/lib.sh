# tests/lib.sh: what the script tests share about checks that cannot run.
# Source it from a test (after its `cd` to the tree root):  . tests/lib.sh
#
# A check that cannot run (a tool missing, ptrace refused) must not pass
# quietly.  On a developer's machine it is skipped with a visible SKIP line
# and the test ends with status 77, which tests/run-scripts.sh counts as
# "skipped", not "passed".  Under CI=true it fails: CI must run everything
# (`make deps` installs every tool the tests need).
#
#   need TOOL...         the whole test needs TOOL: stop now (77, or 1 in CI)
#   have TOOL WHAT       a part needs TOOL: true when it is there; otherwise
#                        say that WHAT is skipped (or fails, in CI), false
#   cannot WHAT WHY      a part cannot run for another reason (WHY)
#   scratch              a temporary directory in $tmp, removed at exit
#   not_here WHY         the test does not apply to this build: stop (77,
#                        also in CI: another pass of the suite runs it)
#   finish FAILS         the last line of a test that uses have/cannot:
#                        1 when FAILS > 0 or a part could not run in CI,
#                        77 when a part was skipped, else 0

RG_TEST=$(basename "$0" .sh)
RG_SKIPPED=""
RG_CI_FAILED=""

# CI=true (or 1): a check that cannot run is a failure.
in_ci() {
	case ${CI:-} in true|1|yes) return 0 ;; *) return 1 ;; esac
}

# cannot WHAT WHY: record that the check WHAT did not run, and why.
cannot() {
	if in_ci; then
		echo "FAIL: $RG_TEST: $1 cannot run: $2 (CI=true: a check that cannot run fails)"
		RG_CI_FAILED="$RG_CI_FAILED $1"
	else
		echo "SKIP: $RG_TEST: $1: $2"
		RG_SKIPPED="$RG_SKIPPED $1"
	fi
	return 1
}

# on_path TOOL: TOOL is a command on PATH, or an executable file.
on_path() {
	case $1 in
	/*) [ -x "$1" ] ;;
	*) command -v "$1" >/dev/null 2>&1 ;;
	esac
}

have() {
	on_path "$1" && return 0
	cannot "${2:-$1}" "no $1 (make deps installs it)"
}

need() {
	for rg_tool in "$@"; do
		on_path "$rg_tool" && continue
		if in_ci; then
			echo "FAIL: $RG_TEST needs $rg_tool, which is missing (CI=true: a test that cannot run fails; make deps installs it)"
			exit 1
		fi
		echo "SKIP: $RG_TEST: needs $rg_tool (make deps installs it)"
		exit 77
	done
}

# scratch: a temporary directory in $tmp for the test, removed at exit.
scratch() {
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/$RG_TEST.XXXXXX") || exit 1
	trap 'rm -rf "$tmp"' EXIT INT TERM
}

not_here() {
	echo "SKIP: $RG_TEST: $*"
	exit 77
}

finish() {
	[ "${1:-0}" = 0 ] || exit 1
	[ -z "$RG_CI_FAILED" ] || exit 1
	[ -z "$RG_SKIPPED" ] || { echo "SKIP: $RG_TEST: skipped:$RG_SKIPPED"; exit 77; }
	exit 0
}
