#!/bin/sh
# t_systemd.sh: the shipped systemd units, as `make install` writes them,
# pass `systemd-analyze verify` (no warning at all), name the installed
# binary, and keep their hardening (a change that drops a line fails
# here); docs/cron.md's crontab line uses the installed path (cron's PATH
# has no /usr/local/bin).
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh
need systemd-analyze
B=${B:-build}
B=${B%/asan}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rgsysd.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES
status=0
bad() { echo "FAIL: $*"; status=1; }

# Installed under a prefix that exists, so ExecStart names a real file.
stage=$tmp/stage
make -s B="$B" install DESTDIR= PREFIX="$stage" >"$tmp/make.log" 2>&1 ||
    { cat "$tmp/make.log"; echo "FAIL: make install"; exit 1; }
units=$stage/lib/systemd/system
for u in reportgen.service reportgen.timer; do
	[ -f "$units/$u" ] || bad "make install did not install $u"
done
grep -qx "ExecStart=$stage/bin/reportgen batch .*" "$units/reportgen.service" ||
    bad "ExecStart does not name the installed binary"
grep -q '@BINDIR@' "$units/reportgen.service" && bad "@BINDIR@ left in the unit"

# systemd-analyze verify: status 0 and not one line of output.
SYSTEMD_LOG_LEVEL=warning systemd-analyze verify --man=no \
    "$units/reportgen.service" "$units/reportgen.timer" >"$tmp/verify" 2>&1
rc=$?
if [ $rc != 0 ] || [ -s "$tmp/verify" ]; then
	cat "$tmp/verify"
	bad "systemd-analyze verify exited $rc or warned"
else
	echo "ok: systemd-analyze verify reportgen.service reportgen.timer: silent, 0"
fi

# The hardening the issue asks for stays.
for l in 'User=reportgen' 'ProtectSystem=strict' 'ReadWritePaths=/srv/reports' \
    'NoNewPrivileges=yes' 'Nice=10' 'IOSchedulingClass=idle' \
    'SuccessExitStatus=75' 'KillMode=mixed' 'PrivateNetwork=yes'; do
	grep -qx "$l" "$units/reportgen.service" || bad "reportgen.service lost '$l'"
done
grep -qx 'WantedBy=timers.target' "$units/reportgen.timer" ||
    bad "reportgen.timer is not wanted by timers.target"
# The output directory is the one ExecStart writes to.
grep -q -- '-o /srv/reports ' "$units/reportgen.service" ||
    bad "ExecStart does not write to the ReadWritePaths directory"
[ $status = 0 ] && echo "ok: hardening lines present"

# docs/cron.md: every command line in the crontab block names the
# binary by its installed path.
awk '/^## crontab/ { on = 1; next } /^## / { on = 0 }
    on && /^    [^#]/' docs/cron.md >"$tmp/cron"
[ -s "$tmp/cron" ] || bad "no crontab line in docs/cron.md"
grep -v ' /usr/local/bin/reportgen ' "$tmp/cron" >"$tmp/badcron" &&
    { cat "$tmp/badcron"; bad "docs/cron.md: crontab line without /usr/local/bin/reportgen"; }

make -s B="$B" uninstall DESTDIR= PREFIX="$stage" >/dev/null 2>&1 ||
    bad "make uninstall"
[ ! -e "$units/reportgen.service" ] || bad "uninstall left reportgen.service"
[ $status = 0 ] && echo "systemd units verified"
finish $status
